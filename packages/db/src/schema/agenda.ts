import type { LocalizedText } from "@reeks/models";
import { AGENDA_SEGMENT_KINDS } from "@reeks/models";
import { relations, sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { Participant } from "./people";
import { Session } from "./series";

export const agendaSegmentKind = pgEnum("agenda_segment_kind", AGENDA_SEGMENT_KINDS);

/**
 * One part of a session's programme. The title is LocalizedText like a theme's (not text in "the
 * session's language"): a session has no language of its own, its series may be offered in both, and
 * the page, the mail and the .ics pick the reader's language the same way they do for the theme.
 */
export const AgendaSegment = pgTable(
  "agenda_segment",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    title: jsonb().$type<LocalizedText>().notNull(),
    kind: agendaSegmentKind().notNull(),
    plannedMinutes: integer().notNull(),
    /** Who leads this part; they get the two-minute notice. A participant, so erasure reaches it. */
    speakerId: uuid().references(() => Participant.id, { onDelete: "set null" }),
    questionIds: jsonb().$type<string[]>().notNull().default([]),
    pollIds: jsonb().$type<string[]>().notNull().default([]),
    /** When the timer first reached this segment and when it moved past it (planned vs actual). */
    actualStartedAt: timestamp({ withTimezone: true, mode: "date" }),
    actualEndedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Running time spent in this segment, pauses excluded, once it has ended. */
    actualMs: bigint({ mode: "number" }),
  },
  (t) => [
    index().on(t.sessionId),
    uniqueIndex().on(t.sessionId, t.position),
    check("agenda_segment_planned_minutes", sql`${t.plannedMinutes} between 1 and 600`),
  ],
);

/**
 * The session's agenda as a whole: its edit version and the running timer. The server keeps the
 * clock here so that every browser, on any instance and after a reload, derives the same remaining
 * time: elapsed = elapsedMs + (pausedAt ? 0 : now - runningSince).
 */
export const AgendaTimer = pgTable("agenda_timer", {
  sessionId: uuid()
    .primaryKey()
    .references(() => Session.id, { onDelete: "cascade" }),
  /** Bumped by every edit and every timer action; an edit names the version it started from. */
  version: integer().notNull().default(1),
  currentSegmentId: uuid().references(() => AgendaSegment.id, { onDelete: "set null" }),
  /** Running time of the current segment up to `runningSince` (or up to the pause). */
  elapsedMs: bigint({ mode: "number" }).notNull().default(0),
  runningSince: timestamp({ withTimezone: true, mode: "date" }),
  pausedAt: timestamp({ withTimezone: true, mode: "date" }),
  startedAt: timestamp({ withTimezone: true, mode: "date" }),
  finishedAt: timestamp({ withTimezone: true, mode: "date" }),
  updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const agendaSegmentRelations = relations(AgendaSegment, ({ one }) => ({
  session: one(Session, { fields: [AgendaSegment.sessionId], references: [Session.id] }),
}));
