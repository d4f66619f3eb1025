import { type AgendaView, pickLocale } from "@reeks/models";
import { useTranslation } from "react-i18next";
import { Table } from "../../components/ui";
import { useLocale } from "../../lib/locale";
import { formatClock } from "./agenda-clock";
import { useAgenda } from "./use-agenda";

/**
 * The agenda as a list (session page, waiting page), and once segments have run, planned against
 * actual time per segment.
 */
export function AgendaList(props: { sessionId: string; headingLevel?: 2 | 3 }) {
  const agenda = useAgenda(props.sessionId);
  if (!agenda.data || agenda.data.segments.length === 0) return null;
  return <AgendaListView agenda={agenda.data} headingLevel={props.headingLevel ?? 2} />;
}

export function AgendaListView({ agenda, headingLevel }: { agenda: AgendaView; headingLevel: 2 | 3 }) {
  const { t } = useTranslation("agenda");
  const locale = useLocale();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const total = agenda.segments.reduce((sum, s) => sum + s.plannedMinutes, 0);
  const ran = agenda.segments.some((s) => s.actualMs !== null);
  return (
    <section className="agenda" aria-labelledby={`agenda-${agenda.sessionId}`} data-testid="agenda-list">
      <Heading id={`agenda-${agenda.sessionId}`}>{t("heading")}</Heading>
      <ol className="agenda-list">
        {agenda.segments.map((s) => (
          <li key={s.id} aria-current={s.id === agenda.timer.currentSegmentId ? "step" : undefined}>
            <span className="agenda-minutes">{t("minutes", { count: s.plannedMinutes })}</span>
            <span className="agenda-title">
              <strong>{pickLocale(s.title, locale)}</strong>
              <span className="muted">
                {" "}
                · {t(`kind.${s.kind}`)}
                {s.speaker ? ` · ${t("speaker", { name: s.speaker.name })}` : ""}
              </span>
            </span>
          </li>
        ))}
      </ol>
      <p className="muted">{t("total", { count: total })}</p>
      {ran ? (
        <Table caption={t("plannedVsActual")} compact>
          <thead>
            <tr>
              <th scope="col">{t("table.segment")}</th>
              <th scope="col">{t("table.planned")}</th>
              <th scope="col">{t("table.actual")}</th>
              <th scope="col">{t("table.difference")}</th>
            </tr>
          </thead>
          <tbody>
            {agenda.segments.map((s) => {
              const planned = s.plannedMinutes * 60_000;
              const diff = s.actualMs === null ? null : s.actualMs - planned;
              return (
                <tr key={s.id}>
                  <th scope="row">{pickLocale(s.title, locale)}</th>
                  <td>{formatClock(planned)}</td>
                  <td>{s.actualMs === null ? t("table.notHeld") : formatClock(s.actualMs)}</td>
                  <td>{diff === null ? "—" : `${diff >= 0 ? "+" : "−"}${formatClock(Math.abs(diff))}`}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
