import { relations } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { Participant, Person } from "./people";
import { Session } from "./series";

/**
 * The live room of a session: opened by a moderator (the session goes live), optionally locked,
 * ended for everyone. One row per session once it has been opened.
 */
export const RoomState = pgTable("room_state", {
  sessionId: uuid()
    .primaryKey()
    .references(() => Session.id, { onDelete: "cascade" }),
  openedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  endedAt: timestamp({ withTimezone: true, mode: "date" }),
  /** While locked, only moderators and people a moderator admitted from the lobby get a token. */
  locked: boolean().notNull().default(false),
  lastReconciledAt: timestamp({ withTimezone: true, mode: "date" }),
});

/**
 * A participant's place in one session's room. Carries the opaque LiveKit identity (LiveKit logs
 * identities, so never a name or e-mail) and what moderators decided about this person here.
 */
export const RoomSeat = pgTable(
  "room_seat",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
    identity: text().notNull().unique(),
    /** A member a moderator brought on stage: may publish like a speaker for this session. */
    onStage: boolean().notNull().default(false),
    handRaisedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Waiting in the lobby of a locked room since. */
    lobbySince: timestamp({ withTimezone: true, mode: "date" }),
    admittedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Removed by a moderator: no new token, and any connection with an older token is kicked. */
    removedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.sessionId, t.participantId)],
);

/** Chat in a session's room: part of the session's record, reloaded when someone (re)joins. */
export const ChatMessage = pgTable(
  "chat_message",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    /** Null once the author's account is erased; the message stays, unattributed. */
    authorId: text().references(() => Person.id, { onDelete: "set null" }),
    body: text().notNull(),
    sentAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index().on(t.sessionId, t.sentAt)],
);

export const roomSeatRelations = relations(RoomSeat, ({ one }) => ({
  session: one(Session, { fields: [RoomSeat.sessionId], references: [Session.id] }),
  participant: one(Participant, { fields: [RoomSeat.participantId], references: [Participant.id] }),
}));
