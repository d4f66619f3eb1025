import type { EvaluationQuestion } from "@reeks/models";
import { EVALUATION_MODES } from "@reeks/models";
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { Participant } from "./people";
import { Series, Session } from "./series";

export const evaluationMode = pgEnum("evaluation_mode", EVALUATION_MODES);

/** How a series evaluates its sessions. No row: anonymous, 14 days, no extra questions. */
export const EvaluationSettings = pgTable(
  "evaluation_settings",
  {
    seriesId: uuid()
      .primaryKey()
      .references(() => Series.id, { onDelete: "cascade" }),
    mode: evaluationMode().notNull().default("anonymous"),
    /** Days after the session's end during which answers are taken. */
    deadlineDays: integer().notNull().default(14),
    questions: jsonb().$type<EvaluationQuestion[]>().notNull().default([]),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("evaluation_settings_deadline_days", sql`${t.deadlineDays} between 4 and 60`)],
);

/**
 * An attendee's invitation to evaluate one session. The token of the mail's link is kept only as a
 * hash. Mode, questions and deadline are fixed when the invitation is made, so what the respondent was
 * told ("anonymous") stays true when an organiser changes the series' settings later.
 */
export const EvaluationInvitation = pgTable(
  "evaluation_invitation",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    mode: evaluationMode().notNull(),
    questions: jsonb().$type<EvaluationQuestion[]>().notNull().default([]),
    deadline: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The one reminder went out (or was found unneeded) at. */
    remindedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [unique().on(t.sessionId, t.participantId), index().on(t.participantId)],
);

/**
 * Tokens that have been answered with: one response per invitation, enforced by this primary key.
 * Kept apart from the responses, with no time and nothing shared with them, so that knowing who
 * answered says nothing about which answer is theirs.
 */
export const EvaluationTokenUse = pgTable("evaluation_token_use", {
  tokenHash: text()
    .primaryKey()
    .references(() => EvaluationInvitation.tokenHash, { onDelete: "cascade" }),
});

/**
 * One response to a session's evaluation. Anonymous ones have no participant, no time and a random id
 * (nothing to put in order beside the used tokens); named ones carry the participant.
 */
export const EvaluationResponse = pgTable(
  "evaluation_response",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    /** Only when the invitation was named. */
    participantId: uuid().references(() => Participant.id, { onDelete: "cascade" }),
    usefulness: integer().notNull(),
    essayMust: text().notNull().default(""),
    changeNext: text().notNull().default(""),
    /** Answers to the invitation's extra questions, by question id. */
    extra: jsonb().$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [
    index().on(t.sessionId),
    index().on(t.participantId),
    check("evaluation_response_usefulness", sql`${t.usefulness} between 1 and 5`),
  ],
);
