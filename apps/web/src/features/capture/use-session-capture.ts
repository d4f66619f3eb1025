import type { LiveEventView, SessionCapture } from "@reeks/models";
import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";
import { applyCaptionLine } from "../captions/caption-store";
import {
  applyAgendaEvent,
  applyBreakoutEvent,
  applyRoomEvent,
  isAgendaEvent,
  isBreakoutEvent,
  isRoomEvent,
} from "../room/live-events";
import { applyEvent } from "./capture-state";

type NotesListener = (update: string) => void;

/**
 * Notes updates seen on the panel's stream, replayed to a notes editor that subscribes later. One
 * stream carries the session's notes and those of the breakout groups the viewer may read: each
 * editor hears only its own document (`breakoutGroupId` null: the session's).
 */
export interface NotesFeed {
  subscribe(breakoutGroupId: string | null, listener: NotesListener): () => void;
}

/** The session's snapshot query: its `cursor` is where the live stream starts. */
export function sessionCaptureOptions(trpc: ReturnType<typeof useTRPC>, sessionId: string) {
  return trpc.capture.session.queryOptions(
    { sessionId },
    // The stream keeps it fresh; a refetch would only race it.
    { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false },
  );
}

/**
 * Whether the session's live stream has a start point yet. Whatever else it keeps current (chat,
 * roster) is loaded only after that, so its snapshot is at least as new as the point the stream
 * resumes from: events in between come again (harmless) instead of falling into a gap.
 */
export function useLiveStreamStarted(sessionId: string): boolean {
  const trpc = useTRPC();
  return Boolean(useQuery(sessionCaptureOptions(trpc, sessionId)).data);
}

/**
 * A session's captured items, kept current by the live stream: the snapshot says up to which event
 * it is current, and the subscription continues from exactly there (and, after a reconnect, from
 * the last event it saw). Announces other people's new items for screen readers.
 */
export function useSessionCapture(sessionId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation(["outcomes", "common"]);
  const options = sessionCaptureOptions(trpc, sessionId);
  const query = useQuery(options);
  const [announcement, setAnnouncement] = useState("");
  const notesUpdates = useRef<Array<{ groupId: string | null; update: string }>>([]);
  const notesListeners = useRef(new Set<{ groupId: string | null; listener: NotesListener }>());

  const announce = useCallback(
    (event: LiveEventView, before: SessionCapture | undefined) => {
      if (!before) return;
      if (
        event.type === "outcome" &&
        !event.outcome.mine &&
        !before.outcomes.some((o) => o.id === event.outcome.id)
      ) {
        setAnnouncement(
          t("panel.announce.outcome", { kind: t(`kind.${event.outcome.kind}`), text: event.outcome.text }),
        );
      } else if (
        event.type === "question" &&
        !event.question.mine &&
        !before.questions.some((q) => q.id === event.question.id)
      ) {
        setAnnouncement(t("panel.announce.question", { text: event.question.text }));
      } else if (
        event.type === "poll" &&
        event.poll.status === "open" &&
        before.polls.find((p) => p.id === event.poll.id)?.status !== "open"
      ) {
        setAnnouncement(t("panel.announce.poll", { text: event.poll.question }));
      } else if (event.type === "noteTaker" && event.you && !before.canModerate) {
        setAnnouncement(t(event.designated ? "panel.announce.noteTaker" : "panel.announce.noteTakerEnded"));
      }
    },
    [t],
  );

  const cursor = query.data?.cursor;
  const subscription = useSubscription(
    trpc.capture.live.subscriptionOptions(cursor ? { sessionId, lastEventId: cursor } : skipToken, {
      onData: ({ data }) => {
        // The room's chat and roster ride on this stream too: one stream per browser, no polling.
        if (isRoomEvent(data)) {
          applyRoomEvent(queryClient, trpc, sessionId, data);
          return;
        }
        if (isAgendaEvent(data)) {
          applyAgendaEvent(queryClient, trpc, sessionId, data);
          return;
        }
        // Captions go to their own store (shown under the stage); a change of captioners re-asks.
        if (data.type === "caption") {
          if (data.kind === "captioner") {
            void queryClient.invalidateQueries({ queryKey: trpc.captions.mine.queryKey({ sessionId }) });
            void queryClient.invalidateQueries({
              queryKey: trpc.captions.captioners.queryKey({ sessionId }),
            });
          } else applyCaptionLine(sessionId, data);
          return;
        }
        // The room's round (and so where this browser belongs); the group panels follow below.
        if (isBreakoutEvent(data)) applyBreakoutEvent(queryClient, trpc, sessionId, data);
        if (data.type === "notes") {
          const groupId = data.breakoutGroupId ?? null;
          notesUpdates.current.push({ groupId, update: data.update });
          for (const entry of notesListeners.current)
            if (entry.groupId === groupId) entry.listener(data.update);
          return;
        }
        if (data.type === "breakout" && data.change !== "broadcast") {
          // Groups opened, closed, people placed or a rapporteur named: the group panels ask again
          // (who is in which group, who may share). Cheap queries, each for this person only.
          void queryClient.invalidateQueries({ queryKey: trpc.capture.myGroups.queryKey({ sessionId }) });
          void queryClient.invalidateQueries({ queryKey: trpc.capture.group.queryKey() });
        }
        if (data.type === "noteTaker") {
          // Another moderator changed who takes notes: the picker refetches (only moderators have one).
          void queryClient.invalidateQueries({ queryKey: trpc.capture.notes.takers.queryKey({ sessionId }) });
        }
        const before = queryClient.getQueryData(options.queryKey);
        announce(data, before);
        queryClient.setQueryData(options.queryKey, (old) => (old ? applyEvent(old, data) : old));
      },
    }),
  );

  useReloadWhenPlaced(sessionId, query.refetch);

  const notesFeed = useMemo<NotesFeed>(
    () => ({
      subscribe(groupId, listener) {
        for (const seen of notesUpdates.current) if (seen.groupId === groupId) listener(seen.update);
        const entry = { groupId, listener };
        notesListeners.current.add(entry);
        return () => notesListeners.current.delete(entry);
      },
    }),
    [],
  );

  return { query, queryKey: options.queryKey, connection: subscription.status, announcement, notesFeed };
}

export type SessionCaptureState = ReturnType<typeof useSessionCapture>;

/**
 * Placed in a breakout group after the snapshot was read (at the opening, or later by a moderator or
 * as a late joiner): the group's earlier items were not on this stream, so read the snapshot again.
 * Only the person placed reloads; the others' lists stay as the stream keeps them.
 */
function useReloadWhenPlaced(sessionId: string, reload: () => unknown) {
  const trpc = useTRPC();
  const groups = useQuery(trpc.capture.myGroups.queryOptions({ sessionId }));
  const known = useRef<Set<string> | null>(null);
  const ids = groups.data?.map((g) => g.id);
  const key = ids?.join(",");
  useEffect(() => {
    if (!ids) return;
    const before = known.current;
    known.current = new Set(ids);
    if (before && ids.some((id) => !before.has(id))) void reload();
  }, [key]);
}
