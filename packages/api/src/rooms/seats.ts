import { and, type Database, eq, Participant, RoomSeat, RoomState } from "@reeks/db";
import { newOpaqueIdentity } from "@reeks/livekit";
import type { ParticipantRole } from "@reeks/models";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import { DomainError } from "../domain-error";
import { publishRosterEntry } from "./roster";

// The room's aggregate: a session's seats (one per participant) and its room state, loaded here for
// every room use case.

export type ParticipantRow = typeof Participant.$inferSelect;
export type SeatRow = typeof RoomSeat.$inferSelect;

/** The participant's seat in this session's room, created with a fresh opaque identity on first use. */
export async function ensureSeat(db: Database, sessionId: string, participantId: string): Promise<SeatRow> {
  const [existing] = await db
    .select()
    .from(RoomSeat)
    .where(and(eq(RoomSeat.sessionId, sessionId), eq(RoomSeat.participantId, participantId)));
  if (existing) return existing;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(RoomSeat)
      .values({ sessionId, participantId, identity: newOpaqueIdentity() })
      .onConflictDoNothing({ target: [RoomSeat.sessionId, RoomSeat.participantId] })
      .returning();
    // Everyone in the room learns the newcomer's name before LiveKit shows their identity.
    if (row) await publishRosterEntry(tx, sessionId, participantId);
    return row;
  });
  if (created) return created;
  // Someone else made it meanwhile.
  const [seat] = await db
    .select()
    .from(RoomSeat)
    .where(and(eq(RoomSeat.sessionId, sessionId), eq(RoomSeat.participantId, participantId)));
  if (!seat) throw new Error("seat vanished");
  return seat;
}

/** The caller's own seat, refused to someone removed from the session. */
export async function ownSeat(db: Database, actor: SessionActor): Promise<SeatRow> {
  const seat = await ensureSeat(db, actor.session.id, actor.participantId);
  if (seat.removedAt) throw new DomainError("FORBIDDEN", "removedFromSession");
  return seat;
}

/** A participant id from the input must be someone of this series, or the call is refused. */
export async function targetParticipant(
  db: Database,
  actor: SessionActor,
  participantId: string,
): Promise<ParticipantRow> {
  const [target] = await db
    .select()
    .from(Participant)
    .where(and(eq(Participant.id, participantId), eq(Participant.seriesId, actor.seriesId)));
  if (!target) throw new DomainError("NOT_FOUND", "participantNotFound");
  return target;
}

/** The target participant of a moderator action and their seat in the session. */
export async function targetSeat(db: Database, actor: SessionActor, participantId: string) {
  const target = await targetParticipant(db, actor, participantId);
  const seat = await ensureSeat(db, actor.session.id, target.id);
  return { target, seat };
}

export async function roomStateOf(db: Database, sessionId: string) {
  const [state] = await db.select().from(RoomState).where(eq(RoomState.sessionId, sessionId));
  return state ?? null;
}

export function canPublishIn(role: ParticipantRole, seat: Pick<SeatRow, "onStage">): boolean {
  return roleAtLeast(role, "speaker") || seat.onStage;
}
