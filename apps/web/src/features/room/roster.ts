import type { RouterOutputs } from "@reeks/api";

/** One seat in the live room, as the server lists it (names from our database, not LiveKit). */
export type RosterEntry = RouterOutputs["room"]["roster"][number];

/** Names and roles by LiveKit identity: LiveKit itself only knows opaque ids. */
export function indexByIdentity(roster: readonly RosterEntry[]): Map<string, RosterEntry> {
  return new Map(roster.map((entry) => [entry.identity, entry] as const));
}

/** Who is in the room now: connected to LiveKit (its identities) and not removed. */
export function presentIn(roster: readonly RosterEntry[], connected: ReadonlySet<string>): RosterEntry[] {
  return roster.filter((entry) => connected.has(entry.identity) && !entry.removed);
}

/** Raised hands in the order they went up, whatever order the server listed them in. */
export function raisedHands(roster: readonly RosterEntry[]): RosterEntry[] {
  return roster
    .filter((entry) => entry.handRaisedAt && !entry.removed)
    .sort((a, b) => raisedAt(a) - raisedAt(b));
}

function raisedAt(entry: RosterEntry): number {
  return new Date(entry.handRaisedAt ?? 0).getTime();
}

/** Who waits for a moderator to let them in. */
export function waitingInLobby(roster: readonly RosterEntry[]): RosterEntry[] {
  return roster.filter((entry) => entry.lobbySince && !entry.removed);
}

/** The identities with a raised hand: what the next snapshot is compared with. */
export function handIdentities(roster: readonly RosterEntry[]): Set<string> {
  return new Set(raisedHands(roster).map((entry) => entry.identity));
}

/**
 * Hands raised since the previous snapshot, to announce. Nothing on the first snapshot (those hands
 * were up before you came), nothing for your own hand (you know), and a hand lowered and raised
 * again between two snapshots that both show it up is not news.
 */
export function newlyRaisedHands(
  before: ReadonlySet<string> | null,
  roster: readonly RosterEntry[],
  myIdentity: string,
): RosterEntry[] {
  if (!before) return [];
  return raisedHands(roster).filter((entry) => !before.has(entry.identity) && entry.identity !== myIdentity);
}
