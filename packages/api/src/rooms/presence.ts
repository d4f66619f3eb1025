import { and, type Database, eq, RoomSeat, Series } from "@reeks/db";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import { publishRosterEntry, type RosterEntry, rosterQuery } from "./roster";
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
  const [series] = await db
    .select({ timeZone: Series.timeZone })
    .from(Series)
    .where(eq(Series.id, session.seriesId));
  return {
    sessionId: session.id,
    seriesId: session.seriesId,
    status: session.status,
    startsAt: session.startsAt,
    /** The series' zone: calendar days (starting "on another day") and times are counted in it. */
    timeZone: series?.timeZone ?? "Europe/Amsterdam",
    /** When the room really opened and closed, which may differ from the plan. */
    startedAt: state?.openedAt ?? null,
    endedAt: state?.endedAt ?? null,
    locked: state?.locked ?? false,
    name: person.name,
    participantId: actor.participantId,
    role: actor.role,
    isModerator: roleAtLeast(actor.role, "moderator"),
    removed: Boolean(seat?.removedAt),
    identity: seat?.identity ?? null,
  };
}

export async function setHand(db: Database, input: { raised: boolean }, actor: SessionActor) {
  const { raised } = input;
  const seat = await ownSeat(db, actor);
  // Raising twice keeps the original place in the queue.
  if (raised && seat.handRaisedAt) return { raised };
  await db.transaction(async (tx) => {
    await tx
      .update(RoomSeat)
      .set({ handRaisedAt: raised ? new Date() : null })
      .where(eq(RoomSeat.id, seat.id));
    await publishRosterEntry(tx, actor.session.id, actor.participantId);
  });
  return { raised };
}

/** Everyone with a seat in this session: names come from our database, keyed by LiveKit identity. */
export async function roster(db: Database, actor: SessionActor): Promise<RosterEntry[]> {
  return rosterQuery(db, actor.session.id);
}
