import { relations } from "drizzle-orm";
import { pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { Participant } from "./people";
import { Session } from "./series";

/**
 * A participant excused from one session (they let the organisers know in advance), so the attendance
 * overview shows "afgemeld" instead of "afwezig". Recorded by an organiser.
 */
export const SessionExcusal = pgTable(
  "session_excusal",
  {
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
    /** The organiser who recorded it; null once their participation is gone. */
    recordedBy: uuid().references(() => Participant.id, { onDelete: "set null" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.participantId] })],
);

export const sessionExcusalRelations = relations(SessionExcusal, ({ one }) => ({
  session: one(Session, { fields: [SessionExcusal.sessionId], references: [Session.id] }),
  participant: one(Participant, { fields: [SessionExcusal.participantId], references: [Participant.id] }),
}));
