/**
 * Pure attendance arithmetic: from LiveKit connections (one per participant sid) to stays.
 * Everything here is a function of the set of observations, never of the order they arrived in,
 * which is what makes duplicated, shuffled and partly dropped webhook streams give one answer.
 */

/** A gap shorter than this between two connections is a reconnect (network blip), not two stays. */
export const RECONNECT_GRACE_MS = 15_000;

export type ObservationSource = "webhook" | "reconcile";

export interface ConnectionFacts {
  joinedAt: Date;
  leftAt: Date | null;
  leftSource: ObservationSource | null;
  source: ObservationSource;
  /**
   * When the room this connection was in finished, if it differs from the list given to
   * mergeConnections: a breakout group's room ends apart from the session's own.
   */
  roomFinishedAt?: readonly Date[];
}

export interface Stay {
  joinedAt: Date;
  leftAt: Date | null;
  source: ObservationSource;
}

/**
 * When a connection ended: a `participant_left` webhook is exact; otherwise the earliest of the
 * reconciler's estimate and the first `room_finished` after the join; open when none is known.
 */
export function connectionEnd(connection: ConnectionFacts, roomFinishedAt: readonly Date[]): Date | null {
  if (connection.leftAt && connection.leftSource === "webhook") return connection.leftAt;
  const candidates: number[] = [];
  if (connection.leftAt) candidates.push(connection.leftAt.getTime());
  for (const finished of roomFinishedAt) {
    if (finished.getTime() >= connection.joinedAt.getTime()) candidates.push(finished.getTime());
  }
  if (candidates.length === 0) return null;
  return new Date(Math.max(connection.joinedAt.getTime(), Math.min(...candidates)));
}

/** Merges connections into stays: overlapping ones and those separated by less than the grace. */
export function mergeConnections(
  connections: readonly ConnectionFacts[],
  roomFinishedAt: readonly Date[] = [],
  graceMs = RECONNECT_GRACE_MS,
): Stay[] {
  const spans = connections
    .map((c) => ({
      joinedAt: c.joinedAt,
      leftAt: connectionEnd(c, c.roomFinishedAt ?? roomFinishedAt),
      reconciled: c.source === "reconcile" || c.leftSource === "reconcile",
    }))
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
  const stays: Stay[] = [];
  let current: { joinedAt: Date; leftAt: Date | null; reconciled: boolean } | null = null;
  for (const span of spans) {
    if (
      current &&
      (current.leftAt === null || span.joinedAt.getTime() <= current.leftAt.getTime() + graceMs)
    ) {
      const open = current.leftAt === null || span.leftAt === null;
      current.leftAt = open
        ? null
        : new Date(Math.max(current.leftAt?.getTime() ?? 0, span.leftAt?.getTime() ?? 0));
      current.reconciled ||= span.reconciled;
      continue;
    }
    if (current) stays.push(toStay(current));
    current = { ...span };
  }
  if (current) stays.push(toStay(current));
  return stays;
}

function toStay(span: { joinedAt: Date; leftAt: Date | null; reconciled: boolean }): Stay {
  return { joinedAt: span.joinedAt, leftAt: span.leftAt, source: span.reconciled ? "reconcile" : "webhook" };
}
