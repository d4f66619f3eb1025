import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { Series } from "./series";

/**
 * The log behind every live stream. Ids grow monotonically, and writers of one series take a lock
 * until commit before appending, so within a series ids are also commit-ordered: a subscriber that
 * resumes "after id N" can read the rest from here with no gap and no duplicate.
 */
export const LiveEvent = pgTable(
  "live_event",
  {
    id: bigint({ mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    seriesId: uuid()
      .notNull()
      .references(() => Series.id, { onDelete: "cascade" }),
    /** Null for events of the whole series. */
    sessionId: uuid(),
    type: text().notNull(),
    /** The internal record; each subscriber maps it to what its viewer may see. */
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // By time too: the hourly pruning (packages/api/src/live/retention.ts) looks for old events.
  (t) => [index().on(t.seriesId, t.id), index().on(t.at)],
);
