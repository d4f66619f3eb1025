import type { LocalizedText } from "@reeks/models";
import { SESSION_STATUSES } from "@reeks/models";
import { relations } from "drizzle-orm";
import { integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

export const sessionStatus = pgEnum("session_status", SESSION_STATUSES);

export const Series = pgTable("series", {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  title: jsonb().$type<LocalizedText>().notNull(),
  organiser: text().notNull(),
  timeZone: text().notNull().default("Europe/Amsterdam"),
  /** Months after the last session before the personal data of this series are purged. */
  retentionMonths: integer().notNull().default(24),
  /** Optional cap on approved participants; null means no cap. */
  capacity: integer(),
  /** Set by the retention job once the personal data of this series have been purged. */
  purgedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const Theme = pgTable(
  "theme",
  {
    id: uuid().primaryKey().defaultRandom(),
    seriesId: uuid()
      .notNull()
      .references(() => Series.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    title: jsonb().$type<LocalizedText>().notNull(),
    guidingQuestion: jsonb().$type<LocalizedText>().notNull(),
    description: jsonb().$type<LocalizedText>().notNull(),
  },
  (t) => [unique().on(t.seriesId, t.position)],
);

export const Session = pgTable(
  "session",
  {
    id: uuid().primaryKey().defaultRandom(),
    seriesId: uuid()
      .notNull()
      .references(() => Series.id, { onDelete: "cascade" }),
    themeId: uuid()
      .notNull()
      .references(() => Theme.id, { onDelete: "restrict" }),
    position: integer().notNull(),
    status: sessionStatus().notNull().default("draft"),
    startsAt: timestamp({ withTimezone: true }),
    durationMinutes: integer().notNull().default(90),
    /** Unguessable: knowing a room name must not be enough to find or join a room. */
    roomName: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.seriesId, t.position)],
);

export const seriesRelations = relations(Series, ({ many }) => ({
  themes: many(Theme),
  sessions: many(Session),
}));

export const themeRelations = relations(Theme, ({ one, many }) => ({
  series: one(Series, { fields: [Theme.seriesId], references: [Series.id] }),
  sessions: many(Session),
}));

export const sessionRelations = relations(Session, ({ one }) => ({
  series: one(Series, { fields: [Session.seriesId], references: [Series.id] }),
  theme: one(Theme, { fields: [Session.themeId], references: [Theme.id] }),
}));
