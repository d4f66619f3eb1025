import { useTranslation } from "react-i18next";
import { usePersonName } from "../../lib/person-name";
import type { Dashboard } from "./types";

/** Who attended everything, and who stayed away without saying so. */
export function SeriesSummary({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation("dashboard");
  const personName = usePersonName();
  return (
    <section aria-labelledby="summary-heading" className="summary">
      <h2 id="summary-heading">{t("summary.heading")}</h2>
      <h3>{t("summary.attendedAll", { count: dashboard.sessions.length })}</h3>
      {dashboard.attendedAll.length === 0 ? (
        <p>{t("summary.attendedAllNone")}</p>
      ) : (
        <ul>
          {dashboard.attendedAll.map((p) => (
            <li key={p.participantId}>{personName.name(p)}</li>
          ))}
        </ul>
      )}
      <h3>{t("summary.absentees")}</h3>
      {dashboard.absentees.length === 0 ? (
        <p>{t("summary.absenteesNone")}</p>
      ) : (
        <ul>
          {dashboard.absentees.map((a) => (
            <li key={a.participantId}>
              {t("summary.absentFrom", {
                name: personName.name(a),
                organisation: a.organisation,
                sessions: a.sessionPositions.join(", "),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
