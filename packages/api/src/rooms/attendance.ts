import {
  AttendanceInterval,
  and,
  BreakoutGroup,
  type Database,
  eq,
  inArray,
  isNull,
  Participant,
  Person,
  RoomConnection,
  RoomSeat,
  Session,
  sql,
  WebhookEvent,
} from "@reeks/db";
import { type ConnectionFacts, mergeConnections, type ObservationSource } from "./merge-connections";

/** Anything that can run queries: the database or a transaction. */
export type Queryable = Pick<
  Database,
  "select" | "selectDistinct" | "insert" | "update" | "delete" | "execute"
>;

export interface ConnectionObservation {
  sessionId: string;
  seatId: string;
  sid: string;
  joinedAt: Date;
  /** The LiveKit room it is in (the session's own or a breakout group's). */
  room?: string;
}

/** The reconciler saw the connection in ListParticipants: it is there now. */
export async function observePresent(
  db: Queryable,
  o: ConnectionObservation & { seenAt: Date },
): Promise<void> {
  await db
    .insert(RoomConnection)
    .values({
      sessionId: o.sessionId,
      seatId: o.seatId,
      sid: o.sid,
      joinedAt: o.joinedAt,
      room: o.room ?? null,
      lastSeenAt: o.seenAt,
      source: "reconcile",
    })
    .onConflictDoUpdate({
      target: [RoomConnection.sessionId, RoomConnection.sid],
      set: {
        lastSeenAt: o.seenAt,
        // An earlier run may have missed it (still joining): it is evidently not gone.
        leftAt: sql`case when ${RoomConnection.leftSource} = 'reconcile' then null else ${RoomConnection.leftAt} end`,
        leftSource: sql`case when ${RoomConnection.leftSource} = 'reconcile' then null else ${RoomConnection.leftSource} end`,
      },
    });
}

/**
 * Times at which LiveKit said each room of these sessions finished (stored webhooks), by session and
 * room: the session's own room and its breakout groups' rooms. Nobody was in that room after.
 */
async function roomFinishedTimes(
  db: Queryable,
  sessionIds: string[],
): Promise<Map<string, Map<string, Date[]>>> {
  const own = await db
    .select({ sessionId: Session.id, room: Session.roomName, createdAt: WebhookEvent.createdAt })
    .from(WebhookEvent)
    .innerJoin(Session, eq(Session.roomName, WebhookEvent.roomName))
    .where(and(inArray(Session.id, sessionIds), eq(WebhookEvent.event, "room_finished")));
  const groups = await db
    .select({
      sessionId: BreakoutGroup.sessionId,
      room: BreakoutGroup.roomName,
      createdAt: WebhookEvent.createdAt,
    })
    .from(WebhookEvent)
    .innerJoin(BreakoutGroup, eq(BreakoutGroup.roomName, WebhookEvent.roomName))
    .where(and(inArray(BreakoutGroup.sessionId, sessionIds), eq(WebhookEvent.event, "room_finished")));
  const map = new Map<string, Map<string, Date[]>>();
  for (const r of [...own, ...groups]) {
    const rooms = map.get(r.sessionId) ?? new Map<string, Date[]>();
    rooms.set(r.room, [...(rooms.get(r.room) ?? []), r.createdAt]);
    map.set(r.sessionId, rooms);
  }
  return map;
}

/**
 * Rebuilds the attendance intervals of the given seats from all their observations, in a handful of
 * queries whatever the number of seats (PGlite answers each query in milliseconds, and runs on the
 * event loop). Idempotent. Advisory locks per session keep two instances (processor and reconciler)
 * from interleaving on PostgreSQL.
 */
export async function recomputeSeats(db: Database, seatIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(seatIds)];
  if (ids.length === 0) return;
  await db.transaction(async (tx) => {
    const seats = await tx.select().from(RoomSeat).where(inArray(RoomSeat.id, ids));
    const sessionIds = [...new Set(seats.map((s) => s.sessionId))].sort();
    for (const sessionId of sessionIds) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${sessionId}))`);
    }
    const connections = await tx.select().from(RoomConnection).where(inArray(RoomConnection.seatId, ids));
    const finished = await roomFinishedTimes(tx, sessionIds);
    const ownRooms = new Map(
      (
        await tx
          .select({ id: Session.id, roomName: Session.roomName })
          .from(Session)
          .where(inArray(Session.id, sessionIds))
      ).map((s) => [s.id, s.roomName]),
    );
    const bySeat = new Map<string, ConnectionFacts[]>();
    for (const c of connections) {
      // A breakout group's room finishing says nothing about the main room, and the other way round:
      // everyone leaves the main room for the groups, and it finishes while they are in them.
      const room = c.room ?? ownRooms.get(c.sessionId) ?? "";
      bySeat.set(c.seatId, [
        ...(bySeat.get(c.seatId) ?? []),
        {
          joinedAt: c.joinedAt,
          leftAt: c.leftAt,
          leftSource: c.leftSource as ObservationSource | null,
          source: c.source as ObservationSource,
          roomFinishedAt: finished.get(c.sessionId)?.get(room) ?? [],
        },
      ]);
    }
    const rows: Array<typeof AttendanceInterval.$inferInsert> = [];
    for (const seat of seats) {
      const stays = mergeConnections(bySeat.get(seat.id) ?? []);
      for (const stay of stays)
        rows.push({ ...stay, sessionId: seat.sessionId, participantId: seat.participantId });
    }
    for (const sessionId of sessionIds) {
      const participants = seats.filter((s) => s.sessionId === sessionId).map((s) => s.participantId);
      await tx
        .delete(AttendanceInterval)
        .where(
          and(
            eq(AttendanceInterval.sessionId, sessionId),
            inArray(AttendanceInterval.participantId, participants),
          ),
        );
    }
    if (rows.length > 0) await tx.insert(AttendanceInterval).values(rows);
  });
}

/** One seat: see recomputeSeats. */
export async function recomputeAttendance(db: Database, _sessionId: string, seatId: string): Promise<void> {
  await recomputeSeats(db, [seatId]);
}

/** Every seat of a session that has observations: what a room-wide event must recompute. */
export async function seatsWithConnections(db: Queryable, sessionId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ seatId: RoomConnection.seatId })
    .from(RoomConnection)
    .where(eq(RoomConnection.sessionId, sessionId));
  return rows.map((r) => r.seatId);
}

export interface AttendanceRow {
  participantId: string;
  name: string;
  joinedAt: Date;
  leftAt: Date | null;
  source: ObservationSource;
}

export async function listAttendance(db: Database, sessionId: string): Promise<AttendanceRow[]> {
  const rows = await db
    .select({
      participantId: AttendanceInterval.participantId,
      name: Person.name,
      joinedAt: AttendanceInterval.joinedAt,
      leftAt: AttendanceInterval.leftAt,
      source: AttendanceInterval.source,
    })
    .from(AttendanceInterval)
    .innerJoin(Participant, eq(Participant.id, AttendanceInterval.participantId))
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(eq(AttendanceInterval.sessionId, sessionId))
    .orderBy(AttendanceInterval.joinedAt);
  return rows;
}

/** How many distinct participants are in the room right now. */
export async function liveAttendanceCount(db: Database, sessionId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(distinct ${AttendanceInterval.participantId})::int` })
    .from(AttendanceInterval)
    .where(and(eq(AttendanceInterval.sessionId, sessionId), isNull(AttendanceInterval.leftAt)));
  return row?.count ?? 0;
}
