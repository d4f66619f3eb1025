import {
  AttendanceInterval as AttendanceIntervalTable,
  and,
  asc,
  BreakoutGroup,
  type Database,
  eq,
  inArray,
  Outcome,
  Participant,
  Person,
  Poll,
  PollVote,
  Question,
  QuestionVote,
  Session,
  sql,
  Theme,
} from "@reeks/db";
import type {
  AttendanceInterval,
  HighlightedQuestion,
  OutcomeGroup,
  OutcomeItem,
  PollResult,
} from "@reeks/exports";
import { groupQuestion, sharedOutcomes } from "../capture/groups";

/**
 * Reads what was captured in a series' sessions (outcomes, Q&A, polls) and who was there (attendance
 * intervals) into the plain types of @reeks/exports.
 *
 * Rules for the mapping:
 * - outcomes: `authorName` is the author's display name as stored; `attribution` exactly as the item
 *   says. Never pre-filter names here: `applyAttribution` in @reeks/exports is the one place that hides them.
 * - questions: only the highlighted ones, with their vote count.
 * - attendance: raw intervals, `leftAt` null while open; merging and clipping happen in the writer.
 */
export interface CapturedDataReaders {
  outcomes(db: Database, seriesId: string): Promise<OutcomeItem[]>;
  questions(db: Database, seriesId: string): Promise<HighlightedQuestion[]>;
  polls(db: Database, seriesId: string): Promise<PollResult[]>;
  attendance(db: Database, seriesId: string): Promise<AttendanceInterval[]>;
}

/** Display names of participants, by participant id (an erased person has an empty name). */
async function participantNames(db: Database, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: Participant.id, name: Person.name })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(inArray(Participant.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The groups items were captured in, as the essay names them. */
async function exportGroups(db: Database, ids: string[]): Promise<Map<string, OutcomeGroup>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({
      id: BreakoutGroup.id,
      name: BreakoutGroup.name,
      position: BreakoutGroup.position,
      question: BreakoutGroup.question,
      themeQuestion: Theme.guidingQuestion,
    })
    .from(BreakoutGroup)
    .innerJoin(Session, eq(Session.id, BreakoutGroup.sessionId))
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .where(inArray(BreakoutGroup.id, wanted));
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.name, position: r.position, question: groupQuestion(r.question, r.themeQuestion) },
    ]),
  );
}

function sessionIdsOf(db: Database, seriesId: string) {
  return db.select({ id: Session.id }).from(Session).where(eq(Session.seriesId, seriesId));
}

export const capturedDataReaders: CapturedDataReaders = {
  async outcomes(db, seriesId) {
    // A group's items are the group's until its rapporteur shares them: no document shows them before.
    const rows = await db
      .select()
      .from(Outcome)
      .where(and(eq(Outcome.seriesId, seriesId), sharedOutcomes()))
      .orderBy(asc(Outcome.createdAt));
    const groups = await exportGroups(
      db,
      rows.flatMap((r) => (r.breakoutGroupId ? [r.breakoutGroupId] : [])),
    );
    const names = await participantNames(
      db,
      rows.flatMap((r) => [r.authorId, r.ownerParticipantId]),
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      text: r.text,
      themeId: r.themeId,
      sessionId: r.sessionId,
      capturedAt: r.createdAt,
      authorName: r.authorId ? (names.get(r.authorId) ?? null) || null : null,
      attribution: r.attribution,
      status: r.status,
      key: r.key,
      action:
        r.kind === "action"
          ? {
              owner:
                (r.ownerParticipantId ? names.get(r.ownerParticipantId) : null) ||
                r.ownerOrganisation ||
                null,
              dueDate: r.dueDate,
              // Outcomes carry no progress status yet: every action starts open.
              status: "open" as const,
            }
          : null,
      group: (r.breakoutGroupId ? groups.get(r.breakoutGroupId) : undefined) ?? null,
    }));
  },

  async questions(db, seriesId) {
    const rows = await db
      .select({
        id: Question.id,
        sessionId: Question.sessionId,
        text: Question.text,
        anonymous: Question.anonymous,
        authorId: Question.authorId,
        askedAt: Question.createdAt,
        votes: sql<number>`(select count(*)::int from ${QuestionVote} where ${QuestionVote.questionId} = ${Question.id})`,
      })
      .from(Question)
      .where(and(eq(Question.highlighted, true), inArray(Question.sessionId, sessionIdsOf(db, seriesId))))
      .orderBy(asc(Question.createdAt));
    const names = await participantNames(
      db,
      rows.map((r) => r.authorId),
    );
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.sessionId,
      text: r.text,
      votes: Number(r.votes),
      askedAt: r.askedAt,
      authorName: r.authorId ? names.get(r.authorId) || null : null,
      attribution: r.anonymous ? ("anonymous" as const) : ("named" as const),
    }));
  },

  async polls(db, seriesId) {
    const polls = await db
      .select()
      .from(Poll)
      .where(and(eq(Poll.status, "closed"), inArray(Poll.sessionId, sessionIdsOf(db, seriesId))))
      .orderBy(asc(Poll.createdAt));
    if (polls.length === 0) return [];
    const votes = await db
      .select({ pollId: PollVote.pollId, choices: PollVote.choices })
      .from(PollVote)
      .where(
        inArray(
          PollVote.pollId,
          polls.map((p) => p.id),
        ),
      );
    return polls.map((poll) => {
      // A scale poll stores the chosen value 1–5; the others store option indexes.
      const labels = poll.kind === "scale" ? ["1", "2", "3", "4", "5"] : poll.options;
      const counts = labels.map(() => 0);
      for (const vote of votes) {
        if (vote.pollId !== poll.id) continue;
        for (const choice of vote.choices) {
          const index = poll.kind === "scale" ? choice - 1 : choice;
          if (index >= 0 && index < counts.length) counts[index] = (counts[index] ?? 0) + 1;
        }
      }
      return {
        id: poll.id,
        sessionId: poll.sessionId,
        question: poll.question,
        closedAt: null,
        options: labels.map((label, i) => ({ label, votes: counts[i] ?? 0 })),
      };
    });
  },

  async attendance(db, seriesId) {
    const rows = await db
      .select({
        participantId: AttendanceIntervalTable.participantId,
        sessionId: AttendanceIntervalTable.sessionId,
        joinedAt: AttendanceIntervalTable.joinedAt,
        leftAt: AttendanceIntervalTable.leftAt,
      })
      .from(AttendanceIntervalTable)
      .where(inArray(AttendanceIntervalTable.sessionId, sessionIdsOf(db, seriesId)))
      .orderBy(asc(AttendanceIntervalTable.joinedAt));
    return rows;
  },
};
