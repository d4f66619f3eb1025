import { pickLocale } from "@reeks/models";
import { useQuery } from "@tanstack/react-query";
import { ClipboardCheck } from "lucide-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";

/** On the home page: the evaluations the signed-in person may still fill in (nothing when none). */
export function PendingEvaluations() {
  const { t } = useTranslation("evaluation");
  const locale = useLocale();
  const id = useId();
  const trpc = useTRPC();
  const pending = useQuery(trpc.evaluation.pending.queryOptions());
  if (!pending.data?.length) return null;
  return (
    <section className="notice pending-evaluations" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        <ClipboardCheck aria-hidden="true" className="ui-icon" /> {t("pending.heading")}
      </h2>
      <ul>
        {pending.data.map((e) => (
          <li key={e.sessionId}>
            <Link to={`/sessies/${e.sessionId}/evaluatie`}>
              {t("pending.item", { position: e.position, title: pickLocale(e.title, locale) })}
            </Link>{" "}
            <span className="muted">
              ({pickLocale(e.seriesTitle, locale)}; {t(`pending.${e.mode}`)};{" "}
              {t("pending.until", {
                date: formatDateTime(e.deadline, locale, { dateStyle: "long", timeStyle: "short" }),
              })}
              )
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
