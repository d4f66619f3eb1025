import type { ChatMessageView, ChatPage, LiveEventView, RosterEntryView } from "@reeks/models";
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { useTRPC } from "../../lib/trpc";
import { cueBreakout } from "../breakout/breakout-cues";

type Trpc = ReturnType<typeof useTRPC>;
export type RoomEvent = Extract<LiveEventView, { type: "chat" | "roster" }>;

export function isRoomEvent(event: LiveEventView): event is RoomEvent {
  return event.type === "chat" || event.type === "roster";
}

/** Adds a message to the newest chat page, once: it comes from the stream and from our own send. */
export function addChatMessage(
  data: InfiniteData<ChatPage, string | null> | undefined,
  message: ChatMessageView,
): InfiniteData<ChatPage, string | null> | undefined {
  if (!data) return data;
  if (data.pages.some((page) => page.messages.some((m) => m.id === message.id))) return data;
  const [newest, ...older] = data.pages;
  if (!newest) return data;
  return { ...data, pages: [{ ...newest, messages: [...newest.messages, message] }, ...older] };
}

/** The roster with this entry as it is now, kept in name order like the server's. */
export function upsertRosterEntry(
  roster: RosterEntryView[] | undefined,
  entry: RosterEntryView,
): RosterEntryView[] | undefined {
  if (!roster) return roster;
  const others = roster.filter((r) => r.participantId !== entry.participantId);
  return [...others, entry].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Chat messages and roster changes come on the session's live stream (the capture panel's
 * subscription): they go straight into the cached queries, so neither is polled.
 */
export function applyRoomEvent(queryClient: QueryClient, trpc: Trpc, sessionId: string, event: RoomEvent) {
  if (event.type === "chat") {
    if (event.message.sessionId !== sessionId) return;
    queryClient.setQueryData(trpc.room.chat.infiniteQueryKey({ sessionId }), (data) =>
      addChatMessage(data, event.message),
    );
  } else if (event.sessionId === sessionId) {
    queryClient.setQueryData(trpc.room.roster.queryKey({ sessionId }), (roster) =>
      upsertRosterEntry(roster, event.entry),
    );
  }
}

export type BreakoutEvent = Extract<LiveEventView, { type: "breakout" }>;

export function isBreakoutEvent(event: LiveEventView): event is BreakoutEvent {
  return event.type === "breakout";
}

/**
 * A breakout round changed (planned, opened, extended, closed, placed, a broadcast, a rapporteur):
 * the browser fetches `breakout.state` again, which also moves it to the room it now belongs in
 * and announces a broadcast (from the state, so a reload does not repeat old ones). On "opened" and
 * "closed" a live room on the page moves first and fetches the state after (see use-room-moves).
 */
export function applyBreakoutEvent(
  queryClient: QueryClient,
  trpc: Trpc,
  sessionId: string,
  event: BreakoutEvent,
) {
  if (event.sessionId !== sessionId) return;
  const moves = event.change === "opened" || event.change === "closed";
  if (moves && cueBreakout(sessionId, event.change)) return;
  void queryClient.invalidateQueries({ queryKey: trpc.breakout.state.queryKey({ sessionId }) });
}

export type AgendaEvent = Extract<LiveEventView, { type: "agenda" }>;

export function isAgendaEvent(event: LiveEventView): event is AgendaEvent {
  return event.type === "agenda";
}

/**
 * The agenda or its timer changed: the browser fetches `agenda.get` again, whose answer carries the
 * server's clock, so every browser shows the same time left whatever its own clock says.
 */
export function applyAgendaEvent(
  queryClient: QueryClient,
  trpc: Trpc,
  sessionId: string,
  event: AgendaEvent,
) {
  if (event.sessionId !== sessionId) return;
  void queryClient.invalidateQueries({ queryKey: trpc.agenda.get.queryKey({ sessionId }) });
}
