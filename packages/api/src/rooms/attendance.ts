import {
  AttendanceInterval,
  and,
  type Database,
  eq,
  isNull,
  Participant,
  Person,
  RoomConnection,
  RoomSeat,
  Session,
  sql,
  WebhookEvent,
} from "@reeks/db";
import { mergeConnections, type ObservationSource } from "./merge-connections";

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
}

/** A connection was seen starting (joined webhook). Repeats and late arrivals change nothing. */
export async function observeJoined(db: Queryable, o: ConnectionObservation): Promise<void> {
  await db
    .insert(RoomConnection)
    .values({ ...o, source: "webhook" })
    .onConflictDoNothing({ target: [RoomConnection.sessionId, RoomConnection.sid] });
}

/** A connection ended (left webhook): exact, so it overrides whatever the reconciler estimated. */
export async function observeLeft(db: Queryable, o: ConnectionObservation & { leftAt: Date }): Promise<void> {
  const leftAt = new Date(Math.max(o.leftAt.getTime(), o.joinedAt.getTime()));
  await db
    .insert(RoomConnection)
    .values({ ...o, leftAt, leftSource: "webhook", source: "webhook" })
    .onConflictDoUpdate({
      target: [RoomConnection.sessionId, RoomConnection.sid],
      set: { leftAt, leftSource: "webhook" },
    });
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

/** Times at which LiveKit said the room finished (stored webhooks): nobody was in it after. */
async function roomFinishedTimes(db: Queryable, sessionId: string): Promise<Date[]> {
  const rows = await db
    .select({ createdAt: WebhookEvent.createdAt })
    .from(WebhookEvent)
    .innerJoin(Session, eq(Session.roomName, WebhookEvent.roomName))
    .where(and(eq(Session.id, sessionId), eq(WebhookEvent.event, "room_finished")));
  return rows.map((r) => r.createdAt);
}

/**
 * Rebuilds one participant's attendance intervals for a session from all observations. Idempotent;
 * an advisory lock keeps two instances (processor and reconciler) from interleaving on PostgreSQL.
 */
export async function recomputeAttendance(db: Database, sessionId: string, seatId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${seatId}))`);
    const [seat] = await tx.select().from(RoomSeat).where(eq(RoomSeat.id, seatId));
    if (!seat) return;
    const connections = await tx.select().from(RoomConnection).where(eq(RoomConnection.seatId, seatId));
    const stays = mergeConnections(
      connections.map((c) => ({
        joinedAt: c.joinedAt,
        leftAt: c.leftAt,
        leftSource: c.leftSource as ObservationSource | null,
        source: c.source as ObservationSource,
      })),
      await roomFinishedTimes(tx, sessionId),
    );
    await tx
      .delete(AttendanceInterval)
      .where(
        and(
          eq(AttendanceInterval.sessionId, sessionId),
          eq(AttendanceInterval.participantId, seat.participantId),
        ),
      );
    if (stays.length > 0) {
      await tx
        .insert(AttendanceInterval)
        .values(stays.map((s) => ({ ...s, sessionId, participantId: seat.participantId })));
    }
  });
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
