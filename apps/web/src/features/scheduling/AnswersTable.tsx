import { useTranslation } from "react-i18next";
import { useLocale } from "../../lib/locale";
import { type Answer, type PollView, sessionHeading, useShortSlot } from "./shared";

type Count = Answer | "none";
const COUNTED: Answer[] = ["yes", "if_need_be", "no"];

/** How warm a date's "yes" count looks: four steps of the heat tokens, from nobody to everyone. */
function heatLevel(yes: number, people: number): number {
  if (people === 0 || yes === 0) return 0;
  return Math.min(3, Math.ceil((yes / people) * 3));
}

/**
 * People × dates, as Rallly shows a poll, but a real table: a caption, a header row per session
 * (colgroup) and per date (weekday, day and time on their own lines), a row header per person. The
 * heatmap rows (how many said yes, if need be, no) sit in the header, so they stay in view while the
 * rows scroll. Each cell shows a symbol with its word for screen readers; colour only repeats them.
 */
export function AnswersGrid({ view, caption }: { view: PollView; caption: string }) {
  const { t } = useTranslation("scheduling");
  const locale = useLocale();
  const shortSlot = useShortSlot(view.timeZone);
  const sessions = view.sessions.filter((s) => s.slots.length > 0);
  const slots = sessions.flatMap((s) => s.slots);
  const answers = new Map(view.answers.map((a) => [`${a.participantId}/${a.slotId}`, a]));
  const counts = new Map(
    slots.map((slot) => {
      const bySlot = view.answers.filter((a) => a.slotId === slot.id);
      const count = (answer: Count) => bySlot.filter((a) => a.answer === answer).length;
      return [slot.id, { yes: count("yes"), if_need_be: count("if_need_be"), no: count("no") }] as const;
    }),
  );
  const comments = view.answers.filter((a) => a.comment);
  const nameOf = new Map(view.people.map((p) => [p.participantId, p.name]));
  const slotById = new Map(slots.map((slot) => [slot.id, slot]));
  return (
    <>
      <p className="grid-legend">
        {(["yes", "if_need_be", "no", "none"] as const).map((answer) => (
          <span key={answer} className={`grid-legend-item cell-${answer}`}>
            <span aria-hidden="true">{t(`symbols.${answer}`)}</span> {t(`answers.${answer}`)}
          </span>
        ))}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard to scroll it (WCAG 2.1.1, axe scrollable-region-focusable). */}
      <section className="grid-scroll" tabIndex={0} aria-label={caption}>
        <table className="answers-grid">
          <caption className="grid-caption">{caption}</caption>
          <thead>
            <tr>
              <td className="grid-corner" />
              {sessions.map((session) => (
                <th
                  key={session.id}
                  scope="colgroup"
                  colSpan={session.slots.length}
                  className="grid-session"
                  title={sessionHeading(t, session, locale)}
                >
                  {t("planning.sessionShort", { position: session.position })}
                </th>
              ))}
            </tr>
            <tr>
              <th scope="col" className="grid-corner grid-person-head">
                {t("planning.person")}
              </th>
              {sessions.flatMap((session) =>
                session.slots.map((slot, i) => {
                  const when = shortSlot(slot);
                  return (
                    <th
                      scope="col"
                      key={slot.id}
                      className={`grid-date ${i === 0 ? "grid-session-start" : ""}`}
                    >
                      <span className="visually-hidden">
                        {t("planning.sessionShort", { position: session.position })},{" "}
                      </span>
                      <span className="grid-line">{when.weekday}</span>
                      <span className="grid-line">{when.day}</span>
                      <span className="grid-line grid-time">{slot.start}</span>
                    </th>
                  );
                }),
              )}
            </tr>
            {COUNTED.map((answer) => (
              <tr key={answer} className={`grid-count-row grid-count-${answer}`}>
                <th scope="row" className="grid-person">
                  <span aria-hidden="true">{t(`symbols.${answer}`)} </span>
                  {t(`planning.countRow.${answer}`)}
                </th>
                {slots.map((slot) => {
                  const count = counts.get(slot.id)?.[answer] ?? 0;
                  return (
                    <td
                      key={slot.id}
                      className={
                        answer === "yes"
                          ? `grid-heat heat-${heatLevel(count, view.people.length)}`
                          : "grid-count"
                      }
                    >
                      {count}
                    </td>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {view.people.map((person) => (
              <tr key={person.participantId}>
                <th scope="row" className="grid-person">
                  {person.name}
                  {person.required && <span className="grid-required"> {t("planning.requiredMark")}</span>}
                </th>
                {slots.map((slot) => {
                  const answer = answers.get(`${person.participantId}/${slot.id}`);
                  const key: Count = answer?.answer ?? "none";
                  return (
                    <td key={slot.id} className={`grid-cell cell-${key}`}>
                      <span aria-hidden="true">
                        {t(`symbols.${key}`)}
                        {answer?.comment ? "*" : ""}
                      </span>
                      <span className="visually-hidden">
                        {t(`answers.${key}`)}
                        {answer?.comment ? `: ${answer.comment}` : ""}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {comments.length > 0 && (
        <>
          <h3 className="grid-comments-heading">{t("planning.commentsHeading")}</h3>
          <ul className="grid-comments">
            {comments.map((a) => {
              const slot = slotById.get(a.slotId);
              return (
                <li key={`${a.participantId}/${a.slotId}`}>
                  <strong>{nameOf.get(a.participantId) ?? ""}</strong>, {slot ? shortSlot(slot).full : ""}:{" "}
                  {a.comment}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}
