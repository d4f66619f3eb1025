import type { LocalizedText, RegistrationSettings, Speaker } from "@reeks/models";
import { ATTRIBUTIONS, LANGUAGE_OFFERS, SERIES_STATUSES, SESSION_STATUSES } from "@reeks/models";
import { relations } from "drizzle-orm";
import {
  customType,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

export const sessionStatus = pgEnum("session_status", SESSION_STATUSES);
/** Declared here (not in outcomes.ts) because Series uses it; outcomes.ts re-uses it. */
export const attribution = pgEnum("attribution", ATTRIBUTIONS);

export const seriesStatus = pgEnum("series_status", SERIES_STATUSES);
export const languageOffer = pgEnum("language_offer", LANGUAGE_OFFERS);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

export const Series = pgTable("series", {
  id: uuid().primaryKey().defaultRandom(),
  /** Unique in the database, so two organisers racing for one slug cannot both get it. */
  slug: text().notNull().unique(),
  title: jsonb().$type<LocalizedText>().notNull(),
  organiser: text().notNull(),
  /** Markdown per language; rendered without raw HTML. */
  description: jsonb().$type<LocalizedText>().notNull().default({ nl: "", en: "" }),
  /** Nobody but its organisers (and administrators) sees a draft. */
  status: seriesStatus().notNull().default("draft"),
  languages: languageOffer().notNull().default("nl"),
  /** Raised by every change to the series, its themes or its sessions (optimistic concurrency). */
  version: integer().notNull().default(0),
  registration: jsonb().$type<RegistrationSettings>(),
  /** #rrggbb, checked for contrast before it is stored. */
  accentColour: text(),
  timeZone: text().notNull().default("Europe/Amsterdam"),
  /** Months after the last session before the personal data of this series are purged. */
  retentionMonths: integer().notNull().default(24),
  /** Optional cap on approved participants; null means no cap. */
  capacity: integer(),
  /** How captured items are attributed unless their author chooses otherwise. */
  defaultAttribution: attribution().notNull().default("chatham_house"),
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
    /** Optional cap on people in this session; null: the series' capacity. */
    capacity: integer(),
    speakers: jsonb().$type<Speaker[]>().notNull().default([]),
    /** Unguessable: knowing a room name must not be enough to find or join a room. */
    roomName: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.seriesId, t.position)],
);

/**
 * The series' logo, always a PNG: an uploaded SVG is rasterised, so no active content is ever stored
 * or served.
 */
export const SeriesLogo = pgTable("series_logo", {
  seriesId: uuid()
    .primaryKey()
    .references(() => Series.id, { onDelete: "cascade" }),
  png: bytea().notNull(),
  width: integer().notNull(),
  height: integer().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

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
