import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { formatDate, useLocale } from "../../lib/locale";

/** The day this statement was last assessed; change it with the text. */
export const STATEMENT_DATE = "2026-11-30";

const LIMITATIONS = ["captions", "sharedScreens", "pdf", "signInLink", "logos"] as const;

/** The address people write to about accessibility, from the server's settings. */
async function fetchContact(): Promise<{ email: string | null }> {
  const response = await fetch("/api/accessibility");
  if (!response.ok) return { email: null };
  return (await response.json()) as { email: string | null };
}

/** The accessibility statement, after the Dutch government's model (toegankelijkheidsverklaring). */
export function AccessibilityPage() {
  const { t } = useTranslation("accessibility");
  const locale = useLocale();
  const contact = useQuery({ queryKey: ["accessibility-contact"], queryFn: fetchContact, retry: false });
  return (
    <article className="statement">
      <PageTitle>{t("title")}</PageTitle>
      <p className="lead">{t("intro")}</p>

      <section aria-labelledby="status-heading">
        <h2 id="status-heading">{t("statusHeading")}</h2>
        <p>
          <strong className="statement-status">{t("status")}</strong>
        </p>
        <p>{t("statusText")}</p>
        <dl className="statement-facts">
          <dt>{t("dateLabel")}</dt>
          <dd>
            <time dateTime={STATEMENT_DATE}>{formatDate(STATEMENT_DATE, locale)}</time>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="limitations-heading">
        <h2 id="limitations-heading">{t("limitationsHeading")}</h2>
        {LIMITATIONS.map((key) => (
          <section key={key} aria-labelledby={`limitation-${key}`}>
            <h3 id={`limitation-${key}`}>{t(`limitations.${key}.title`)}</h3>
            <p>{t(`limitations.${key}.text`)}</p>
          </section>
        ))}
      </section>

      <section aria-labelledby="basis-heading">
        <h2 id="basis-heading">{t("basisHeading")}</h2>
        <p>{t("basis")}</p>
      </section>

      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t("contactHeading")}</h2>
        {contact.data?.email ? (
          <p>
            {t("contact")} <a href={`mailto:${contact.data.email}`}>{contact.data.email}</a>
          </p>
        ) : (
          <p>{t("contactNone")}</p>
        )}
        <p>{t("contactAnswer")}</p>
      </section>
      <p className="muted">{t("modelNote")}</p>
    </article>
  );
}
