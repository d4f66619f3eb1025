import { relations } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { Participant } from "./people";
import { RoomSeat } from "./room";
import { Session } from "./series";

export const ATTENDANCE_SOURCES = ["webhook", "reconcile"] as const;
export const attendanceSource = pgEnum("attendance_source", ATTENDANCE_SOURCES);

/**
 * LiveKit's webhooks, stored as they arrived before anything else happens to them (the inbox).
 * LiveKit may repeat or drop events and expects an answer within seconds, so the request only
 * verifies and stores; a processor turns rows into attendance later and marks them processed.
 */
export const WebhookEvent = pgTable(
  "webhook_event",
  {
    /** LiveKit's event id: a repeat of the same event is a no-op. */
    id: text().primaryKey(),
    event: text().notNull(),
    roomName: text(),
    /** The raw, verified request body, kept so events can be replayed and audited. */
    body: text().notNull(),
    /** When LiveKit created the event (its clock, second precision). */
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [index().on(t.processedAt, t.createdAt), index().on(t.roomName, t.event)],
);

/**
 * Correctly signed webhooks that cannot be stored or used (an id or text with a NUL, a createdAt
 * outside any real clock, a body that is not an event). Kept apart, for a person to look at, so that
 * one of them cannot fail the batch of good events it arrived with.
 */
export const WebhookQuarantine = pgTable("webhook_quarantine", {
  id: uuid().primaryKey().defaultRandom(),
  /** Why it was refused, in words for the operator. */
  reason: text().notNull(),
  /** The signed body, with characters PostgreSQL text cannot hold (NUL, lone surrogates) escaped. */
  body: text().notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * One LiveKit connection (participant sid) of a seat: what webhooks and the reconciler observe.
 * Attendance intervals are derived from these, so applying the same observation twice, or in any
 * order, changes nothing.
 */
export const RoomConnection = pgTable(
  "room_connection",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    seatId: uuid()
      .notNull()
      .references(() => RoomSeat.id, { onDelete: "cascade" }),
    /** LiveKit's participant sid: unique per connection, also across reconnects of one identity. */
    sid: text().notNull(),
    /**
     * The LiveKit room it was in: the session's own or one of its breakout groups'. A room's end
     * (room_finished) ends only the connections in that room. Null: the session's own room.
     */
    room: text(),
    joinedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    leftAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Who closed it: a `participant_left` webhook is exact and overrides the reconciler's estimate. */
    leftSource: attendanceSource(),
    /** Last time the reconciler saw this connection in ListParticipants. */
    lastSeenAt: timestamp({ withTimezone: true, mode: "date" }),
    source: attendanceSource().notNull(),
  },
  (t) => [unique().on(t.sessionId, t.sid), index().on(t.seatId)],
);

/** A continuous stay of a participant in a session's room; short reconnects are merged into one. */
export const AttendanceInterval = pgTable(
  "attendance_interval",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
    joinedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    /** Null while the participant is still in the room. */
    leftAt: timestamp({ withTimezone: true, mode: "date" }),
    /** "reconcile" when any part of the stay was only known from ListParticipants. */
    source: attendanceSource().notNull(),
  },
  (t) => [index().on(t.sessionId, t.participantId)],
);

export const attendanceIntervalRelations = relations(AttendanceInterval, ({ one }) => ({
  session: one(Session, { fields: [AttendanceInterval.sessionId], references: [Session.id] }),
  participant: one(Participant, {
    fields: [AttendanceInterval.participantId],
    references: [Participant.id],
  }),
}));
