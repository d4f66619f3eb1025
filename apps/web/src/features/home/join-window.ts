import type { SessionStatus } from "@reeks/models";

/** Joining opens this long before a session's start: time to test sound and camera, not to wait an hour. */
export const JOIN_OPENS_BEFORE_MS = 15 * 60_000;

export interface TimedSession {
  status: SessionStatus;
  /** ISO instant, or null while the date is not known. */
  startsAt: string | null;
  durationMinutes: number;
}

export type JoinState =
  /** Not yet: the join button is disabled until `opensAt`. */
  | { kind: "before"; opensAt: Date; startsAt: Date }
  /** From 15 minutes before the start until its end, and whenever the session is live. */
  | { kind: "open" }
  /** No date, cancelled, or over. */
  | { kind: "closed" };

function endOf(session: TimedSession, start: Date): number {
  return start.getTime() + session.durationMinutes * 60_000;
}

export function joinState(session: TimedSession, now: number): JoinState {
  if (session.status === "live") return { kind: "open" };
  if (session.status !== "scheduled" || !session.startsAt) return { kind: "closed" };
  const startsAt = new Date(session.startsAt);
  const opensAt = new Date(startsAt.getTime() - JOIN_OPENS_BEFORE_MS);
  if (now < opensAt.getTime()) return { kind: "before", opensAt, startsAt };
  if (now < endOf(session, startsAt)) return { kind: "open" };
  return { kind: "closed" };
}

/**
 * The session a participant looks forward to: the live one, else the earliest scheduled one that has
 * not yet ended. Drafts have no confirmed date; ended and cancelled ones are behind us.
 */
export function nextSession<T extends TimedSession>(sessions: T[], now: number): T | null {
  const live = sessions.find((s) => s.status === "live");
  if (live) return live;
  const upcoming = sessions
    .filter((s) => s.status === "scheduled" && s.startsAt && endOf(s, new Date(s.startsAt)) > now)
    .sort((a, b) => Date.parse(a.startsAt ?? "") - Date.parse(b.startsAt ?? ""));
  return upcoming[0] ?? null;
}

/** Whole days, hours and minutes until `target` (rounded up to the minute; zero once it has come). */
export function timeUntil(target: Date, now: number): { days: number; hours: number; minutes: number } {
  const totalMinutes = Math.max(0, Math.ceil((target.getTime() - now) / 60_000));
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}
