import {
  and,
  BreakoutGroup,
  BreakoutMember,
  BreakoutRound,
  type Database,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lte,
  ne,
  Participant,
  Person,
  Session,
  sql,
  type Transaction,
} from "@reeks/db";
import type { BreakoutChange } from "@reeks/models";
import type { SessionActor } from "../actor";
import { type AuditRecord, recordAudit } from "../audit";
import { DomainError } from "../domain-error";
import { publishLive } from "../live";
import { ifConnected } from "../rooms/room-client";

// The breakout aggregate: a session's rounds, their groups (each a LiveKit room of its own) and who
// is in which group, loaded here for every breakout use case.

export type RoundRow = typeof BreakoutRound.$inferSelect;
export type GroupRow = typeof BreakoutGroup.$inferSelect;
export type MemberRow = typeof BreakoutMember.$inferSelect;
type Queryable = Pick<Database, "select" | "insert" | "update" | "delete" | "execute">;

/** The round that is planned or open in the session, if any (there is at most one). */
export async function activeRound(db: Queryable, sessionId: string): Promise<RoundRow | null> {
  const [round] = await db
    .select()
    .from(BreakoutRound)
    .where(and(eq(BreakoutRound.sessionId, sessionId), ne(BreakoutRound.status, "closed")));
  return round ?? null;
}

/** What people see: the active round, else the one closed last (so the page can say "back"). */
export async function shownRound(db: Queryable, sessionId: string): Promise<RoundRow | null> {
  const active = await activeRound(db, sessionId);
  if (active) return active;
  const [last] = await db
    .select()
    .from(BreakoutRound)
    .where(eq(BreakoutRound.sessionId, sessionId))
    .orderBy(desc(BreakoutRound.closedAt), desc(BreakoutRound.createdAt))
    .limit(1);
  return last ?? null;
}

/** A round of this session by id; anyone else's is not found. */
export async function roundOf(db: Queryable, sessionId: string, roundId: string): Promise<RoundRow> {
  const [round] = await db
    .select()
    .from(BreakoutRound)
    .where(and(eq(BreakoutRound.id, roundId), eq(BreakoutRound.sessionId, sessionId)));
  if (!round) throw new DomainError("NOT_FOUND", "breakoutRoundNotFound");
  return round;
}

export async function groupsOf(db: Queryable, roundId: string): Promise<GroupRow[]> {
  return db
    .select()
    .from(BreakoutGroup)
    .where(eq(BreakoutGroup.roundId, roundId))
    .orderBy(BreakoutGroup.position);
}

/** A group of this session by id, with its round. */
export async function groupOf(
  db: Queryable,
  sessionId: string,
  groupId: string,
): Promise<{ group: GroupRow; round: RoundRow }> {
  const [row] = await db
    .select({ group: BreakoutGroup, round: BreakoutRound })
    .from(BreakoutGroup)
    .innerJoin(BreakoutRound, eq(BreakoutRound.id, BreakoutGroup.roundId))
    .where(and(eq(BreakoutGroup.id, groupId), eq(BreakoutGroup.sessionId, sessionId)));
  if (!row) throw new DomainError("NOT_FOUND", "breakoutGroupNotFound");
  return row;
}

export async function membersOf(db: Queryable, roundId: string): Promise<MemberRow[]> {
  return db.select().from(BreakoutMember).where(eq(BreakoutMember.roundId, roundId));
}

export async function memberOf(
  db: Queryable,
  roundId: string,
  participantId: string,
): Promise<MemberRow | null> {
  const [row] = await db
    .select()
    .from(BreakoutMember)
    .where(and(eq(BreakoutMember.roundId, roundId), eq(BreakoutMember.participantId, participantId)));
  return row ?? null;
}

/** Names by participant id, as people call themselves. */
export async function namesOf(db: Queryable, participantIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(participantIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: Participant.id, name: Person.name })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(inArray(Participant.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Bumps the round's version if it is still `version` (or whatever it is, without one); the row as it
 * now is, or null when someone else changed it first.
 */
export async function bumpRound(
  tx: Queryable,
  roundId: string,
  set: Partial<typeof BreakoutRound.$inferInsert> = {},
  version?: number,
): Promise<RoundRow | null> {
  const [row] = await tx
    .update(BreakoutRound)
    .set({ ...set, version: sql`${BreakoutRound.version} + 1`, updatedAt: new Date() })
    .where(
      version === undefined
        ? eq(BreakoutRound.id, roundId)
        : and(eq(BreakoutRound.id, roundId), eq(BreakoutRound.version, version)),
    )
    .returning();
  return row ?? null;
}

/** Tells everyone following the session that the round changed, once the transaction commits. */
export async function publishBreakout(
  tx: Pick<Database, "insert" | "execute">,
  session: { id: string; seriesId: string },
  roundId: string,
  change: BreakoutChange,
  body: string | null = null,
): Promise<void> {
  await publishLive(tx, {
    seriesId: session.seriesId,
    sessionId: session.id,
    type: "breakout",
    data: { sessionId: session.id, roundId, change, body },
  });
}

/** The audit entry of a breakout action; the review page turns `breakout.<verb>` into a sentence. */
export function breakoutAudit(
  actor: Pick<SessionActor, "personId" | "seriesId" | "session"> | null,
  session: { id: string; seriesId: string },
  verb: string,
  details: Record<string, unknown>,
  participantId?: string,
): AuditRecord {
  return {
    actorId: actor?.personId ?? null,
    seriesId: session.seriesId,
    action: `breakout.${verb}`,
    target: participantId ? `participant:${participantId}` : `session:${session.id}`,
    details: { sessionId: session.id, ...details },
  };
}

/**
 * Closes every open round whose countdown has ended (of one session, or all): everyone returns to the
 * main room. One conditional UPDATE, so a round is closed once however many instances and readers
 * try at the same moment. Returns the rounds it closed.
 */
export async function closeExpiredRounds(
  db: Database,
  sessionId?: string,
  now = new Date(),
): Promise<RoundRow[]> {
  const expired = and(
    eq(BreakoutRound.status, "open"),
    lte(BreakoutRound.endsAt, now),
    ...(sessionId ? [eq(BreakoutRound.sessionId, sessionId)] : []),
  );
  // Asked every second and on every read: a plain look first, a transaction only when there is work.
  const [due] = await db.select({ id: BreakoutRound.id }).from(BreakoutRound).where(expired).limit(1);
  if (!due) return [];
  return db.transaction(async (tx: Transaction) => {
    const closed = await tx
      .update(BreakoutRound)
      .set({ status: "closed", closedAt: now, version: sql`${BreakoutRound.version} + 1`, updatedAt: now })
      .where(expired)
      .returning();
    if (closed.length === 0) return closed;
    const sessions = await tx
      .select({ id: Session.id, seriesId: Session.seriesId })
      .from(Session)
      .where(
        inArray(
          Session.id,
          closed.map((r) => r.sessionId),
        ),
      );
    const seriesOf = new Map(sessions.map((s) => [s.id, s.seriesId]));
    for (const round of closed) {
      const session = { id: round.sessionId, seriesId: seriesOf.get(round.sessionId) ?? "" };
      await publishBreakout(tx, session, round.id, "closed");
      await recordAudit(tx, breakoutAudit(null, session, "expire", { roundId: round.id }));
    }
    return closed;
  });
}

/** How long the groups' rooms of a closed round stay, for clients that move back late. */
export const GROUP_ROOMS_GRACE_MS = 60_000;

/**
 * Deletes the LiveKit rooms of rounds closed longer than the grace ago (LiveKit disconnects whoever
 * is still in one; their client goes back to the main room), then marks the round cleared. A room
 * LiveKit no longer has is fine; LiveKit unreachable throws, and the round is tried again later.
 */
export async function clearClosedGroupRooms(
  db: Database,
  rooms: { deleteRoom(name: string): Promise<unknown> },
  now = new Date(),
): Promise<number> {
  const due = await db
    .select({ id: BreakoutRound.id })
    .from(BreakoutRound)
    .where(
      and(
        eq(BreakoutRound.status, "closed"),
        isNotNull(BreakoutRound.openedAt),
        isNull(BreakoutRound.roomsClearedAt),
        lte(BreakoutRound.closedAt, new Date(now.getTime() - GROUP_ROOMS_GRACE_MS)),
      ),
    )
    .limit(20);
  for (const round of due) {
    for (const group of await groupsOf(db, round.id)) await ifConnected(rooms.deleteRoom(group.roomName));
    await db.update(BreakoutRound).set({ roomsClearedAt: now }).where(eq(BreakoutRound.id, round.id));
  }
  return due.length;
}
