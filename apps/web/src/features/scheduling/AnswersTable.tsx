import { useTranslation } from "react-i18next";
import { AnswerText, type PollView, useSlotLabel } from "./shared";

/**
 * People × slots: the heatmap. A real table with text in every cell (symbol + word), so it reads the
 * same with a screen reader, in high contrast, or printed; colour only repeats what the text says.
 */
export function AnswersTable({ view, caption }: { view: PollView; caption?: string }) {
  const { t } = useTranslation("scheduling");
  const slotLabel = useSlotLabel(view.timeZone);
  const slots = view.sessions.flatMap((s) => s.slots.map((slot) => ({ slot, position: s.position })));
  const answerOf = (participantId: string, slotId: string) =>
    view.answers.find((a) => a.participantId === participantId && a.slotId === slotId) ?? null;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard to scroll it (WCAG 2.1.1, axe scrollable-region-focusable).
    <section className="table-scroll" tabIndex={0} aria-label={caption ?? t("planning.viewPeople")}>
      <table className="heatmap">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{t("planning.person")}</th>
            {slots.map(({ slot, position }) => (
              <th scope="col" key={slot.id}>
                <span className="heatmap-session">{position}</span> {slotLabel(slot)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.people.map((person) => (
            <tr key={person.participantId}>
              <th scope="row">
                {person.name} {person.required && <span className="muted">{t("planning.requiredMark")}</span>}
              </th>
              {slots.map(({ slot }) => {
                const answer = answerOf(person.participantId, slot.id);
                return (
                  <td key={slot.id} className={`cell-${answer?.answer ?? "none"}`}>
                    <AnswerText answer={answer?.answer ?? null} />
                    {answer?.comment && <span className="cell-comment">{answer.comment}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The text alternative: per slot, how many answered what. */
export function AnswerCountsTable({ view, caption }: { view: PollView; caption: string }) {
  const { t } = useTranslation("scheduling");
  const slotLabel = useSlotLabel(view.timeZone);
  return (
    <table className="counts">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("planning.date")}</th>
          <th scope="col">{t("answers.yes")}</th>
          <th scope="col">{t("answers.if_need_be")}</th>
          <th scope="col">{t("answers.no")}</th>
          <th scope="col">{t("answers.none")}</th>
        </tr>
      </thead>
      <tbody>
        {view.sessions.flatMap((session) =>
          session.slots.map((slot) => {
            const answers = view.answers.filter((a) => a.slotId === slot.id);
            const count = (answer: string) => answers.filter((a) => a.answer === answer).length;
            return (
              <tr key={slot.id}>
                <th scope="row">
                  {session.position}. {slotLabel(slot)}
                </th>
                <td>{count("yes")}</td>
                <td>{count("if_need_be")}</td>
                <td>{count("no")}</td>
                <td>{view.people.length - answers.length}</td>
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );
}
