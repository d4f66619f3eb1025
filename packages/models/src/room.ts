import type { ParticipantRole } from "./series";

/** A chat message in a session's room, as every participant of the session sees it. */
export interface ChatMessageView {
  id: string;
  sessionId: string;
  body: string;
  sentAt: string;
  /** Null once the author's account is erased. */
  author: string | null;
}

/**
 * One page of a session's chat, oldest first within the page. Pages go from the newest backwards:
 * `older` is the cursor of the page before this one, null when this is the first message.
 */
export interface ChatPage {
  messages: ChatMessageView[];
  older: string | null;
}

/** Messages per chat page: a screenful and a bit, so a first load stays small whatever the history. */
export const CHAT_PAGE_SIZE = 50;

/** Someone with a seat in a session's room: names come from Reeks, LiveKit only knows the identity. */
export interface RosterEntryView {
  participantId: string;
  identity: string;
  name: string;
  role: ParticipantRole;
  onStage: boolean;
  handRaisedAt: string | null;
  lobbySince: string | null;
  removed: boolean;
  /** In the room by the attendance record (webhooks); the browser knows it sooner from LiveKit. */
  inRoom: boolean;
}
