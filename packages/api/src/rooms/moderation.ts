import { eq, RoomSeat, RoomState } from "@reeks/db";
import { stagePermission } from "@reeks/livekit";
import { TrackType } from "livekit-server-sdk";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import { recordAudit, withAudit } from "../audit";
import { dropFromGroups, openGroupRooms } from "../breakout/run";
import { DomainError } from "../domain-error";
import { ifConnected, type RoomDeps, roomsOf } from "./room-client";
import { publishRosterEntry } from "./roster";
import { canPublishIn, targetParticipant, targetSeat } from "./seats";

// What moderators do to others in the room. The procedures have checked the moderator's role; every
// participant id from the input is checked against the session's series here.

/** An audit entry about one participant, in this session. */
function aboutParticipant(actor: SessionActor, action: string, participantId: string, details = {}) {
  return {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action,
    target: `participant:${participantId}`,
    details: { sessionId: actor.session.id, ...details },
  };
}

/** Brings a participant on stage (publish camera, microphone, screen) or back to the audience. */
export async function setStage(
  { db, livekit }: RoomDeps,
  input: { participantId: string; onStage: boolean },
  actor: SessionActor,
) {
  const { session } = actor;
  const { onStage } = input;
  const { target, seat } = await targetSeat(db, actor, input.participantId);
  await withAudit(
    db,
    aboutParticipant(actor, onStage ? "room.promote" : "room.demote", target.id),
    async (tx) => {
      await tx
        .update(RoomSeat)
        .set({ onStage, ...(onStage ? { handRaisedAt: null } : {}) })
        .where(eq(RoomSeat.id, seat.id));
      await publishRosterEntry(tx, session.id, target.id);
    },
  );
  const canPublish = canPublishIn(target.role, { onStage });
  // Permissions are replaced atomically; the client sees ParticipantPermissionsChanged.
  await ifConnected(
    roomsOf(livekit).updateParticipant(
      session.roomName,
      seat.identity,
      undefined,
      stagePermission(canPublish),
    ),
  );
  return { onStage, canPublish };
}

export async function muteTrack(
  { db, livekit }: RoomDeps,
  input: { participantId: string; trackSid: string },
  actor: SessionActor,
) {
  const { session } = actor;
  const { target, seat } = await targetSeat(db, actor, input.participantId);
  const rooms = roomsOf(livekit);
  // LiveKit waits 3 s for a participant that is not there before it answers "unavailable": ask
  // first (a few ms), so the moderator hears at once that there is nobody or no such track.
  const connected = await ifConnected(rooms.getParticipant(session.roomName, seat.identity));
  if (!connected) throw new DomainError("NOT_FOUND", "notInRoom");
  if (!connected.tracks.some((track) => track.sid === input.trackSid))
    throw new DomainError("NOT_FOUND", "trackNotFound");
  if (!(await ifConnected(rooms.mutePublishedTrack(session.roomName, seat.identity, input.trackSid, true)))) {
    throw new DomainError("NOT_FOUND", "notInRoom");
  }
  await recordAudit(db, aboutParticipant(actor, "room.mute", target.id, { trackSid: input.trackSid }));
  return { muted: true };
}

/** Mutes every microphone in the room except the moderator's own. */
export async function muteAll(
  { db, livekit }: RoomDeps,
  input: { exceptIdentity: string | null },
  actor: SessionActor,
) {
  const { session } = actor;
  const rooms = roomsOf(livekit);
  const participants = (await ifConnected(rooms.listParticipants(session.roomName))) ?? [];
  let muted = 0;
  for (const p of participants) {
    if (p.identity === input.exceptIdentity) continue;
    for (const track of p.tracks) {
      if (track.type !== TrackType.AUDIO || track.muted) continue;
      await ifConnected(rooms.mutePublishedTrack(session.roomName, p.identity, track.sid, true));
      muted += 1;
    }
  }
  await recordAudit(db, {
    actorId: actor.personId,
    seriesId: session.seriesId,
    action: "room.mute_all",
    target: `session:${session.id}`,
    details: { muted },
  });
  return { muted };
}

/**
 * Removes a participant for the rest of the session: disconnected now, no new token, and if an
 * older token is used to come back, the attendance worker throws them out again on `joined`.
 */
export async function removeFromSession(
  { db, livekit }: RoomDeps,
  input: { participantId: string },
  actor: SessionActor,
) {
  const target = await targetParticipant(db, actor, input.participantId);
  if (roleAtLeast(target.role, "moderator")) throw new DomainError("FORBIDDEN", "moderatorNotRemovable");
  const { seat } = await targetSeat(db, actor, target.id);
  await withAudit(db, aboutParticipant(actor, "room.remove", target.id), async (tx) => {
    await tx
      .update(RoomSeat)
      .set({ removedAt: new Date(), onStage: false, handRaisedAt: null, lobbySince: null })
      .where(eq(RoomSeat.id, seat.id));
    await publishRosterEntry(tx, actor.session.id, target.id);
    await dropFromGroups(tx, actor.session, target.id);
  });
  const rooms = roomsOf(livekit);
  // Out of the room they are in: the main room or a breakout group's.
  const inRooms = [actor.session.roomName, ...(await openGroupRooms(db, actor.session.id))];
  await Promise.all(inRooms.map((room) => ifConnected(rooms.removeParticipant(room, seat.identity))));
  return { removed: true };
}

/** While locked, newcomers who are not moderators wait in the lobby until admitted. */
export async function setLocked(
  { db }: Pick<RoomDeps, "db">,
  input: { locked: boolean },
  actor: SessionActor,
) {
  const { session } = actor;
  const { locked } = input;
  const audit = {
    actorId: actor.personId,
    seriesId: session.seriesId,
    action: locked ? "room.lock" : "room.unlock",
    target: `session:${session.id}`,
  };
  await withAudit(db, audit, async (tx) => {
    const updated = await tx
      .update(RoomState)
      .set({ locked })
      .where(eq(RoomState.sessionId, session.id))
      .returning({ sessionId: RoomState.sessionId });
    if (updated.length === 0) throw new DomainError("CONFLICT", "roomNotOpen");
  });
  return { locked };
}

export async function admitFromLobby(
  { db }: Pick<RoomDeps, "db">,
  input: { participantId: string },
  actor: SessionActor,
) {
  const { target, seat } = await targetSeat(db, actor, input.participantId);
  if (seat.removedAt) throw new DomainError("CONFLICT", "participantRemoved");
  await withAudit(db, aboutParticipant(actor, "room.admit", target.id), async (tx) => {
    await tx
      .update(RoomSeat)
      .set({ admittedAt: new Date(), lobbySince: null })
      .where(eq(RoomSeat.id, seat.id));
    await publishRosterEntry(tx, actor.session.id, target.id);
  });
  return { admitted: true };
}
