import { useQuery } from "@tanstack/react-query";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { formatDateTime, useLocale } from "../../lib/locale";

interface OutboxMail {
  id: number;
  receivedAt: string;
  to: string[];
  subject: string;
  text: string;
  attachments: Array<{ name: string; type: string; size: number; url: string }>;
}

/** Mail text with its links made clickable; everything else stays plain text (React escapes it). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** Dev only: what the local SMTP sink caught, so a person can click their sign-in link. */
export function OutboxPage() {
  const { t } = useTranslation("account");
  const { t: tc } = useTranslation("common");
  const locale = useLocale();
  const outbox = useQuery({
    queryKey: ["dev-outbox"],
    queryFn: async () => {
      const response = await fetch("/api/dev/outbox");
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`outbox: ${response.status}`);
      return ((await response.json()) as { mails: OutboxMail[] }).mails;
    },
    refetchInterval: 3000,
  });
  return (
    <>
      <PageTitle>{t("outbox.title")}</PageTitle>
      {outbox.isPending && <p role="status">{tc("loading")}</p>}
      {outbox.data === null && <p>{t("outbox.unavailable")}</p>}
      {outbox.data && (
        <>
          <p>{t("outbox.intro")}</p>
          {outbox.data.length === 0 && <p>{t("outbox.empty")}</p>}
          <ol className="outbox">
            {outbox.data.map((mail) => (
              <li key={mail.id}>
                <article aria-labelledby={`mail-${mail.id}`}>
                  <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
                  <p className="muted">
                    {t("outbox.to")}: {mail.to.join(", ")} · {t("outbox.at")}:{" "}
                    {formatDateTime(mail.receivedAt, locale, { dateStyle: "medium", timeStyle: "medium" })}
                  </p>
                  <pre className="mail-text">
                    <Linkified text={mail.text} />
                  </pre>
                  {mail.attachments.length > 0 && (
                    <>
                      <h3>{t("outbox.attachments")}</h3>
                      <ul className="attachments">
                        {mail.attachments.map((a) => (
                          <li key={a.url}>
                            <a href={a.url} download={a.name}>
                              {a.name}
                            </a>{" "}
                            <span className="muted">
                              ({a.type.split(";")[0]}, {t("outbox.size", { size: a.size })})
                            </span>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </article>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
