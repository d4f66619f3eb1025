import type { RouterOutputs } from "@reeks/api";

export type BreakoutState = RouterOutputs["breakout"]["state"];
export type BreakoutRound = NonNullable<BreakoutState["round"]>;
export type BreakoutGroup = BreakoutRound["groups"][number];
export type BreakoutPerson = BreakoutRound["unassigned"][number];

/** Where this browser should be connected: a group's room, or the session's main room (null). */
export interface RoomTarget {
  groupId: string | null;
  /** A moderator looking in on a group: listens, is not one of its members. */
  visiting: boolean;
}

/**
 * The room this browser belongs in now. A closed round sends everyone back; while a round is open,
 * a moderator's visit wins over their own place (they chose to look in), members go to their group.
 */
export function roomTarget(round: BreakoutRound | null | undefined, visiting: string | null): RoomTarget {
  if (round?.status !== "open") return { groupId: null, visiting: false };
  if (visiting && round.groups.some((g) => g.id === visiting)) return { groupId: visiting, visiting: true };
  return { groupId: round.myGroupId, visiting: false };
}

/**
 * Seconds left in an open round by the server's clock: the browser's clock may be minutes off, so
 * the offset seen when the state was fetched (server time minus local time then) is applied.
 */
export function secondsLeft(endsAt: string | null, clockOffsetMs: number, nowMs: number): number | null {
  if (!endsAt) return null;
  return Math.max(0, Math.ceil((Date.parse(endsAt) - (nowMs + clockOffsetMs)) / 1000));
}

/** "12:05" for a countdown; hours only when a round runs that long. */
export function formatCountdown(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

/** Broadcasts not seen before, oldest first; on the first look (null) none: old ones are not news. */
export function unseenBroadcasts<B extends { id: string }>(
  seen: ReadonlySet<string> | null,
  broadcasts: B[],
): B[] {
  if (!seen) return [];
  return broadcasts.filter((b) => !seen.has(b.id));
}

export const WARNING_SECONDS = 60;
