import {
  AttendanceInterval,
  and,
  asc,
  type Database,
  eq,
  Participant,
  Person,
  RoomSeat,
  Session,
  sql,
  type Transaction,
} from "@reeks/db";
import type { RosterEntryView } from "@reeks/models";
import { publishCapture } from "../capture/live-events";

// The room's roster: who has a seat, by name and role (LiveKit only knows opaque identities), and the
// one way a change to a seat reaches everyone in the room (the session's live stream, not polling).

export type RosterEntry = RosterEntryView;

/** Roster entries of a session's seats (those matching `which`), by name. */
export async function rosterQuery(
  db: Database | Transaction,
  sessionId: string,
  which?: ReturnType<typeof eq>,
): Promise<RosterEntryView[]> {
  const rows = await db
    .select({
      participantId: RoomSeat.participantId,
      identity: RoomSeat.identity,
      name: Person.name,
      role: Participant.role,
      onStage: RoomSeat.onStage,
      handRaisedAt: RoomSeat.handRaisedAt,
      lobbySince: RoomSeat.lobbySince,
      removed: sql<boolean>`${RoomSeat.removedAt} is not null`,
      inRoom: sql<boolean>`exists (select 1 from ${AttendanceInterval} where ${AttendanceInterval.sessionId} = ${RoomSeat.sessionId} and ${AttendanceInterval.participantId} = ${RoomSeat.participantId} and ${AttendanceInterval.leftAt} is null)`,
    })
    .from(RoomSeat)
    .innerJoin(Participant, eq(Participant.id, RoomSeat.participantId))
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(which ? and(eq(RoomSeat.sessionId, sessionId), which) : eq(RoomSeat.sessionId, sessionId))
    .orderBy(asc(Person.name));
  return rows.map((r) => ({
    ...r,
    handRaisedAt: r.handRaisedAt?.toISOString() ?? null,
    lobbySince: r.lobbySince?.toISOString() ?? null,
  }));
}

/** A participant's roster entry as it is now (in `db` or the caller's transaction), or null without a seat. */
export async function rosterEntry(
  db: Database | Transaction,
  sessionId: string,
  participantId: string,
): Promise<RosterEntryView | null> {
  const [entry] = await rosterQuery(db, sessionId, eq(RoomSeat.participantId, participantId));
  return entry ?? null;
}

/**
 * Tells everyone following the session's live stream how this seat is now, inside the caller's
 * transaction: the change and its event commit together. Replaces polling the roster.
 */
export async function publishRosterEntry(
  tx: Transaction,
  sessionId: string,
  participantId: string,
): Promise<void> {
  const entry = await rosterEntry(tx, sessionId, participantId);
  const [session] = await tx
    .select({ seriesId: Session.seriesId })
    .from(Session)
    .where(eq(Session.id, sessionId));
  if (!entry || !session) return;
  await publishCapture(tx, session.seriesId, "roster", { ...entry, sessionId });
}
