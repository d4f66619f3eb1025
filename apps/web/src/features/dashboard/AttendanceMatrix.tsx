import { useTranslation } from "react-i18next";
import type { Dashboard } from "./types";
import { percent, useLocale } from "./use-locale";

/** The person × session matrix: minutes and share of the session, or why someone was not there. */
export function AttendanceMatrix({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation("dashboard");
  const locale = useLocale();
  if (dashboard.rows.length === 0) return <p>{t("matrix.empty")}</p>;
  return (
    <div className="table-scroll">
      <table className="matrix">
        <caption>{t("matrix.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("matrix.person")}</th>
            <th scope="col">{t("matrix.organisation")}</th>
            {dashboard.sessions.map((s) => (
              <th scope="col" key={s.id}>
                {t("session", { position: s.position })}
              </th>
            ))}
            <th scope="col">{t("matrix.allSessions")}</th>
          </tr>
        </thead>
        <tbody>
          {dashboard.rows.map((row) => (
            <tr key={row.participantId}>
              <th scope="row">{row.name}</th>
              <td>{row.organisation}</td>
              {row.cells.map((cell) => (
                <td key={cell.sessionId} className={`cell-${cell.state}`}>
                  {cell.state === "present"
                    ? t("matrix.present", { minutes: cell.minutes, share: percent(cell.share ?? 0, locale) })
                    : t(`matrix.${cell.state}`)}
                </td>
              ))}
              <td>{row.attendedAll ? t("matrix.yes") : t("matrix.no")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
