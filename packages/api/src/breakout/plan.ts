import {
  and,
  type BreakoutAssignment,
  BreakoutGroup,
  BreakoutMember,
  BreakoutRound,
  type Database,
  eq,
  gt,
  newRoomName,
  type RapporteurChoice,
  Series,
  Session,
  type Transaction,
} from "@reeks/db";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import { withAudit } from "../audit";
import { isUniqueViolation } from "../authoring/editor";
import { VersionConflict } from "../capture/conflict";
import { DomainError, fieldError } from "../domain-error";
import { ownSeat, targetSeat } from "../rooms/seats";
import {
  activeRound,
  breakoutAudit,
  bumpRound,
  closeExpiredRounds,
  groupOf,
  groupsOf,
  memberOf,
  publishBreakout,
  type RoundRow,
  roundOf,
} from "./records";

export interface PlanInput {
  roundId?: string;
  version?: number;
  assignment: BreakoutAssignment;
  groupCount?: number;
  perGroup?: number;
  durationMinutes: number;
  rapporteurChoice: RapporteurChoice;
  groups?: Array<{ name: string; question: string | null }>;
}

export const MAX_GROUPS = 50;

/** "Groep 3" or "Group 3", in the session's language (a series offered in English only: English). */
export async function defaultGroupName(db: Pick<Database, "select">, seriesId: string, position: number) {
  const [series] = await db
    .select({ languages: Series.languages })
    .from(Series)
    .where(eq(Series.id, seriesId));
  return series?.languages === "en" ? `Group ${position}` : `Groep ${position}`;
}

function sessionOver(actor: SessionActor) {
  const { status } = actor.session;
  if (status === "ended" || status === "cancelled") throw new DomainError("CONFLICT", "breakoutSessionOver");
}

/**
 * Creates the planned round, or edits it (roundId + the version it was read at). With `perGroup` the
 * number of groups follows at the opening from who is there; until then there are as many as named
 * (at least one), so people can be placed by hand or choose beforehand.
 */
export async function planRound(db: Database, input: PlanInput, actor: SessionActor) {
  sessionOver(actor);
  if ((input.groupCount === undefined) === (input.perGroup === undefined)) {
    throw fieldError(["groupCount"], "breakoutSizeChoice");
  }
  const named = input.groups ?? [];
  const groupCount = input.groupCount ?? Math.max(1, named.length);
  if (named.length > groupCount) throw fieldError(["groups"], "breakoutTooManyGroupNames");
  const fields = {
    assignment: input.assignment,
    groupCount,
    perGroup: input.perGroup ?? null,
    durationSeconds: input.durationMinutes * 60,
    rapporteurChoice: input.rapporteurChoice,
  };
  const session = actor.session;
  const audit = (round: RoundRow) =>
    breakoutAudit(actor, session, input.roundId ? "edit" : "plan", {
      roundId: round.id,
      assignment: round.assignment,
      groupCount: round.groupCount,
      perGroup: round.perGroup,
      durationSeconds: round.durationSeconds,
    });
  await closeExpiredRounds(db, session.id);
  try {
    const round = await withAudit(db, audit, async (tx) => {
      let round: RoundRow;
      if (input.roundId) {
        const current = await roundOf(tx, session.id, input.roundId);
        if (current.status !== "planned") throw new DomainError("CONFLICT", "breakoutNotPlanned");
        if (input.version !== undefined && input.version !== current.version) {
          throw new VersionConflict({ roundId: current.id, version: current.version });
        }
        const updated = await bumpRound(tx, current.id, fields, current.version);
        if (!updated) throw new VersionConflict({ roundId: current.id, version: current.version + 1 });
        round = updated;
      } else {
        if (await activeRound(tx, session.id)) throw new DomainError("CONFLICT", "breakoutRoundExists");
        const [created] = await tx
          .insert(BreakoutRound)
          .values({ sessionId: session.id, createdBy: actor.participantId, ...fields })
          .returning();
        if (!created) throw new Error("round not created");
        round = created;
      }
      await syncGroups(tx, round, named, input.groups !== undefined);
      await publishBreakout(tx, session, round.id, "planned");
      return round;
    });
    return { roundId: round.id, version: round.version };
  } catch (error) {
    // Two moderators planning at once: the one-active-round index lets one through.
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "breakoutRoundExists");
    throw error;
  }
}

/**
 * Makes the round's groups the positions 1..groupCount: names and questions as given (kept when not
 * given), new groups with a default name and a room of their own; groups beyond are dropped with
 * their placements.
 */
export async function syncGroups(
  tx: Transaction,
  round: RoundRow,
  named: Array<{ name: string; question: string | null }>,
  replaceNames: boolean,
): Promise<void> {
  const existing = await groupsOf(tx, round.id);
  for (let position = 1; position <= round.groupCount; position++) {
    const given = named[position - 1];
    const group = existing.find((g) => g.position === position);
    if (group) {
      if (replaceNames && given) {
        await tx
          .update(BreakoutGroup)
          .set({ name: given.name, question: given.question })
          .where(eq(BreakoutGroup.id, group.id));
      }
      continue;
    }
    await tx.insert(BreakoutGroup).values({
      roundId: round.id,
      sessionId: round.sessionId,
      position,
      name: given?.name ?? (await defaultGroupName(tx, await seriesOfRound(tx, round), position)),
      question: given?.question ?? null,
      roomName: newRoomName(),
    });
  }
  await tx
    .delete(BreakoutGroup)
    .where(and(eq(BreakoutGroup.roundId, round.id), gt(BreakoutGroup.position, round.groupCount)));
}

async function seriesOfRound(tx: Transaction, round: RoundRow): Promise<string> {
  const [row] = await tx
    .select({ seriesId: Session.seriesId })
    .from(Session)
    .where(eq(Session.id, round.sessionId));
  return row?.seriesId ?? "";
}

function notClosed(round: RoundRow) {
  if (round.status === "closed") throw new DomainError("CONFLICT", "breakoutClosed");
}

/** A moderator places someone in a group (planned or open round), or takes them out (groupId null). */
export async function assignMember(
  db: Database,
  input: { roundId: string; participantId: string; groupId: string | null },
  actor: SessionActor,
) {
  const session = actor.session;
  await closeExpiredRounds(db, session.id);
  const round = await roundOf(db, session.id, input.roundId);
  notClosed(round);
  const { target, seat } = await targetSeat(db, actor, input.participantId);
  if (seat.removedAt) throw new DomainError("CONFLICT", "participantRemoved");
  const groupId = input.groupId;
  if (groupId) {
    const { group } = await groupOf(db, session.id, groupId);
    if (group.roundId !== round.id) throw new DomainError("NOT_FOUND", "breakoutGroupNotFound");
  }
  const audit = breakoutAudit(actor, session, "assign", { roundId: round.id, groupId }, target.id);
  const updated = await withAudit(db, audit, async (tx) => {
    await placeMember(tx, round.id, target.id, groupId, "manual");
    const bumped = await bumpRound(tx, round.id);
    await publishBreakout(tx, session, round.id, "assigned");
    return bumped;
  });
  return { version: updated?.version ?? round.version };
}

/** Puts someone in a group of the round (moving them from another), or out of the round's groups. */
export async function placeMember(
  tx: Transaction,
  roundId: string,
  participantId: string,
  groupId: string | null,
  placement: "plan" | "manual" | "self" | "late",
): Promise<void> {
  if (!groupId) {
    await tx
      .delete(BreakoutMember)
      .where(and(eq(BreakoutMember.roundId, roundId), eq(BreakoutMember.participantId, participantId)));
    // A rapporteur taken out of the group is its rapporteur no more.
    await tx
      .update(BreakoutGroup)
      .set({ rapporteurId: null })
      .where(and(eq(BreakoutGroup.roundId, roundId), eq(BreakoutGroup.rapporteurId, participantId)));
    return;
  }
  await tx
    .update(BreakoutGroup)
    .set({ rapporteurId: null })
    .where(and(eq(BreakoutGroup.roundId, roundId), eq(BreakoutGroup.rapporteurId, participantId)));
  await tx
    .insert(BreakoutMember)
    .values({ roundId, groupId, participantId, placement })
    .onConflictDoUpdate({
      target: [BreakoutMember.roundId, BreakoutMember.participantId],
      set: { groupId, placement, placedAt: new Date() },
    });
}

/** A member chooses their own group, when the round lets them. */
export async function chooseGroup(
  db: Database,
  input: { roundId: string; groupId: string },
  actor: SessionActor,
) {
  const session = actor.session;
  await ownSeat(db, actor);
  await closeExpiredRounds(db, session.id);
  const round = await roundOf(db, session.id, input.roundId);
  notClosed(round);
  if (round.assignment !== "self") throw new DomainError("FORBIDDEN", "breakoutNotSelfChosen");
  const { group } = await groupOf(db, session.id, input.groupId);
  if (group.roundId !== round.id) throw new DomainError("NOT_FOUND", "breakoutGroupNotFound");
  const audit = breakoutAudit(
    actor,
    session,
    "choose",
    { roundId: round.id, groupId: group.id },
    actor.participantId,
  );
  const updated = await withAudit(db, audit, async (tx) => {
    await placeMember(tx, round.id, actor.participantId, group.id, "self");
    const bumped = await bumpRound(tx, round.id);
    await publishBreakout(tx, session, round.id, "assigned");
    return bumped;
  });
  return { version: updated?.version ?? round.version };
}

/**
 * Names a group's rapporteur (or nobody): a moderator always; a member of the group for their own
 * group when the round leaves the choice to the group. The rapporteur is one of the group.
 */
export async function setRapporteur(
  db: Database,
  input: { groupId: string; participantId: string | null },
  actor: SessionActor,
) {
  const session = actor.session;
  const moderator = roleAtLeast(actor.role, "moderator");
  if (!moderator) await ownSeat(db, actor);
  const { group, round } = await groupOf(db, session.id, input.groupId);
  if (!moderator) {
    if (round.rapporteurChoice !== "group")
      throw new DomainError("FORBIDDEN", "breakoutRapporteurByModerator");
    const mine = await memberOf(db, round.id, actor.participantId);
    if (mine?.groupId !== group.id) throw new DomainError("FORBIDDEN", "breakoutNotYourGroup");
  }
  if (input.participantId) {
    const member = await memberOf(db, round.id, input.participantId);
    if (member?.groupId !== group.id) {
      throw new DomainError("BAD_REQUEST", "breakoutRapporteurNotMember", { field: ["participantId"] });
    }
  }
  const audit = breakoutAudit(
    actor,
    session,
    "rapporteur",
    { roundId: round.id, groupId: group.id },
    input.participantId ?? undefined,
  );
  const updated = await withAudit(db, audit, async (tx) => {
    await tx
      .update(BreakoutGroup)
      .set({ rapporteurId: input.participantId })
      .where(eq(BreakoutGroup.id, group.id));
    const bumped = await bumpRound(tx, round.id);
    await publishBreakout(tx, session, round.id, "rapporteur");
    return bumped;
  });
  return { version: updated?.version ?? round.version };
}
