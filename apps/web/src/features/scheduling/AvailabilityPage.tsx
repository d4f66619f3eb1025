import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCheck, MessageSquare } from "lucide-react";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { Button, type Choice, ChoiceGroup, TextField } from "../../components/ui";
import { formatDate, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { AnswersGrid } from "./AnswersTable";
import { CalendarFeedLink } from "./CalendarFeedLink";
import "./scheduling.css";
import {
  AccessError,
  type Answer,
  fieldErrorsOf,
  type PollView,
  type Slot,
  sessionHeading,
  useSeriesFromSlug,
  useShortSlot,
} from "./shared";

const ANSWERS: Answer[] = ["yes", "if_need_be", "no"];

interface Draft {
  answer: Answer | null;
  comment: string;
  /** The comment field is shown (it is, from the start, when a comment was saved). */
  commenting: boolean;
}

/**
 * The member's availability: every candidate date on one screen, a column per session, each date a
 * radio group of three (one tab stop; arrow keys choose), with "all yes" for the whole poll and per
 * session. Comments hide behind a button per date so 24 dates stay compact.
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

  // Start from the saved answers, once they arrive.
  useEffect(() => {
    if (!poll.data) return;
    const mine = poll.data.answers.filter((a) => a.participantId === poll.data.me);
    setDrafts((current) => {
      const next = { ...current };
      for (const a of mine)
        next[a.slotId] ??= { answer: a.answer, comment: a.comment ?? "", commenting: Boolean(a.comment) };
      return next;
    });
  }, [poll.data]);

  if (series.isError) return <AccessError error={series.error} />;
  const view = poll.data;
  const open = view?.poll?.open === true;
  const errors = fieldErrorsOf(save.error);
  const allSlots = view?.sessions.flatMap((s) => s.slots) ?? [];
  const answered = allSlots.filter((slot) => drafts[slot.id]?.answer).length;

  function update(slotIds: string[], change: Partial<Draft>) {
    setStatus("");
    setDrafts((current) => {
      const next = { ...current };
      for (const id of slotIds)
        next[id] = { answer: null, comment: "", commenting: false, ...next[id], ...change };
      return next;
    });
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
    <div className="page-wide">
      <PageTitle>{t("scheduling:availability.title")}</PageTitle>
      {(series.isPending || (seriesId && poll.isPending)) && <p role="status">{t("common:loading")}</p>}
      {poll.isError && <AccessError error={poll.error} />}
      {view && !view.poll && <p>{t("scheduling:availability.noPoll")}</p>}
      {view?.poll && (
        <form className="availability" onSubmit={submit} noValidate>
          <p className="availability-intro">
            {t("scheduling:availability.intro")}{" "}
            {open
              ? t("scheduling:availability.deadline", { date: formatDate(view.poll.deadlineDate, locale) })
              : t("scheduling:availability.closed")}{" "}
            {t("scheduling:timeZoneNote", { timeZone: view.timeZone })}
          </p>
          {open && allSlots.length > 0 && (
            <div className="availability-toolbar">
              <p className="availability-progress">
                {t("scheduling:availability.progress", { count: answered, total: allSlots.length })}
              </p>
              <Button
                icon={CheckCheck}
                onPress={() =>
                  update(
                    allSlots.filter((slot) => !drafts[slot.id]?.answer).map((slot) => slot.id),
                    { answer: "yes" },
                  )
                }
              >
                {t("scheduling:availability.restYes")}
              </Button>
              <Button
                icon={CheckCheck}
                onPress={() =>
                  update(
                    allSlots.map((slot) => slot.id),
                    { answer: "yes" },
                  )
                }
              >
                {t("scheduling:availability.allYes")}
              </Button>
            </div>
          )}
          <div className="availability-board">
            {view.sessions.map((session) => (
              <SessionColumn
                key={session.id}
                view={view}
                session={session}
                drafts={drafts}
                open={open}
                onChange={update}
              />
            ))}
          </div>
          {Object.keys(errors).length > 0 && (
            <p className="field-error" role="alert">
              {Object.values(errors).flat().join(" ")}
            </p>
          )}
          {save.isError && Object.keys(errors).length === 0 && <AccessError error={save.error} />}
          <div className="availability-actions">
            {open && (
              <Button type="submit" variant="primary" isDisabled={save.isPending}>
                {t("scheduling:availability.save")}
              </Button>
            )}
            <p role="status" aria-live="polite" className="form-status">
              {status}
            </p>
          </div>
        </form>
      )}
      {view?.poll?.showAnswersToMembers && view.people.length > 1 && (
        <section aria-labelledby="others-heading" className="others-answers">
          <h2 id="others-heading">{t("scheduling:availability.othersHeading")}</h2>
          <details>
            <summary>{t("scheduling:availability.othersShow", { count: view.people.length })}</summary>
            <AnswersGrid view={view} caption={t("scheduling:availability.othersHeading")} />
          </details>
        </section>
      )}
      {view && <CalendarFeedLink />}
    </div>
  );
}

function SessionColumn(props: {
  view: PollView;
  session: PollView["sessions"][number];
  drafts: Record<string, Draft>;
  open: boolean;
  onChange: (slotIds: string[], change: Partial<Draft>) => void;
}) {
  const { t } = useTranslation("scheduling");
  const locale = useLocale();
  const { session } = props;
  const headingId = `session-${session.id}`;
  const heading = sessionHeading(t, session, locale);
  return (
    <section aria-labelledby={headingId} className="availability-session">
      <div className="availability-session-head">
        <h2 id={headingId}>{heading}</h2>
        {props.open && session.slots.length > 1 && (
          <Button
            variant="quiet"
            className="availability-session-all"
            aria-label={t("availability.sessionYesLabel", { position: session.position })}
            onPress={() =>
              props.onChange(
                session.slots.map((slot) => slot.id),
                { answer: "yes" },
              )
            }
          >
            {t("availability.sessionYes")}
          </Button>
        )}
      </div>
      <ul className="availability-slots">
        {session.slots.map((slot) => (
          <SlotRow
            key={slot.id}
            view={props.view}
            slot={slot}
            draft={props.drafts[slot.id]}
            open={props.open}
            onChange={(change) => props.onChange([slot.id], change)}
          />
        ))}
      </ul>
    </section>
  );
}

function SlotRow(props: {
  view: PollView;
  slot: Slot;
  draft: Draft | undefined;
  open: boolean;
  onChange: (change: Partial<Draft>) => void;
}) {
  const { t } = useTranslation("scheduling");
  const shortSlot = useShortSlot(props.view.timeZone);
  const when = shortSlot(props.slot);
  const choices: Array<Choice<Answer>> = ANSWERS.map((answer) => ({
    id: answer,
    label: t(`answers.${answer}`),
    symbol: t(`symbols.${answer}`),
  }));
  const commenting = props.draft?.commenting === true;
  const commentId = `comment-${props.slot.id}`;
  return (
    <li className="availability-slot" data-answer={props.draft?.answer ?? "none"}>
      <span className="availability-when" aria-hidden="true">
        <span className="availability-day">
          {when.weekday} {when.day}
        </span>{" "}
        <span className="availability-time">{when.time}</span>
      </span>
      <ChoiceGroup
        aria-label={when.full}
        choices={choices}
        value={props.draft?.answer ?? null}
        onChange={(answer) => props.onChange({ answer })}
        isDisabled={!props.open}
      />
      <Button
        variant="quiet"
        className="ui-icon-button availability-comment-toggle"
        aria-label={t("availability.commentFor", { slot: when.full })}
        aria-expanded={commenting}
        aria-controls={commenting ? commentId : undefined}
        isDisabled={!props.open && !props.draft?.comment}
        onPress={() => props.onChange({ commenting: !commenting })}
      >
        <MessageSquare
          aria-hidden="true"
          className="ui-icon"
          fill={props.draft?.comment ? "currentColor" : "none"}
        />
      </Button>
      {commenting && (
        <div id={commentId} className="availability-comment">
          <TextField
            label={t("availability.commentFor", { slot: when.full })}
            value={props.draft?.comment ?? ""}
            onChange={(comment) => props.onChange({ comment })}
            maxLength={500}
            isDisabled={!props.open}
            autoFocus
          />
        </div>
      )}
    </li>
  );
}
