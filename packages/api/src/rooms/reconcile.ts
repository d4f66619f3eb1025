import {
  and,
  BreakoutGroup,
  BreakoutRound,
  type Database,
  eq,
  inArray,
  isNull,
  ne,
  RoomConnection,
  RoomSeat,
  RoomState,
  Session,
} from "@reeks/db";
import { ParticipantInfo_State, type RoomServiceClient, TwirpError } from "livekit-server-sdk";
import { observePresent, recomputeSeats, seatsWithConnections } from "./attendance";

type ListedParticipant = Awaited<ReturnType<RoomServiceClient["listParticipants"]>>[number];

/**
 * The rooms to list: the session's own, those of the groups of a round that is not closed, and any
 * room we still hold an open connection in (a group of a round closed meanwhile).
 */
async function roomsOfSession(db: Database, session: { id: string; roomName: string }): Promise<string[]> {
  const groups = await db
    .select({ roomName: BreakoutGroup.roomName })
    .from(BreakoutGroup)
    .innerJoin(BreakoutRound, eq(BreakoutRound.id, BreakoutGroup.roundId))
    .where(and(eq(BreakoutGroup.sessionId, session.id), ne(BreakoutRound.status, "closed")));
  const open = await db
    .selectDistinct({ room: RoomConnection.room })
    .from(RoomConnection)
    .where(and(eq(RoomConnection.sessionId, session.id), isNull(RoomConnection.leftAt)));
  return [
    ...new Set([
      session.roomName,
      ...groups.map((g) => g.roomName),
      ...open.flatMap((c) => (c.room ? [c.room] : [])),
    ]),
  ];
}

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
  // The session's own room and every breakout group room someone may be in: a connection in a
  // group's room that went unlisted would be closed here as gone, splitting everyone's stay.
  const roomNames = await roomsOfSession(db, session);
  const active: Array<{ room: string; sid: string; identity: string; joinedAt: bigint; joinedAtMs: bigint }> =
    [];
  for (const room of roomNames) {
    let listed: ListedParticipant[] = [];
    try {
      listed = await rooms.listParticipants(room);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    for (const p of listed) {
      if (p.state === ParticipantInfo_State.DISCONNECTED) continue;
      active.push({ room, sid: p.sid, identity: p.identity, joinedAt: p.joinedAt, joinedAtMs: p.joinedAtMs });
    }
  }
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
  const toKick: Array<{ room: string; identity: string }> = [];
  let closed = 0;
  await db.transaction(async (tx) => {
    const presentSids = new Set<string>();
    for (const p of active) {
      const seat = seatOf.get(p.identity);
      if (!seat) continue;
      if (seat.removedAt) toKick.push({ room: p.room, identity: p.identity });
      presentSids.add(p.sid);
      const ms = Number(p.joinedAtMs);
      await observePresent(tx, {
        sessionId,
        seatId: seat.id,
        sid: p.sid,
        room: p.room,
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
  for (const { room, identity } of toKick) {
    await rooms.removeParticipant(room, identity).catch(() => {});
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
