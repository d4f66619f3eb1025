import { AVAILABILITY_ANSWERS, SCHEDULING_POLL_STATUSES } from "@reeks/models";
import { relations } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { Participant, Person } from "./people";
import { Series, Session } from "./series";

export const availabilityAnswer = pgEnum("availability_answer", AVAILABILITY_ANSWERS);
export const schedulingPollStatus = pgEnum("scheduling_poll_status", SCHEDULING_POLL_STATUSES);

/** One availability poll per series: all sessions are planned together. */
export const SchedulingPoll = pgTable("scheduling_poll", {
  id: uuid().primaryKey().defaultRandom(),
  seriesId: uuid()
    .notNull()
    .unique()
    .references(() => Series.id, { onDelete: "cascade" }),
  status: schedulingPollStatus().notNull().default("open"),
  /** Members can answer until this instant (end of the deadline day in the series' time zone). */
  deadline: timestamp({ withTimezone: true }).notNull(),
  minGapDays: integer().notNull().default(14),
  maxGapDays: integer(),
  showAnswersToMembers: boolean().notNull().default(false),
  confirmedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** People whose presence the plan must guarantee, e.g. the speakers. */
export const SchedulingRequiredParticipant = pgTable(
  "scheduling_required_participant",
  {
    pollId: uuid()
      .notNull()
      .references(() => SchedulingPoll.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.participantId] })],
);

/** A date and time an organiser proposes for one session. */
export const CandidateSlot = pgTable(
  "candidate_slot",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.sessionId, t.startsAt)],
);

/** A participant's answer for one candidate slot; absent means not answered. */
export const Availability = pgTable(
  "availability",
  {
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
    slotId: uuid()
      .notNull()
      .references(() => CandidateSlot.id, { onDelete: "cascade" }),
    answer: availabilityAnswer().notNull(),
    comment: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.slotId] }), index().on(t.slotId)],
);

/**
 * Calendar state of a session: the SEQUENCE of its invitations, raised on every change so calendars
 * replace the old event (the UID is derived from the session id and never changes).
 */
export const SessionCalendar = pgTable("session_calendar", {
  sessionId: uuid()
    .primaryKey()
    .references(() => Session.id, { onDelete: "cascade" }),
  sequence: integer().notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The secret token of a person's private calendar feed (webcal). Replace it to revoke the old URL. */
export const CalendarFeed = pgTable("calendar_feed", {
  personId: text()
    .primaryKey()
    .references(() => Person.id, { onDelete: "cascade" }),
  token: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const candidateSlotRelations = relations(CandidateSlot, ({ one, many }) => ({
  session: one(Session, { fields: [CandidateSlot.sessionId], references: [Session.id] }),
  availability: many(Availability),
}));

export const availabilityRelations = relations(Availability, ({ one }) => ({
  slot: one(CandidateSlot, { fields: [Availability.slotId], references: [CandidateSlot.id] }),
  participant: one(Participant, { fields: [Availability.participantId], references: [Participant.id] }),
}));
