import type { CaptionEventPayload } from "./captions";
import type { ActionReviewView, AgendaSeedView, OutcomeView, PollView, QuestionView } from "./outcomes";
import type { ChatMessageView, RosterEntryView } from "./room";

/**
 * The live events of a session's capture stream, by type: what a browser receives besides `type`.
 * The server publishes with these names and views them per person; the web applies them. Adding a kind
 * of event is one entry here, one in LIVE_EVENT and one record on the server (capture/live-events.ts).
 */
export interface LiveEventPayloads {
  outcome: { outcome: OutcomeView };
  question: { question: QuestionView };
  poll: { poll: PollView };
  seed: { seed: AgendaSeedView };
  review: { review: ActionReviewView };
  /** `breakoutGroupId` null: the session's own notes; else that group's (sent to it and moderators only). */
  notes: { sessionId: string; update: string; breakoutGroupId: string | null };
  session: { sessionId: string; reviewDeadline: string | null };
  /** Sent to moderators and to the participant concerned: `you` says whether that is this viewer. */
  noteTaker: { sessionId: string; designated: boolean; you: boolean };
  /** A message in the room's chat. */
  chat: { message: ChatMessageView };
  /** A seat in the room changed (joined, hand, stage, lobby, removed): the entry as it is now. */
  roster: { sessionId: string; entry: RosterEntryView };
  /** A breakout round changed: clients fetch `breakout.state` again (and move, on opened/closed). */
  breakout: {
    sessionId: string;
    roundId: string;
    change: BreakoutChange;
    /** The message, for "broadcast" (announced to everyone in a group); else null. */
    body: string | null;
  };
  /** Captions: a stored final line, a captioner's interim line (shown visually only), or a captioner granted/revoked. */
  caption: CaptionEventPayload;
}

export const BREAKOUT_CHANGES = [
  "planned",
  "opened",
  "extended",
  "closed",
  "assigned",
  "broadcast",
  "rapporteur",
] as const;
export type BreakoutChange = (typeof BREAKOUT_CHANGES)[number];

export type LiveEventType = keyof LiveEventPayloads;

/** The event type names as they are stored in the live log and sent on the wire. */
export const LIVE_EVENT = {
  outcome: "outcome",
  question: "question",
  poll: "poll",
  seed: "seed",
  review: "review",
  notes: "notes",
  session: "session",
  noteTaker: "noteTaker",
  chat: "chat",
  roster: "roster",
  breakout: "breakout",
  caption: "caption",
} as const satisfies { [K in LiveEventType]: K };

export function isLiveEventType(type: string): type is LiveEventType {
  return Object.hasOwn(LIVE_EVENT, type);
}

/** Each event as a browser receives it, by type (indexable with a generic type, unlike the union). */
export type LiveEventViews = { [K in LiveEventType]: { type: K } & LiveEventPayloads[K] };

/** One event of that type, as a browser receives it. */
export type LiveEventOf<K extends LiveEventType> = LiveEventViews[K];

/** One event on the live stream of a series, as a browser receives it. */
export type LiveEventView = LiveEventViews[LiveEventType];
