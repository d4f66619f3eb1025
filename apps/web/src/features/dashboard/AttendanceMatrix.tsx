import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { formatPercent, useLocale } from "../../lib/locale";
import { isErased, usePersonName } from "../../lib/person-name";
import { useTRPC } from "../../lib/trpc";
import type { Dashboard, DashboardRow, DashboardSession } from "./types";

/** The person × session matrix: minutes and share of the session, or why someone was not there. */
export function AttendanceMatrix({ seriesId, dashboard }: { seriesId: string; dashboard: Dashboard }) {
  const { t } = useTranslation("dashboard");
  const personName = usePersonName();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const excuse = useMutation(
    trpc.exports.setExcused.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.exports.dashboard.queryKey({ seriesId }) }),
    }),
  );
  if (dashboard.rows.length === 0) return <p>{t("matrix.empty")}</p>;

  function cellContent(row: DashboardRow, session: DashboardSession, index: number) {
    const cell = row.cells[index];
    if (!cell) return null;
    if (cell.state === "present") {
      const present = t("matrix.present", {
        minutes: cell.minutes,
        share: formatPercent(cell.share ?? 0, locale),
      });
      if (cell.groups.length === 0) return present;
      return (
        <>
          {present}
          <span className="matrix-groups">
            {t("matrix.groups", { count: cell.groups.length, groups: cell.groups.join(", ") })}
          </span>
        </>
      );
    }
    const excused = cell.state === "excused";
    // An erased account is counted, but nobody acts on it any more.
    if (isErased(row)) return <span>{t(`matrix.${cell.state}`)}</span>;
    return (
      <>
        <span>{t(`matrix.${cell.state}`)}</span>{" "}
        <button
          type="button"
          className="excuse-toggle"
          aria-pressed={excused}
          disabled={excuse.isPending}
          aria-label={t("matrix.excuseLabel", { name: row.name, position: session.position })}
          onClick={() =>
            excuse.mutate({ sessionId: session.id, participantId: row.participantId, excused: !excused })
          }
        >
          {t("matrix.excuseButton")}
        </button>
      </>
    );
  }

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
              <th scope="row">{personName.name(row)}</th>
              <td>{row.organisation}</td>
              {dashboard.sessions.map((session, index) => (
                <td key={session.id} className={`cell-${row.cells[index]?.state ?? "not_held"}`}>
                  {cellContent(row, session, index)}
                </td>
              ))}
              <td>{row.attendedAll ? t("matrix.yes") : t("matrix.no")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {excuse.isError && <p role="alert">{t("matrix.excuseFailed")}</p>}
    </div>
  );
}
