import type { RouterOutputs } from "@reeks/api";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { formatDateTime, useLocale } from "../../lib/locale";
import { usePersonName } from "../../lib/person-name";
import { useTRPC } from "../../lib/trpc";

type AuditLine = RouterOutputs["review"]["audit"][number];

/** "Olga de Vries maakte Anna Jansen moderator": one sentence per action, in the reader's language. */
export function useAuditSentence() {
  const { t } = useTranslation("account");
  const locale = useLocale();
  const personName = usePersonName();
  const list = new Intl.ListFormat(locale === "nl" ? "nl-NL" : "en-GB", { type: "conjunction" });
  const role = (value: string | null) => (value ? t(`roles.${value}`, { defaultValue: "" }) : "");
  return (line: AuditLine): string => {
    const values = {
      actor: line.actor ? personName.name(line.actor) : t("auditLog.system"),
      people: line.people.length
        ? list.format(line.people.map((p) => personName.name(p)))
        : t("auditLog.someone"),
      session: line.session ?? "",
      count: line.count,
      to: role(line.to),
      role: role(line.role),
    };
    // Only the known verbs; anything newer still reads as a sentence, never as a code.
    return t(`auditLog.actions.${line.action}`, { ...values, defaultValue: t("auditLog.other", values) });
  };
}

export function AuditLog({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation("account");
  const locale = useLocale();
  const trpc = useTRPC();
  const sentence = useAuditSentence();
  const audit = useQuery(trpc.review.audit.queryOptions({ seriesId }, { enabled: !!seriesId }));
  return (
    <section aria-labelledby="audit-heading" className="audit-log">
      <h2 id="audit-heading">{t("auditLog.heading")}</h2>
      {audit.data?.length === 0 && <p>{t("auditLog.empty")}</p>}
      {!!audit.data?.length && (
        <ol className="audit-lines">
          {audit.data.map((line) => (
            <li key={line.id}>
              <time dateTime={line.at} className="muted">
                {formatDateTime(line.at, locale, { dateStyle: "medium", timeStyle: "short" })}
              </time>{" "}
              <span>{sentence(line)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
