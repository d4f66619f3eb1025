import {
  ActionReview,
  AgendaSeed,
  asc,
  type Database,
  eq,
  inArray,
  Participant,
  Person,
  Poll,
  PollVote,
  Question,
  QuestionVote,
  type SQL,
} from "@reeks/db";
import type {
  Attribution,
  AuthorView,
  LocalizedText,
  NotesAnchor,
  OutcomeKind,
  OutcomeLinkSummary,
  OutcomeStatus,
  PollKind,
  PollStatus,
  ProvenanceEntry,
  QuestionStatus,
  ReviewVerdict,
  TranscriptAnchor,
} from "@reeks/models";

/**
 * Internal records: what the database knows, including who wrote what. They travel through the live
 * log as JSON; `views.ts` turns them into what one viewer may see. Type aliases, not interfaces, so
 * that they are plain JSON objects to the live log (`Record<string, unknown>`) without a cast.
 */
export type OutcomeRecord = {
  id: string;
  seriesId: string;
  sessionId: string;
  themeId: string;
  kind: OutcomeKind;
  text: string;
  status: OutcomeStatus;
  key: boolean;
  attribution: Attribution;
  authorId: string | null;
  author: AuthorView | null;
  owner:
    | { type: "person"; participantId: string; name: string }
    | { type: "organisation"; name: string }
    | null;
  dueDate: string | null;
  version: number;
  mergedIntoId: string | null;
  provenance: ProvenanceEntry[];
  links: OutcomeLinkSummary[];
  notesAnchor: NotesAnchor | null;
  transcriptAnchor: TranscriptAnchor | null;
  group: OutcomeGroupRecord | null;
  createdAt: string;
  updatedAt: string;
};

/**
 * The group an item was captured in, with who was in it when the item was last written: views
 * show the item to them (and moderators) only, until `sharedAt`. The ids never reach a browser.
 */
export type OutcomeGroupRecord = {
  id: string;
  name: string;
  question: LocalizedText;
  sharedAt: string | null;
  memberIds: string[];
};

export type QuestionRecord = {
  id: string;
  sessionId: string;
  text: string;
  anonymous: boolean;
  authorId: string | null;
  author: AuthorView | null;
  voterIds: string[];
  status: QuestionStatus;
  highlighted: boolean;
  outcomeId: string | null;
  createdAt: string;
};

export type PollRecord = {
  id: string;
  sessionId: string;
  question: string;
  kind: PollKind;
  status: PollStatus;
  options: string[];
  /** participant id → their choices; a few dozen entries per poll. */
  ballots: Record<string, number[]>;
  outcomeId: string | null;
  createdAt: string;
};

export type SeedRecord = {
  id: string;
  sessionId: string;
  text: string;
  attribution: Attribution;
  authorId: string | null;
  author: AuthorView | null;
  createdAt: string;
};

export type ReviewRecord = {
  outcomeId: string;
  sessionId: string;
  entries: Array<{
    id: string;
    participantId: string;
    verdict: ReviewVerdict;
    comment: string | null;
    author: AuthorView;
    at: string;
  }>;
};

export const iso = (d: Date) => d.toISOString();

export function authorOf(name: string | null, organisation: string | null): AuthorView | null {
  return name === null ? null : { name, organisation: organisation ?? "" };
}

export async function loadQuestions(db: Database, where: SQL | undefined): Promise<QuestionRecord[]> {
  const rows = await db
    .select({ q: Question, authorName: Person.name, authorOrganisation: Participant.organisation })
    .from(Question)
    .leftJoin(Participant, eq(Question.authorId, Participant.id))
    .leftJoin(Person, eq(Participant.personId, Person.id))
    .where(where)
    .orderBy(asc(Question.createdAt), asc(Question.id));
  const ids = rows.map((r) => r.q.id);
  const votes = ids.length
    ? await db.select().from(QuestionVote).where(inArray(QuestionVote.questionId, ids))
    : [];
  const votersOf = groupBy(votes, (v) => v.questionId);
  return rows.map(({ q, authorName, authorOrganisation }) => ({
    id: q.id,
    sessionId: q.sessionId,
    text: q.text,
    anonymous: q.anonymous,
    authorId: q.authorId,
    author: authorOf(authorName, authorOrganisation),
    voterIds: (votersOf.get(q.id) ?? []).map((v) => v.participantId),
    status: q.status,
    highlighted: q.highlighted,
    outcomeId: q.outcomeId,
    createdAt: iso(q.createdAt),
  }));
}

export async function loadPolls(db: Database, where: SQL | undefined): Promise<PollRecord[]> {
  const rows = await db.select().from(Poll).where(where).orderBy(asc(Poll.createdAt), asc(Poll.id));
  const ids = rows.map((r) => r.id);
  const votes = ids.length ? await db.select().from(PollVote).where(inArray(PollVote.pollId, ids)) : [];
  const ballotsOf = groupBy(votes, (v) => v.pollId);
  return rows.map((p) => ({
    id: p.id,
    sessionId: p.sessionId,
    question: p.question,
    kind: p.kind,
    status: p.status,
    options: p.options,
    ballots: Object.fromEntries((ballotsOf.get(p.id) ?? []).map((v) => [v.participantId, v.choices])),
    outcomeId: p.outcomeId,
    createdAt: iso(p.createdAt),
  }));
}

export async function loadSeeds(db: Database, sessionId: string): Promise<SeedRecord[]> {
  const rows = await db
    .select({ s: AgendaSeed, authorName: Person.name, authorOrganisation: Participant.organisation })
    .from(AgendaSeed)
    .leftJoin(Participant, eq(AgendaSeed.authorId, Participant.id))
    .leftJoin(Person, eq(Participant.personId, Person.id))
    .where(eq(AgendaSeed.sessionId, sessionId))
    .orderBy(asc(AgendaSeed.createdAt), asc(AgendaSeed.id));
  return rows.map(({ s, authorName, authorOrganisation }) => ({
    id: s.id,
    sessionId: s.sessionId,
    text: s.text,
    attribution: s.attribution,
    authorId: s.authorId,
    author: authorOf(authorName, authorOrganisation),
    createdAt: iso(s.createdAt),
  }));
}

export async function loadReviews(
  db: Database,
  outcomeIds: string[],
  sessionId: string,
): Promise<ReviewRecord[]> {
  if (outcomeIds.length === 0) return [];
  const rows = await db
    .select({ r: ActionReview, name: Person.name, organisation: Participant.organisation })
    .from(ActionReview)
    .innerJoin(Participant, eq(ActionReview.participantId, Participant.id))
    .innerJoin(Person, eq(Participant.personId, Person.id))
    .where(inArray(ActionReview.outcomeId, outcomeIds))
    .orderBy(asc(ActionReview.at));
  const rowsOf = groupBy(rows, (row) => row.r.outcomeId);
  return outcomeIds.map((outcomeId) => ({
    outcomeId,
    sessionId,
    entries: (rowsOf.get(outcomeId) ?? []).map(({ r, name, organisation }) => ({
      id: r.id,
      participantId: r.participantId,
      verdict: r.verdict,
      comment: r.comment,
      author: { name, organisation },
      at: iso(r.at),
    })),
  }));
}

/**
 * Rows by key, in their order: a full room votes thousands of times, and filtering every vote for
 * every question made loading a session quadratic.
 */
function groupBy<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
