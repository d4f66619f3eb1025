import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { Person } from "./people";
import { Series } from "./series";

/** Who did what, when: every organiser and moderator action is written here. */
export const AuditEntry = pgTable(
  "audit_entry",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null once the acting person's account is erased (the entry itself stays). */
    actorId: text().references(() => Person.id, { onDelete: "set null" }),
    seriesId: uuid().references(() => Series.id, { onDelete: "cascade" }),
    /** Dotted verb, e.g. "participant.approve", "room.mute". */
    action: text().notNull(),
    /** What the action was done to, e.g. "participant:<uuid>". */
    target: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.seriesId, t.at)],
);
