import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { formatDate, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { AnswersTable } from "./AnswersTable";
import { CalendarFeedLink } from "./CalendarFeedLink";
import {
  AccessError,
  type Answer,
  fieldErrorsOf,
  sessionHeading,
  useSeriesFromSlug,
  useSlotLabel,
} from "./shared";

const ANSWERS: Answer[] = ["yes", "if_need_be", "no"];

interface Draft {
  answer: Answer | null;
  comment: string;
}

/**
 * The member's availability grid. Every slot is a real radio group (fieldset + legend), so keyboard
 * users move between answers with the arrow keys and screen readers announce slot and answer.
 */
export function AvailabilityPage() {
  const { t } = useTranslation(["scheduling", "common"]);
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const series = useSeriesFromSlug();
  const seriesId = series.data?.id ?? "";
  const poll = useQuery({ ...trpc.scheduling.myPoll.queryOptions({ seriesId }), enabled: !!seriesId });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [status, setStatus] = useState("");
  const save = useMutation(
    trpc.scheduling.answer.mutationOptions({
      onSuccess: async () => {
        setStatus(t("scheduling:availability.saved"));
        await queryClient.invalidateQueries({ queryKey: trpc.scheduling.myPoll.queryKey({ seriesId }) });
      },
      onError: () => setStatus(""),
    }),
  );
  const slotLabel = useSlotLabel(poll.data?.timeZone ?? "Europe/Amsterdam");

  // Start from the saved answers, once they arrive.
  useEffect(() => {
    if (!poll.data) return;
    const mine = poll.data.answers.filter((a) => a.participantId === poll.data.me);
    setDrafts((current) => {
      const next = { ...current };
      for (const a of mine) next[a.slotId] ??= { answer: a.answer, comment: a.comment ?? "" };
      return next;
    });
  }, [poll.data]);

  if (series.isError) return <AccessError error={series.error} />;
  const view = poll.data;
  const open = view?.poll?.open === true;
  const errors = fieldErrorsOf(save.error);

  function update(slotId: string, change: Partial<Draft>) {
    setStatus("");
    setDrafts((current) => ({
      ...current,
      [slotId]: { answer: null, comment: "", ...current[slotId], ...change },
    }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const answers = Object.entries(drafts).flatMap(([slotId, d]) =>
      d.answer ? [{ slotId, answer: d.answer, comment: d.comment.trim() || undefined }] : [],
    );
    if (answers.length === 0) {
      setStatus(t("scheduling:availability.nothingToSave"));
      return;
    }
    setStatus(t("scheduling:availability.saving"));
    save.mutate({ seriesId, answers });
  }

  return (
    <>
      <PageTitle>{t("scheduling:availability.title")}</PageTitle>
      {(series.isPending || (seriesId && poll.isPending)) && <p role="status">{t("common:loading")}</p>}
      {poll.isError && <AccessError error={poll.error} />}
      {view && !view.poll && <p>{t("scheduling:availability.noPoll")}</p>}
      {view?.poll && (
        <form className="availability" onSubmit={submit} noValidate>
          <p className="lead">{t("scheduling:availability.intro")}</p>
          <p>
            {open
              ? t("scheduling:availability.deadline", { date: formatDate(view.poll.deadlineDate, locale) })
              : t("scheduling:availability.closed")}{" "}
            {t("scheduling:timeZoneNote", { timeZone: view.timeZone })}
          </p>
          {view.sessions.map((session) => (
            <section
              key={session.id}
              aria-labelledby={`session-${session.id}`}
              className="availability-session"
            >
              <h2 id={`session-${session.id}`}>{sessionHeading(t, session, locale)}</h2>
              {session.slots.map((slot) => {
                const draft = drafts[slot.id];
                const label = slotLabel(slot);
                return (
                  <fieldset key={slot.id} className="slot-answer" disabled={!open}>
                    <legend>{label}</legend>
                    <div className="slot-options">
                      {ANSWERS.map((answer) => (
                        <label key={answer} className={`option option-${answer}`}>
                          <input
                            type="radio"
                            name={`answer-${slot.id}`}
                            value={answer}
                            checked={draft?.answer === answer}
                            onChange={() => update(slot.id, { answer })}
                          />
                          <span aria-hidden="true">{t(`scheduling:symbols.${answer}`)}</span>{" "}
                          {t(`scheduling:answers.${answer}`)}
                        </label>
                      ))}
                    </div>
                    <label className="slot-comment">
                      {t("scheduling:availability.comment")}
                      <input
                        type="text"
                        maxLength={500}
                        value={draft?.comment ?? ""}
                        onChange={(e) => update(slot.id, { comment: e.target.value })}
                      />
                    </label>
                  </fieldset>
                );
              })}
            </section>
          ))}
          {Object.keys(errors).length > 0 && (
            <p className="field-error" role="alert">
              {Object.values(errors).flat().join(" ")}
            </p>
          )}
          {save.isError && Object.keys(errors).length === 0 && <AccessError error={save.error} />}
          {open && (
            <button type="submit" disabled={save.isPending}>
              {t("scheduling:availability.save")}
            </button>
          )}
          <p role="status" aria-live="polite" className="form-status">
            {status}
          </p>
        </form>
      )}
      {view?.poll?.showAnswersToMembers && view.people.length > 1 && (
        <section aria-labelledby="others-heading">
          <h2 id="others-heading">{t("scheduling:availability.othersHeading")}</h2>
          <AnswersTable view={view} />
        </section>
      )}
      {view && <CalendarFeedLink />}
    </>
  );
}
