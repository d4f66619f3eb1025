import { mintRoomToken } from "@reeks/livekit";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import { recordAudit } from "../audit";
import { DomainError } from "../domain-error";
import type { RoomDeps } from "../rooms/room-client";
import { ownSeat, roomStateOf, type SeatRow } from "../rooms/seats";
import { placeMember } from "./plan";
import {
  activeRound,
  breakoutAudit,
  bumpRound,
  closeExpiredRounds,
  type GroupRow,
  groupOf,
  groupsOf,
  memberOf,
  membersOf,
  publishBreakout,
  type RoundRow,
} from "./records";
import { lockRound, smallestGroup } from "./run";
import type { BreakoutJoinAnswer } from "./types";

/** Group tokens are for connecting now: a move, a reload, a reconnect each ask for a fresh one. */
export const GROUP_TOKEN_TTL_SECONDS = 5 * 60;

async function groupToken(
  { livekit }: Pick<RoomDeps, "livekit">,
  actor: SessionActor,
  seat: SeatRow,
  group: GroupRow,
): Promise<BreakoutJoinAnswer> {
  // The seat's own identity in every room: LiveKit's webhooks of a group room land on the same seat,
  // so the move is one stay in the session's attendance.
  const minted = await mintRoomToken(livekit.connection, {
    room: group.roomName,
    identity: seat.identity,
    canPublish: true,
    metadata: JSON.stringify({ role: actor.role }),
    ttlSeconds: GROUP_TOKEN_TTL_SECONDS,
  });
  return {
    kind: "group",
    groupId: group.id,
    ...minted,
    url: livekit.publicUrl,
    identity: seat.identity,
    canPublish: true,
  };
}

/**
 * Where the caller belongs now: their group while a round is open, else the main room. Someone who
 * arrives during a random round is placed now, in the smallest group; someone removed gets no room.
 */
export async function joinBreakout(deps: RoomDeps, actor: SessionActor): Promise<BreakoutJoinAnswer> {
  const { db } = deps;
  const session = actor.session;
  const seat = await ownSeat(db, actor);
  if (session.status !== "live") return { kind: "main" };
  await closeExpiredRounds(db, session.id);
  const round = await activeRound(db, session.id);
  if (round?.status !== "open") return { kind: "main" };
  let member = await memberOf(db, round.id, actor.participantId);
  if (!member) {
    if (round.assignment !== "random" || roleAtLeast(actor.role, "moderator")) return { kind: "main" };
    // Waiting in the lobby of a locked room: admitted first, placed after.
    const state = await roomStateOf(db, session.id);
    if (state?.locked && !seat.admittedAt) return { kind: "main" };
    member = await placeLate(db, round, actor);
    if (!member) return { kind: "main" };
  }
  const { group } = await groupOf(db, session.id, member.groupId);
  return groupToken(deps, actor, seat, group);
}

async function placeLate(db: RoomDeps["db"], round: RoundRow, actor: SessionActor) {
  const session = actor.session;
  return db.transaction(async (tx) => {
    const current = await lockRound(tx, round.id);
    if (current?.status !== "open") return null;
    const already = await memberOf(tx, round.id, actor.participantId);
    if (already) return already;
    const group = smallestGroup(await groupsOf(tx, round.id), await membersOf(tx, round.id));
    if (!group) return null;
    await placeMember(tx, round.id, actor.participantId, group.id, "late");
    await bumpRound(tx, round.id);
    await publishBreakout(tx, session, round.id, "assigned");
    await recordAudit(
      tx,
      breakoutAudit(null, session, "late", { roundId: round.id, groupId: group.id }, actor.participantId),
    );
    return memberOf(tx, round.id, actor.participantId);
  });
}

/** A moderator drops in on a group (listens, speaks, leaves) without becoming one of its members. */
export async function visitGroup(deps: RoomDeps, input: { groupId: string }, actor: SessionActor) {
  const { db } = deps;
  const session = actor.session;
  const seat = await ownSeat(db, actor);
  await closeExpiredRounds(db, session.id);
  const { group, round } = await groupOf(db, session.id, input.groupId);
  if (round.status !== "open" || session.status !== "live")
    throw new DomainError("CONFLICT", "breakoutNotOpen");
  await recordAudit(db, breakoutAudit(actor, session, "visit", { roundId: round.id, groupId: group.id }));
  return groupToken(deps, actor, seat, group);
}
