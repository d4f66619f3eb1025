import { eq, RoomSeat } from "@reeks/db";
import { mintRoomToken } from "@reeks/livekit";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import type { RoomDeps } from "./room-client";
import { publishRosterEntry } from "./roster";
import { canPublishIn, ownSeat, roomStateOf } from "./seats";

export type JoinAnswer =
  | { kind: "waiting" }
  | { kind: "ended" }
  | { kind: "lobby" }
  | {
      kind: "token";
      token: string;
      url: string;
      identity: string;
      canPublish: boolean;
      expiresAt: string;
    };

/**
 * Just-in-time token for the session room, with grants from the role (and the stage) as they are in
 * the database now. Removed people get none; before the start there is only the waiting page; while
 * the room is locked, people who are not moderators wait in the lobby until admitted.
 */
export async function issueRoomToken({ db, livekit }: RoomDeps, actor: SessionActor): Promise<JoinAnswer> {
  const { session } = actor;
  if (session.status === "ended" || session.status === "cancelled") return { kind: "ended" };
  const seat = await ownSeat(db, actor);
  if (session.status !== "live") return { kind: "waiting" };
  const state = await roomStateOf(db, session.id);
  const isModerator = roleAtLeast(actor.role, "moderator");
  if (state?.locked && !isModerator && !seat.admittedAt) {
    if (!seat.lobbySince) {
      await db.transaction(async (tx) => {
        await tx.update(RoomSeat).set({ lobbySince: new Date() }).where(eq(RoomSeat.id, seat.id));
        await publishRosterEntry(tx, session.id, actor.participantId);
      });
    }
    return { kind: "lobby" };
  }
  const canPublish = canPublishIn(actor.role, seat);
  const minted = await mintRoomToken(livekit.connection, {
    room: session.roomName,
    identity: seat.identity,
    canPublish,
    // Only the role: names are looked up through our API, never carried through LiveKit.
    metadata: JSON.stringify({ role: actor.role }),
  });
  return { kind: "token", ...minted, url: livekit.publicUrl, identity: seat.identity, canPublish };
}
