import type { NotesAnchor, ProvenanceEntry, TranscriptAnchor } from "@reeks/models";
import {
  OUTCOME_KINDS,
  OUTCOME_STATUSES,
  POLL_KINDS,
  POLL_STATUSES,
  QUESTION_STATUSES,
  REVIEW_VERDICTS,
} from "@reeks/models";
import { relations, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { BreakoutGroup } from "./breakout";
import { Participant } from "./people";
import { attribution, Series, Session, Theme } from "./series";

export const outcomeKind = pgEnum("outcome_kind", OUTCOME_KINDS);
export const outcomeStatus = pgEnum("outcome_status", OUTCOME_STATUSES);
export const pollKind = pgEnum("poll_kind", POLL_KINDS);
export const pollStatus = pgEnum("poll_status", POLL_STATUSES);
export const questionStatus = pgEnum("question_status", QUESTION_STATUSES);
export const reviewVerdict = pgEnum("review_verdict", REVIEW_VERDICTS);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

/** A problem, action, insight, dilemma, recommendation or quote captured in a session. */
export const Outcome = pgTable(
  "outcome",
  {
    id: uuid().primaryKey().defaultRandom(),
    seriesId: uuid()
      .notNull()
      .references(() => Series.id, { onDelete: "cascade" }),
    /** Where it was captured: never changes. */
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    /** The theme it belongs to: the session's at first, movable within the series. */
    themeId: uuid()
      .notNull()
      .references(() => Theme.id, { onDelete: "restrict" }),
    kind: outcomeKind().notNull(),
    text: text().notNull(),
    authorId: uuid().references(() => Participant.id, { onDelete: "set null" }),
    attribution: attribution().notNull(),
    status: outcomeStatus().notNull().default("proposed"),
    key: boolean().notNull().default(false),
    ownerParticipantId: uuid().references(() => Participant.id, { onDelete: "set null" }),
    ownerOrganisation: text(),
    dueDate: date({ mode: "string" }),
    mergedIntoId: uuid(),
    provenance: jsonb().$type<ProvenanceEntry[]>().notNull().default([]),
    notesAnchor: jsonb().$type<NotesAnchor>(),
    transcriptAnchor: jsonb().$type<TranscriptAnchor>(),
    /**
     * Captured in this breakout group (provenance: the group's name and question). Until a rapporteur
     * shares it (`sharedAt`), only that group and the moderators see it.
     */
    breakoutGroupId: uuid().references(() => BreakoutGroup.id, { onDelete: "set null" }),
    sharedAt: timestamp({ withTimezone: true }),
    /** Bumped on every change; an edit names the version it started from (optimistic concurrency). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.sessionId), index().on(t.themeId), index().on(t.breakoutGroupId)],
);

/** An undirected link between two items (this problem ↔ that action), stored with aId < bId. */
export const OutcomeLink = pgTable(
  "outcome_link",
  {
    aId: uuid()
      .notNull()
      .references(() => Outcome.id, { onDelete: "cascade" }),
    bId: uuid()
      .notNull()
      .references(() => Outcome.id, { onDelete: "cascade" }),
    createdBy: uuid().references(() => Participant.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.aId, t.bId] }), check("outcome_link_ordered", sql`${t.aId} < ${t.bId}`)],
);

export const Question = pgTable(
  "question",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    text: text().notNull(),
    authorId: uuid().references(() => Participant.id, { onDelete: "set null" }),
    anonymous: boolean().notNull().default(false),
    status: questionStatus().notNull().default("open"),
    highlighted: boolean().notNull().default(false),
    outcomeId: uuid().references(() => Outcome.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.sessionId)],
);

export const QuestionVote = pgTable(
  "question_vote",
  {
    questionId: uuid()
      .notNull()
      .references(() => Question.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.participantId] })],
);

export const Poll = pgTable(
  "poll",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    question: text().notNull(),
    kind: pollKind().notNull(),
    status: pollStatus().notNull().default("draft"),
    /** Labels in order; option ids are their indexes. A scale has none (values 1–5). */
    options: jsonb().$type<string[]>().notNull().default([]),
    createdBy: uuid().references(() => Participant.id, { onDelete: "set null" }),
    outcomeId: uuid().references(() => Outcome.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.sessionId)],
);

/** One ballot per participant per poll; voting again replaces it. */
export const PollVote = pgTable(
  "poll_vote",
  {
    pollId: uuid()
      .notNull()
      .references(() => Poll.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
    choices: jsonb().$type<number[]>().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.participantId] })],
);

/** Input a member sends in before the session starts. */
export const AgendaSeed = pgTable(
  "agenda_seed",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    authorId: uuid().references(() => Participant.id, { onDelete: "set null" }),
    text: text().notNull(),
    attribution: attribution().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.sessionId)],
);

/** A member's verdict on a draft action after the session: agree, or a comment. */
export const ActionReview = pgTable(
  "action_review",
  {
    id: uuid().primaryKey().defaultRandom(),
    outcomeId: uuid()
      .notNull()
      .references(() => Outcome.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
    verdict: reviewVerdict().notNull(),
    comment: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.outcomeId, t.participantId)],
);

/** Until when members may review a session's draft actions; set by an organiser. */
export const ActionReviewWindow = pgTable("action_review_window", {
  sessionId: uuid()
    .primaryKey()
    .references(() => Session.id, { onDelete: "cascade" }),
  deadline: timestamp({ withTimezone: true }).notNull(),
  setBy: uuid().references(() => Participant.id, { onDelete: "set null" }),
});

/** Participants (besides moderators) who may write the session notes. */
export const NoteTaker = pgTable(
  "note_taker",
  {
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.participantId] })],
);

/**
 * The session notes as the Yjs updates that built them, in order: the history stays, and the server
 * merges them into one document with Yjs itself.
 */
export const SessionNoteUpdate = pgTable(
  "session_note_update",
  {
    id: bigint({ mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    authorId: uuid().references(() => Participant.id, { onDelete: "set null" }),
    /** Null: the session's own notes; else the notes of that breakout group. */
    breakoutGroupId: uuid().references(() => BreakoutGroup.id, { onDelete: "cascade" }),
    update: bytea().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.sessionId, t.breakoutGroupId, t.id)],
);

export const outcomeRelations = relations(Outcome, ({ one }) => ({
  session: one(Session, { fields: [Outcome.sessionId], references: [Session.id] }),
  theme: one(Theme, { fields: [Outcome.themeId], references: [Theme.id] }),
  author: one(Participant, { fields: [Outcome.authorId], references: [Participant.id] }),
}));
