import { PARTICIPANT_ROLES, REGISTRATION_STATUSES } from "@reeks/models";
import { relations } from "drizzle-orm";
import { boolean, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { Series } from "./series";

export const participantRole = pgEnum("participant_role", PARTICIPANT_ROLES);
export const registrationStatus = pgEnum("registration_status", REGISTRATION_STATUSES);

/** A person with an account. Column names follow better-auth's user model so it can own this table. */
export const Person = pgTable("person", {
  id: text().primaryKey(),
  name: text().notNull(),
  email: text().notNull().unique(),
  emailVerified: boolean().notNull().default(false),
  image: text(),
  locale: text().notNull().default("nl"),
  /** Set when the person erased their account; name and e-mail are then placeholders. */
  erasedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A person's place in one series: their role there and where their registration stands. */
export const Participant = pgTable(
  "participant",
  {
    id: uuid().primaryKey().defaultRandom(),
    seriesId: uuid()
      .notNull()
      .references(() => Series.id, { onDelete: "cascade" }),
    personId: text()
      .notNull()
      .references(() => Person.id, { onDelete: "cascade" }),
    organisation: text().notNull(),
    jobTitle: text().notNull().default(""),
    motivation: text(),
    role: participantRole().notNull().default("member"),
    status: registrationStatus().notNull().default("interested"),
    commitsToAllSessions: boolean().notNull().default(false),
    /** Answers to the series' custom registration questions, by question id. */
    answers: jsonb().$type<Record<string, string>>().notNull().default({}),
    consentedAt: timestamp({ withTimezone: true }),
    /** "registration" (the person asked) or "invitation" (an organiser added them). */
    source: text().$type<"registration" | "invitation">().notNull().default("registration"),
    /** When an organiser last approved, waitlisted or declined (for the review list and capacity). */
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.seriesId, t.personId)],
);

/** Workspace administrators: above every series; they create series and appoint their organisers. */
export const Administrator = pgTable("administrator", {
  personId: text()
    .primaryKey()
    .references(() => Person.id, { onDelete: "cascade" }),
  /** Null for the first one (setup link or CLI). */
  appointedBy: text().references(() => Person.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const personRelations = relations(Person, ({ many }) => ({
  participations: many(Participant),
}));

export const participantRelations = relations(Participant, ({ one }) => ({
  series: one(Series, { fields: [Participant.seriesId], references: [Series.id] }),
  person: one(Person, { fields: [Participant.personId], references: [Person.id] }),
}));
