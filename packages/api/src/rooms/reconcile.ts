import {
  and,
  type Database,
  eq,
  inArray,
  isNull,
  RoomConnection,
  RoomSeat,
  RoomState,
  Session,
} from "@reeks/db";
import { ParticipantInfo_State, type RoomServiceClient, TwirpError } from "livekit-server-sdk";
import { observePresent, recomputeSeats, seatsWithConnections } from "./attendance";

function isNotFound(error: unknown): boolean {
  return error instanceof TwirpError && (error.status === 404 || error.code === "not_found");
}

export interface ReconcileReport {
  present: number;
  closed: number;
  kicked: number;
}

/**
 * Compares what we know with LiveKit's own list of participants and repairs what webhooks missed:
 * a connection it lists is open (opened at LiveKit's join time if we never heard of it); an open
 * connection it no longer lists is closed at the last moment we saw it (or now). A later
 * `participant_left` webhook still replaces that estimate with the exact time.
 */
export async function reconcileSession(
  { db, rooms }: { db: Database; rooms: RoomServiceClient },
  sessionId: string,
  {
    now = new Date(),
    knownLeaves = new Map(),
  }: {
    now?: Date;
    /** When connections (by sid) are known to have ended, though no webhook said so (see the worker). */
    knownLeaves?: ReadonlyMap<string, Date>;
  } = {},
): Promise<ReconcileReport> {
  const [session] = await db.select().from(Session).where(eq(Session.id, sessionId));
  if (!session) return { present: 0, closed: 0, kicked: 0 };
  let listed: Awaited<ReturnType<RoomServiceClient["listParticipants"]>> = [];
  try {
    listed = await rooms.listParticipants(session.roomName);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const active = listed.filter((p) => p.state !== ParticipantInfo_State.DISCONNECTED);
  const seats = active.length
    ? await db
        .select()
        .from(RoomSeat)
        .where(
          and(
            eq(RoomSeat.sessionId, sessionId),
            inArray(
              RoomSeat.identity,
              active.map((p) => p.identity),
            ),
          ),
        )
    : [];
  const seatOf = new Map(seats.map((s) => [s.identity, s]));
  const toKick: string[] = [];
  let closed = 0;
  await db.transaction(async (tx) => {
    const presentSids = new Set<string>();
    for (const p of active) {
      const seat = seatOf.get(p.identity);
      if (!seat) continue;
      if (seat.removedAt) toKick.push(p.identity);
      presentSids.add(p.sid);
      const ms = Number(p.joinedAtMs);
      await observePresent(tx, {
        sessionId,
        seatId: seat.id,
        sid: p.sid,
        joinedAt: new Date(ms > 0 ? ms : Number(p.joinedAt) * 1000),
        seenAt: now,
      });
    }
    const open = await tx
      .select()
      .from(RoomConnection)
      .where(and(eq(RoomConnection.sessionId, sessionId), isNull(RoomConnection.leftAt)));
    for (const c of open) {
      if (presentSids.has(c.sid)) continue;
      closed += 1;
      await tx
        .update(RoomConnection)
        .set({ leftAt: leftAtOf(c, knownLeaves.get(c.sid), now), leftSource: "reconcile" })
        .where(and(eq(RoomConnection.id, c.id), isNull(RoomConnection.leftAt)));
    }
    await recomputeSeats(tx as unknown as Database, await seatsWithConnections(tx, sessionId));
    await tx.update(RoomState).set({ lastReconciledAt: now }).where(eq(RoomState.sessionId, sessionId));
  });
  for (const identity of toKick) {
    await rooms.removeParticipant(session.roomName, identity).catch(() => {});
  }
  return { present: presentSids(active, seatOf), closed, kicked: toKick.length };
}

/** The known end, else the last time it was seen, else now; never before it began. */
function leftAtOf(c: { joinedAt: Date; lastSeenAt: Date | null }, known: Date | undefined, now: Date): Date {
  const estimate = known ?? c.lastSeenAt ?? now;
  return new Date(Math.max(estimate.getTime(), c.joinedAt.getTime()));
}

function presentSids(active: Array<{ identity: string }>, seatOf: Map<string, unknown>): number {
  return active.filter((p) => seatOf.has(p.identity)).length;
}
