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

/**
 * How far from its planned start a moderator may open a session's room without being asked. Rooms
 * are opened a little early on purpose (speakers check their sound), so an hour is normal; more
 * than that, or another calendar day, is almost always the wrong session or the wrong week.
 */
export const START_WITHOUT_ASKING_MINUTES = 60;

/**
 * Whether starting now departs from the plan: "early" more than an hour before the planned start
 * (or on an earlier day), "late" on a later day than planned, "planned" otherwise. A session
 * without a date has no plan to depart from (a rehearsal, a date still open): "unscheduled".
 * Calendar days are the series' own (`timeZone`), not the browser's or the server's.
 */
export function startTiming(
  startsAt: Date | string | null,
  now: Date,
  timeZone: string,
): "planned" | "early" | "late" | "unscheduled" {
  if (startsAt === null) return "unscheduled";
  const planned = new Date(startsAt);
  const day = (moment: Date) =>
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
      moment,
    );
  const [plannedDay, today] = [day(planned), day(now)];
  if (planned.getTime() - now.getTime() > START_WITHOUT_ASKING_MINUTES * 60_000 || today < plannedDay) {
    return "early";
  }
  if (today > plannedDay) return "late";
  return "planned";
}
