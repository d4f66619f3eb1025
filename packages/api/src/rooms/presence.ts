import {
  AttendanceInterval,
  and,
  asc,
  type Database,
  eq,
  isNull,
  Participant,
  Person,
  RoomSeat,
} from "@reeks/db";
import type { ParticipantRole } from "@reeks/models";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import { type RoomDeps, signalRoom } from "./room-client";
import { ownSeat, roomStateOf } from "./seats";

// Who is in the room and how: the caller's own view, the roster, raised hands.

/** The room as the caller sees it on entering; also for someone removed (it tells them so). */
export async function roomInfo(db: Database, person: { name: string }, actor: SessionActor) {
  const { session } = actor;
  const state = await roomStateOf(db, session.id);
  const [seat] = await db
    .select()
    .from(RoomSeat)
    .where(and(eq(RoomSeat.sessionId, session.id), eq(RoomSeat.participantId, actor.participantId)));
  return {
    sessionId: session.id,
    seriesId: session.seriesId,
    status: session.status,
    startsAt: session.startsAt,
    locked: state?.locked ?? false,
    name: person.name,
    participantId: actor.participantId,
    role: actor.role,
    isModerator: roleAtLeast(actor.role, "moderator"),
    removed: Boolean(seat?.removedAt),
    identity: seat?.identity ?? null,
  };
}

export async function setHand({ db, livekit }: RoomDeps, input: { raised: boolean }, actor: SessionActor) {
  const { raised } = input;
  const seat = await ownSeat(db, actor);
  // Raising twice keeps the original place in the queue.
  if (raised && seat.handRaisedAt) return { raised };
  await db
    .update(RoomSeat)
    .set({ handRaisedAt: raised ? new Date() : null })
    .where(eq(RoomSeat.id, seat.id));
  await signalRoom(livekit, actor.session);
  return { raised };
}

export interface RosterEntry {
  participantId: string;
  identity: string;
  name: string;
  role: ParticipantRole;
  onStage: boolean;
  handRaisedAt: Date | null;
  lobbySince: Date | null;
  removed: boolean;
  inRoom: boolean;
}

/** Everyone with a seat in this session: names come from our database, keyed by LiveKit identity. */
export async function roster(db: Database, actor: SessionActor): Promise<RosterEntry[]> {
  const sessionId = actor.session.id;
  const rows = await db
    .select({
      participantId: RoomSeat.participantId,
      identity: RoomSeat.identity,
      name: Person.name,
      role: Participant.role,
      onStage: RoomSeat.onStage,
      handRaisedAt: RoomSeat.handRaisedAt,
      lobbySince: RoomSeat.lobbySince,
      removedAt: RoomSeat.removedAt,
    })
    .from(RoomSeat)
    .innerJoin(Participant, eq(Participant.id, RoomSeat.participantId))
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(eq(RoomSeat.sessionId, sessionId))
    .orderBy(asc(Person.name));
  const open = await db
    .selectDistinct({ participantId: AttendanceInterval.participantId })
    .from(AttendanceInterval)
    .where(and(eq(AttendanceInterval.sessionId, sessionId), isNull(AttendanceInterval.leftAt)));
  const inRoom = new Set(open.map((o) => o.participantId));
  return rows.map(({ removedAt, ...r }) => ({
    ...r,
    removed: removedAt !== null,
    inRoom: inRoom.has(r.participantId),
  }));
}
