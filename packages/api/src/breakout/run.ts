import { randomInt } from "node:crypto";
import {
  AttendanceInterval,
  and,
  BreakoutBroadcast,
  BreakoutMember,
  BreakoutRound,
  type Database,
  eq,
  inArray,
  isNull,
  Participant,
  RoomSeat,
  type Transaction,
} from "@reeks/db";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import { withAudit } from "../audit";
import { VersionConflict } from "../capture/conflict";
import { DomainError } from "../domain-error";
import { livekitCall, type RoomDeps, roomsOf } from "../rooms/room-client";
import { placeMember, syncGroups } from "./plan";
import {
  breakoutAudit,
  bumpRound,
  closeExpiredRounds,
  type GroupRow,
  groupsOf,
  type MemberRow,
  membersOf,
  publishBreakout,
  type RoundRow,
  roundOf,
} from "./records";

/** A group room with nobody in it goes after this long (the round is long over by then). */
const GROUP_ROOM_EMPTY_TIMEOUT_S = 10 * 60;

/** Locks the round's row for the rest of the transaction: placements are decided one at a time. */
export async function lockRound(tx: Transaction, roundId: string): Promise<RoundRow | null> {
  const [round] = await tx.select().from(BreakoutRound).where(eq(BreakoutRound.id, roundId)).for("update");
  return round ?? null;
}

/**
 * Who is in the session now and is not a moderator (moderators stay in the main room and visit):
 * open stays as attendance has them, and, when LiveKit answers, whoever it lists in the main room
 * (a connection whose webhook is still on its way).
 */
export async function presentParticipants(
  { db, livekit }: RoomDeps,
  session: { id: string; roomName: string },
) {
  const staying = await db
    .selectDistinct({ participantId: AttendanceInterval.participantId })
    .from(AttendanceInterval)
    .where(and(eq(AttendanceInterval.sessionId, session.id), isNull(AttendanceInterval.leftAt)));
  const listed = await roomsOf(livekit)
    .listParticipants(session.roomName)
    .catch(() => []);
  const identities = listed.map((p) => p.identity);
  const seats = await db
    .select({ participantId: RoomSeat.participantId, identity: RoomSeat.identity, role: Participant.role })
    .from(RoomSeat)
    .innerJoin(Participant, eq(Participant.id, RoomSeat.participantId))
    .where(and(eq(RoomSeat.sessionId, session.id), isNull(RoomSeat.removedAt)));
  const ids = new Set([...staying.map((s) => s.participantId)]);
  const byIdentity = new Set(identities);
  return seats
    .filter(
      (s) => (ids.has(s.participantId) || byIdentity.has(s.identity)) && !roleAtLeast(s.role, "moderator"),
    )
    .map((s) => s.participantId);
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The group with the fewest members; the first of those by position on a tie. */
export function smallestGroup(groups: readonly GroupRow[], members: readonly Pick<MemberRow, "groupId">[]) {
  const counts = new Map(groups.map((g) => [g.id, 0]));
  for (const m of members) counts.set(m.groupId, (counts.get(m.groupId) ?? 0) + 1);
  let best: GroupRow | null = null;
  for (const g of groups) if (!best || (counts.get(g.id) ?? 0) < (counts.get(best.id) ?? 0)) best = g;
  return best;
}

/**
 * Opens the round: everyone present in the main room without a group is placed by the plan's rule
 * (random: a balanced shuffle; by size: as many groups as it takes; manual and self: they wait to be
 * placed or to choose), the countdown starts, and every client hears it and moves.
 */
export async function openRound(
  deps: RoomDeps,
  input: { roundId: string; version: number },
  actor: SessionActor,
) {
  const { db, livekit } = deps;
  const session = actor.session;
  if (session.status !== "live") throw new DomainError("PRECONDITION_FAILED", "breakoutSessionNotLive");
  const planned = await roundOf(db, session.id, input.roundId);
  if (planned.status !== "planned") throw new DomainError("CONFLICT", "breakoutNotPlanned");
  if (planned.version !== input.version) {
    throw new VersionConflict({ roundId: planned.id, version: planned.version });
  }
  const present = await presentParticipants(deps, session);
  const audit = (round: RoundRow) =>
    breakoutAudit(actor, session, "open", {
      roundId: round.id,
      groupCount: round.groupCount,
      endsAt: round.endsAt?.toISOString() ?? null,
    });
  const round = await withAudit(db, audit, async (tx) => {
    const current = await lockRound(tx, planned.id);
    if (current?.status !== "planned") throw new DomainError("CONFLICT", "breakoutNotPlanned");
    if (current.version !== input.version) {
      throw new VersionConflict({ roundId: current.id, version: current.version });
    }
    const members = await membersOf(tx, current.id);
    const placed = new Set(members.map((m) => m.participantId));
    const unplaced = present.filter((id) => !placed.has(id));
    let sized = current;
    if (current.perGroup) {
      const groups = await groupsOf(tx, current.id);
      const used = Math.max(0, ...members.map((m) => groups.find((g) => g.id === m.groupId)?.position ?? 0));
      const needed = Math.ceil(
        (members.length + (current.assignment === "random" ? unplaced.length : 0)) / current.perGroup,
      );
      const groupCount = Math.min(50, Math.max(1, used, needed));
      if (groupCount !== current.groupCount) {
        const [resized] = await tx
          .update(BreakoutRound)
          .set({ groupCount })
          .where(eq(BreakoutRound.id, current.id))
          .returning();
        sized = resized ?? current;
        await syncGroups(tx, sized, [], false);
      }
    }
    if (sized.assignment === "random") {
      const groups = await groupsOf(tx, sized.id);
      const counted: Array<Pick<MemberRow, "groupId">> = [...members];
      const placements: Array<typeof BreakoutMember.$inferInsert> = [];
      for (const participantId of shuffled(unplaced)) {
        const group = smallestGroup(groups, counted);
        if (!group) break;
        placements.push({ roundId: sized.id, groupId: group.id, participantId, placement: "plan" });
        counted.push({ groupId: group.id });
      }
      // One statement: a hundred people are placed in the time of one.
      if (placements.length > 0) await tx.insert(BreakoutMember).values(placements);
    }
    const now = new Date();
    const opened = await bumpRound(tx, sized.id, {
      status: "open",
      openedAt: now,
      endsAt: new Date(now.getTime() + sized.durationSeconds * 1000),
    });
    if (!opened) throw new Error("round vanished");
    await publishBreakout(tx, session, opened.id, "opened");
    return opened;
  });
  // The rooms exist before anyone asks to join them (LiveKit would make them on the first join too,
  // but with its own default timeouts).
  const rooms = roomsOf(livekit);
  await Promise.all(
    (await groupsOf(db, round.id)).map((g) =>
      livekitCall(
        rooms.createRoom({
          name: g.roomName,
          emptyTimeout: GROUP_ROOM_EMPTY_TIMEOUT_S,
          departureTimeout: 30,
        }),
      ),
    ),
  );
  return { version: round.version, endsAt: round.endsAt?.toISOString() ?? "" };
}

async function openRoundOf(db: Database, sessionId: string, roundId: string): Promise<RoundRow> {
  await closeExpiredRounds(db, sessionId);
  const round = await roundOf(db, sessionId, roundId);
  if (round.status !== "open") throw new DomainError("CONFLICT", "breakoutNotOpen");
  return round;
}

/** More time: the countdown moves for everyone. */
export async function extendRound(
  db: Database,
  input: { roundId: string; minutes: number },
  actor: SessionActor,
) {
  const session = actor.session;
  const round = await openRoundOf(db, session.id, input.roundId);
  const audit = breakoutAudit(actor, session, "extend", { roundId: round.id, minutes: input.minutes });
  const extended = await withAudit(db, audit, async (tx) => {
    const current = await lockRound(tx, round.id);
    if (current?.status !== "open" || !current.endsAt) throw new DomainError("CONFLICT", "breakoutNotOpen");
    const bumped = await bumpRound(tx, round.id, {
      endsAt: new Date(current.endsAt.getTime() + input.minutes * 60_000),
    });
    await publishBreakout(tx, session, round.id, "extended");
    return bumped ?? current;
  });
  return { version: extended.version, endsAt: extended.endsAt?.toISOString() ?? "" };
}

/** Closes the round early (or a planned one that will not be held): everyone returns to the main room. */
export async function closeRound(db: Database, input: { roundId: string }, actor: SessionActor) {
  const session = actor.session;
  await closeExpiredRounds(db, session.id);
  const round = await roundOf(db, session.id, input.roundId);
  if (round.status === "closed") throw new DomainError("CONFLICT", "breakoutClosed");
  const audit = breakoutAudit(actor, session, "close", { roundId: round.id, status: round.status });
  const closed = await withAudit(db, audit, async (tx) => {
    const current = await lockRound(tx, round.id);
    if (!current || current.status === "closed") throw new DomainError("CONFLICT", "breakoutClosed");
    const bumped = await bumpRound(tx, round.id, { status: "closed", closedAt: new Date() });
    await publishBreakout(tx, session, round.id, "closed");
    return bumped ?? current;
  });
  return { version: closed.version };
}

/** One message to every group at once. */
export async function broadcastToGroups(
  db: Database,
  input: { roundId: string; body: string },
  actor: SessionActor,
) {
  const session = actor.session;
  const round = await openRoundOf(db, session.id, input.roundId);
  const audit = (sent: { id: string }) =>
    breakoutAudit(actor, session, "broadcast", { roundId: round.id, broadcastId: sent.id });
  const sent = await withAudit(db, audit, async (tx) => {
    const [row] = await tx
      .insert(BreakoutBroadcast)
      .values({ roundId: round.id, authorId: actor.participantId, body: input.body })
      .returning();
    if (!row) throw new Error("broadcast not stored");
    await publishBreakout(tx, session, round.id, "broadcast", input.body);
    return row;
  });
  return { id: sent.id, sentAt: sent.sentAt.toISOString() };
}

/** The open round's groups' rooms: where someone removed from the session must be thrown out of too. */
export async function openGroupRooms(db: Database, sessionId: string): Promise<string[]> {
  const rows = await db
    .select({ status: BreakoutRound.status, roundId: BreakoutRound.id })
    .from(BreakoutRound)
    .where(and(eq(BreakoutRound.sessionId, sessionId), eq(BreakoutRound.status, "open")));
  const groups = rows.length ? await Promise.all(rows.map((r) => groupsOf(db, r.roundId))) : [];
  return groups.flat().map((g) => g.roomName);
}

/** Takes someone removed from the session out of the rounds' groups: they stay out of every group. */
export async function dropFromGroups(
  tx: Transaction,
  session: { id: string; seriesId: string },
  participantId: string,
) {
  const rounds = await tx
    .select({ id: BreakoutRound.id })
    .from(BreakoutRound)
    .where(and(eq(BreakoutRound.sessionId, session.id), inArray(BreakoutRound.status, ["planned", "open"])));
  for (const r of rounds) {
    await placeMember(tx, r.id, participantId, null, "manual");
    await bumpRound(tx, r.id);
    await publishBreakout(tx, session, r.id, "assigned");
  }
}

/**
 * The session ends: its round ends with it (a planned one too) and its groups' rooms go, so nobody
 * stays on in a group. Returns the rooms to delete once the change is committed.
 */
export async function endRoundsWithSession(
  tx: Transaction,
  session: { id: string; seriesId: string },
): Promise<string[]> {
  const ended = await tx
    .update(BreakoutRound)
    .set({ status: "closed", closedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(BreakoutRound.sessionId, session.id), inArray(BreakoutRound.status, ["planned", "open"])))
    .returning();
  const rooms: string[] = [];
  for (const round of ended) {
    await publishBreakout(tx, session, round.id, "closed");
    if (round.openedAt) rooms.push(...(await groupsOf(tx, round.id)).map((g) => g.roomName));
  }
  return rooms;
}
