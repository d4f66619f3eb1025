import {
  and,
  asc,
  BreakoutGroup,
  BreakoutMember,
  BreakoutRound,
  type Database,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  ne,
  Outcome,
  or,
  Session,
  type SQL,
  Theme,
} from "@reeks/db";
import type { LocalizedText } from "@reeks/models";
import { z } from "zod";
import { recordAudit } from "../audit";
import { DomainError } from "../domain-error";
import type { MessageKey } from "../messages";
import { type CaptureActor, isModerator, notFound } from "./actor";
import { publishItem } from "./live-events";
import type { OutcomeGroupRecord } from "./records";

/**
 * Capture inside a breakout group: the group's items and notes belong to the group (its participants
 * and the moderators) until the group's rapporteur shares the items with the whole session.
 */

export const shareGroupInput = z.object({ sessionId: z.uuid(), groupId: z.uuid() });

/**
 * Items everyone in the series may count and publish: those of the main room, and a group's once
 * shared. Exports, counts and overviews filter with this, so an unshared group item never leaks.
 */
export function sharedOutcomes(): SQL | undefined {
  return or(isNull(Outcome.breakoutGroupId), isNotNull(Outcome.sharedAt));
}

/** The group, if it is one of this session's (any round). */
export async function groupOfSession(db: Database, groupId: string, sessionId: string) {
  const group = await db.query.BreakoutGroup.findFirst({
    where: and(eq(BreakoutGroup.id, groupId), eq(BreakoutGroup.sessionId, sessionId)),
  });
  if (!group) throw notFound("captureGroupNotFound");
  return group;
}

export async function isGroupMember(db: Database, groupId: string, participantId: string): Promise<boolean> {
  const row = await db.query.BreakoutMember.findFirst({
    where: and(eq(BreakoutMember.groupId, groupId), eq(BreakoutMember.participantId, participantId)),
    columns: { participantId: true },
  });
  return Boolean(row);
}

/**
 * Whether the actor may read and write in the group: its participants and the session's moderators
 * (who visit groups without being placed in them).
 */
export async function mayUseGroup(db: Database, actor: CaptureActor, groupId: string): Promise<boolean> {
  return isModerator(actor) || (await isGroupMember(db, groupId, actor.participantId));
}

/** The group of this session, if the actor may work in it; `refusal` names why not. */
export async function assertGroupAccess(
  db: Database,
  actor: CaptureActor,
  groupId: string,
  refusal: MessageKey,
) {
  const group = await groupOfSession(db, groupId, actor.session.id);
  if (!(await mayUseGroup(db, actor, groupId))) throw new DomainError("FORBIDDEN", refusal);
  return group;
}

/** Who is in each group now: the audience of its unshared items and of its notes. */
export async function groupMemberIds(db: Database, groupIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (groupIds.length === 0) return result;
  const rows = await db
    .select({ groupId: BreakoutMember.groupId, participantId: BreakoutMember.participantId })
    .from(BreakoutMember)
    .where(inArray(BreakoutMember.groupId, groupIds));
  for (const row of rows) {
    const list = result.get(row.groupId) ?? [];
    list.push(row.participantId);
    result.set(row.groupId, list);
  }
  return result;
}

/**
 * The groups' provenance as items carry it: name, and the question they discussed (their own, else
 * the theme's guiding question, in both languages so each reader gets theirs).
 */
export async function loadGroupProvenance(
  db: Database,
  groupIds: string[],
): Promise<Map<string, Omit<OutcomeGroupRecord, "sharedAt">>> {
  const wanted = [...new Set(groupIds)];
  const result = new Map<string, Omit<OutcomeGroupRecord, "sharedAt">>();
  if (wanted.length === 0) return result;
  const [rows, members] = await Promise.all([
    db
      .select({
        id: BreakoutGroup.id,
        name: BreakoutGroup.name,
        question: BreakoutGroup.question,
        themeQuestion: Theme.guidingQuestion,
      })
      .from(BreakoutGroup)
      .innerJoin(Session, eq(Session.id, BreakoutGroup.sessionId))
      .innerJoin(Theme, eq(Theme.id, Session.themeId))
      .where(inArray(BreakoutGroup.id, wanted)),
    groupMemberIds(db, wanted),
  ]);
  for (const row of rows) {
    result.set(row.id, {
      id: row.id,
      name: row.name,
      question: groupQuestion(row.question, row.themeQuestion),
      memberIds: members.get(row.id) ?? [],
    });
  }
  return result;
}

export function groupQuestion(own: string | null, themeQuestion: LocalizedText): LocalizedText {
  return own ? { nl: own, en: own } : themeQuestion;
}

export const groupInput = z.object({ sessionId: z.uuid(), groupId: z.uuid() });

/** What the group's capture panel shows above its items: the group, its question, and who may share. */
export async function groupCapture(db: Database, input: z.infer<typeof groupInput>, actor: CaptureActor) {
  const group = await assertGroupAccess(db, actor, input.groupId, "groupCaptureForbidden");
  const [provenance] = (await loadGroupProvenance(db, [group.id])).values();
  const rapporteur = group.rapporteurId !== null && group.rapporteurId === actor.participantId;
  return {
    id: group.id,
    name: group.name,
    question: provenance?.question ?? { nl: "" },
    rapporteur,
    canShare: rapporteur || isModerator(actor),
  };
}

/**
 * The breakout groups of this session the caller was placed in, newest round first: after the round
 * they keep their group's panel (its rapporteur shares from there). Planned rounds have no groups yet.
 */
export async function myGroups(db: Database, actor: CaptureActor) {
  return db
    .select({ id: BreakoutGroup.id, name: BreakoutGroup.name, roundStatus: BreakoutRound.status })
    .from(BreakoutMember)
    .innerJoin(BreakoutGroup, eq(BreakoutGroup.id, BreakoutMember.groupId))
    .innerJoin(BreakoutRound, eq(BreakoutRound.id, BreakoutMember.roundId))
    .where(
      and(
        eq(BreakoutMember.participantId, actor.participantId),
        eq(BreakoutGroup.sessionId, actor.session.id),
        ne(BreakoutRound.status, "planned"),
      ),
    )
    .orderBy(desc(BreakoutRound.createdAt), asc(BreakoutGroup.position));
}

/**
 * The group's rapporteur (or a moderator) brings the group's items into the main session: from now on
 * everyone in the session sees them, with the group as their provenance. Items shared before stay as
 * they are, so sharing again after more capture shares only the new ones.
 */
export async function shareGroup(db: Database, input: z.infer<typeof shareGroupInput>, actor: CaptureActor) {
  const group = await groupOfSession(db, input.groupId, actor.session.id);
  const rapporteur = group.rapporteurId !== null && group.rapporteurId === actor.participantId;
  if (!rapporteur && !isModerator(actor)) throw new DomainError("FORBIDDEN", "groupShareForbidden");
  const shared = await db.transaction(async (tx) => {
    const now = new Date();
    const rows = await tx
      .update(Outcome)
      .set({ sharedAt: now, updatedAt: now })
      .where(
        and(
          eq(Outcome.breakoutGroupId, group.id),
          eq(Outcome.sessionId, actor.session.id),
          isNull(Outcome.sharedAt),
        ),
      )
      .returning({ id: Outcome.id });
    // Each item goes out whole, as any change does: clients outside the group now add it.
    for (const row of rows) await publishItem(tx, actor, "outcome", row.id);
    // Sharing when nothing is left to share changes nothing, so the log stays quiet about it.
    if (rows.length > 0)
      await recordAudit(tx, {
        actorId: actor.personId,
        seriesId: actor.seriesId,
        action: "outcome.share_group",
        target: `breakout_group:${group.id}`,
        details: { sessionId: actor.session.id, groupName: group.name, count: rows.length },
      });
    return rows.length;
  });
  return { shared };
}
