import { type AgendaView, pickLocale } from "@reeks/models";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, ListChecks, Pause, Pencil, Play, SkipForward, Timer } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Dialog } from "../../components/ui";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import type { Announcement } from "../room/Announcer";
import { AgendaEditor } from "./AgendaEditor";
import { formatClock, readTimer } from "./agenda-clock";
import { useAgenda, useSince } from "./use-agenda";

/**
 * The line above the stage while a session has an agenda: for everyone the current segment and its
 * time left; for moderators how far the session runs ahead of or behind the plan, and the controls.
 * The speaker of the segment and the moderators get a gentle notice at two minutes left (visible,
 * and through the room's polite live region).
 */
export function AgendaTimerBar(props: {
  sessionId: string;
  me: { participantId: string; isModerator: boolean };
  say: (announcement: Announcement) => void;
}) {
  const agenda = useAgenda(props.sessionId);
  if (!agenda.data || agenda.data.segments.length === 0) return null;
  return <TimerBar {...props} agenda={agenda.data} receivedAt={agenda.dataUpdatedAt} />;
}

function TimerBar(props: {
  sessionId: string;
  me: { participantId: string; isModerator: boolean };
  say: (announcement: Announcement) => void;
  agenda: AgendaView;
  receivedAt: number;
}) {
  const { agenda, me, sessionId } = props;
  const { t } = useTranslation("agenda");
  const locale = useLocale();
  const since = useSince(props.receivedAt, agenda.timer.status === "running");
  const reading = readTimer(agenda, since);
  const current = agenda.segments.find((s) => s.id === agenda.timer.currentSegmentId) ?? null;
  const title = current ? pickLocale(current.title, locale) : "";
  const concerned = me.isModerator || (current?.speaker?.participantId ?? null) === me.participantId;
  const notice = concerned && reading.noticeDue && agenda.timer.status === "running";
  useNotice(current?.id ?? null, notice, title, props.say);
  useSegmentAnnouncement(current?.id ?? null, title, props.say);

  let clock: string;
  if (agenda.timer.status === "idle") clock = t("bar.notStarted");
  else if (agenda.timer.status === "finished" || reading.secondsLeft === null) clock = t("bar.finished");
  else if (reading.secondsLeft >= 0) clock = t("bar.left", { time: formatClock(reading.secondsLeft * 1000) });
  else clock = t("bar.over", { time: formatClock(-reading.secondsLeft * 1000) });

  return (
    <section
      className="agenda-bar"
      aria-label={t("bar.label")}
      data-warning={notice}
      data-testid="agenda-bar"
    >
      <div className="agenda-bar-main">
        {current ? (
          <p className="agenda-bar-current" data-testid="agenda-current">
            <strong>{t("bar.current", { title })}</strong>
            {current.speaker ? (
              <span className="muted"> · {t("speaker", { name: current.speaker.name })}</span>
            ) : null}
          </p>
        ) : null}
        <p
          className="agenda-bar-clock"
          role="timer"
          data-testid="agenda-clock"
          data-status={agenda.timer.status}
          data-seconds-left={reading.secondsLeft ?? ""}
        >
          <Timer aria-hidden="true" className="ui-icon" />
          {clock}
          {agenda.timer.status === "paused" ? <span> · {t("bar.paused")}</span> : null}
        </p>
        {me.isModerator && agenda.timer.status !== "idle" ? (
          <p className="agenda-bar-drift" data-testid="agenda-drift">
            {Math.abs(reading.driftMs) < 1000
              ? t("bar.onPlan")
              : t(reading.driftMs > 0 ? "bar.behindPlan" : "bar.aheadOfPlan", {
                  time: formatClock(Math.abs(reading.driftMs)),
                })}
          </p>
        ) : null}
      </div>
      {notice ? <p className="agenda-bar-notice">{t("bar.twoMinutes")}</p> : null}
      {me.isModerator ? <TimerControls sessionId={sessionId} agenda={agenda} /> : null}
    </section>
  );
}

function TimerControls({ sessionId, agenda }: { sessionId: string; agenda: AgendaView }) {
  const { t } = useTranslation("agenda");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const onSuccess = (data: AgendaView) =>
    queryClient.setQueryData(trpc.agenda.get.queryKey({ sessionId }), data);
  const start = useMutation(trpc.agenda.start.mutationOptions({ onSuccess }));
  const advance = useMutation(trpc.agenda.advance.mutationOptions({ onSuccess }));
  const pause = useMutation(trpc.agenda.pause.mutationOptions({ onSuccess }));
  const resume = useMutation(trpc.agenda.resume.mutationOptions({ onSuccess }));
  const openLinked = useMutation(
    trpc.agenda.openLinked.mutationOptions({
      onSuccess: (r) =>
        setOpened(t("bar.opened", { polls: r.pollsOpened, questions: r.questionsHighlighted })),
    }),
  );
  const failed = [start, advance, pause, resume, openLinked].find((m) => m.error)?.error;
  const { status, currentSegmentId } = agenda.timer;
  const current = agenda.segments.find((s) => s.id === currentSegmentId);
  const last = agenda.segments.at(-1)?.id === currentSegmentId;
  const busy = [start, advance, pause, resume].some((m) => m.isPending);
  return (
    <fieldset className="agenda-bar-controls">
      <legend className="visually-hidden">{t("bar.controls")}</legend>
      {status === "idle" ? (
        <Button icon={Play} variant="primary" isDisabled={busy} onPress={() => start.mutate({ sessionId })}>
          {t("bar.start")}
        </Button>
      ) : null}
      {(status === "running" || status === "paused") && currentSegmentId ? (
        <Button
          icon={last ? CircleCheck : SkipForward}
          isDisabled={busy}
          onPress={() => advance.mutate({ sessionId, fromSegmentId: currentSegmentId })}
        >
          {last ? t("bar.finish") : t("bar.next")}
        </Button>
      ) : null}
      {status === "running" ? (
        <Button icon={Pause} isDisabled={busy} onPress={() => pause.mutate({ sessionId })}>
          {t("bar.pause")}
        </Button>
      ) : null}
      {status === "paused" ? (
        <Button icon={Play} isDisabled={busy} onPress={() => resume.mutate({ sessionId })}>
          {t("bar.resume")}
        </Button>
      ) : null}
      {current && current.pollIds.length + current.questionIds.length > 0 ? (
        <Button
          icon={ListChecks}
          isDisabled={openLinked.isPending}
          onPress={() => openLinked.mutate({ sessionId, segmentId: current.id })}
        >
          {t("bar.openLinked")}
        </Button>
      ) : null}
      <Button icon={Pencil} variant="quiet" onPress={() => setEditing(true)}>
        {t("bar.edit")}
      </Button>
      <Dialog
        title={t("editor.heading")}
        closeLabel={t("editor.close")}
        isOpen={editing}
        onOpenChange={setEditing}
      >
        <AgendaEditor sessionId={sessionId} headingLevel={null} />
      </Dialog>
      {/* Not a live region of its own: the room's polite region is the one announcer. */}
      {opened ? <p className="muted">{opened}</p> : null}
      {failed ? <p role="alert">{t("bar.error", { message: failed.message })}</p> : null}
    </fieldset>
  );
}

/** The two-minute notice, once per segment, when the time crosses it (not on a late arrival's first look). */
function useNotice(
  segmentId: string | null,
  due: boolean,
  title: string,
  say: (announcement: Announcement) => void,
) {
  const seen = useRef<{ segmentId: string | null; due: boolean } | null>(null);
  useEffect(() => {
    const before = seen.current;
    seen.current = { segmentId, due };
    if (due && before?.segmentId === segmentId && !before.due)
      say({ key: "agenda:announce.twoMinutes", params: { segment: title } });
  }, [segmentId, due, title, say]);
}

/** Says which segment comes next when the moderator moves on (not on the first look). */
function useSegmentAnnouncement(
  segmentId: string | null,
  title: string,
  say: (announcement: Announcement) => void,
) {
  const seen = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    const before = seen.current;
    seen.current = segmentId;
    if (before === undefined || before === segmentId || !segmentId) return;
    say({ key: "agenda:announce.segment", params: { segment: title } });
  }, [segmentId, title, say]);
}
