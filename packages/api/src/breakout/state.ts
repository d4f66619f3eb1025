import {
  AttendanceInterval,
  and,
  BreakoutBroadcast,
  type Database,
  desc,
  eq,
  isNull,
  Participant,
  RoomSeat,
  Theme,
} from "@reeks/db";
import { type Locale, pickLocale } from "@reeks/models";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import { closeExpiredRounds, groupsOf, membersOf, namesOf, shownRound } from "./records";
import type { BreakoutPerson, BreakoutState } from "./types";

const BROADCASTS_SHOWN = 20;

/**
 * The session's breakout round as this person may see it: moderators see every group's members and
 * who is still without a group; others see their own group's members and the other groups' sizes.
 */
export async function breakoutState(
  db: Database,
  actor: SessionActor,
  locale: Locale,
): Promise<BreakoutState> {
  const session = actor.session;
  await closeExpiredRounds(db, session.id);
  const round = await shownRound(db, session.id);
  const serverNow = new Date().toISOString();
  if (!round) return { serverNow, round: null };
  const moderator = roleAtLeast(actor.role, "moderator");
  const [groups, members, theme, broadcasts] = await Promise.all([
    groupsOf(db, round.id),
    membersOf(db, round.id),
    db.select({ guidingQuestion: Theme.guidingQuestion }).from(Theme).where(eq(Theme.id, session.themeId)),
    db
      .select()
      .from(BreakoutBroadcast)
      .where(eq(BreakoutBroadcast.roundId, round.id))
      .orderBy(desc(BreakoutBroadcast.sentAt))
      .limit(BROADCASTS_SHOWN),
  ]);
  const myGroupId = members.find((m) => m.participantId === actor.participantId)?.groupId ?? null;
  const unassignedIds =
    moderator && round.status !== "closed" ? await withoutGroup(db, session.id, members) : [];
  const names = await namesOf(db, [
    ...members.map((m) => m.participantId),
    ...groups.flatMap((g) => (g.rapporteurId ? [g.rapporteurId] : [])),
    ...unassignedIds,
  ]);
  const person = (participantId: string): BreakoutPerson => ({
    participantId,
    name: names.get(participantId) ?? "",
  });
  const byName = (a: BreakoutPerson, b: BreakoutPerson) => a.name.localeCompare(b.name, locale);
  const themeQuestion = theme[0] ? pickLocale(theme[0].guidingQuestion, locale) : "";
  return {
    serverNow,
    round: {
      id: round.id,
      status: round.status,
      assignment: round.assignment,
      groupCount: round.groupCount,
      perGroup: round.perGroup,
      durationSeconds: round.durationSeconds,
      rapporteurChoice: round.rapporteurChoice,
      openedAt: round.openedAt?.toISOString() ?? null,
      endsAt: round.endsAt?.toISOString() ?? null,
      closedAt: round.closedAt?.toISOString() ?? null,
      version: round.version,
      myGroupId,
      groups: groups.map((g) => {
        const inGroup = members.filter((m) => m.groupId === g.id);
        const visible = moderator || g.id === myGroupId;
        return {
          id: g.id,
          position: g.position,
          name: g.name,
          question: g.question ?? themeQuestion,
          ownQuestion: g.question,
          rapporteur: g.rapporteurId ? person(g.rapporteurId) : null,
          memberCount: inGroup.length,
          members: visible ? inGroup.map((m) => person(m.participantId)).sort(byName) : [],
        };
      }),
      unassigned: unassignedIds.map(person).sort(byName),
      broadcasts: broadcasts
        .reverse()
        .map((b) => ({ id: b.id, body: b.body, sentAt: b.sentAt.toISOString() })),
    },
  };
}

/** People in the session now (not moderators, not removed) who have no group in the round. */
async function withoutGroup(db: Database, sessionId: string, members: Array<{ participantId: string }>) {
  const placed = new Set(members.map((m) => m.participantId));
  const rows = await db
    .selectDistinct({ participantId: AttendanceInterval.participantId, role: Participant.role })
    .from(AttendanceInterval)
    .innerJoin(Participant, eq(Participant.id, AttendanceInterval.participantId))
    .innerJoin(
      RoomSeat,
      and(eq(RoomSeat.sessionId, AttendanceInterval.sessionId), eq(RoomSeat.participantId, Participant.id)),
    )
    .where(
      and(
        eq(AttendanceInterval.sessionId, sessionId),
        isNull(AttendanceInterval.leftAt),
        isNull(RoomSeat.removedAt),
      ),
    );
  return rows
    .filter((r) => !placed.has(r.participantId) && !roleAtLeast(r.role, "moderator"))
    .map((r) => r.participantId);
}
