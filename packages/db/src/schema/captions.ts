import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { Participant } from "./people";
import { Session } from "./series";

/** Typed by a captioner in the room, or posted by an external captioning service. */
export const CAPTION_SOURCES = ["typed", "api"] as const;
export type CaptionSource = (typeof CAPTION_SOURCES)[number];
export const captionSource = pgEnum("caption_source", CAPTION_SOURCES);

/** A captioner ("schrijftolk") of a session: granted by a moderator, like a note-taker. */
export const Captioner = pgTable(
  "captioner",
  {
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.participantId] })],
);

/**
 * An external caption feed: the per-session URL a captioning service posts to. Only the token's
 * sha-256 is kept, so a leaked database does not leak a working URL; the token is shown once.
 */
export const CaptionFeed = pgTable(
  "caption_feed",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    createdBy: uuid().references(() => Participant.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** The highest sequence number stored from this feed. */
    lastSeq: bigint({ mode: "number" }),
  },
  (t) => [index().on(t.sessionId)],
);

/**
 * A final caption line. `seq` is the session's own order, assigned by the server under a lock, so
 * viewers and the transcript agree on the order whatever the arrival order of external posts.
 */
export const CaptionLine = pgTable(
  "caption_line",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    seq: integer().notNull(),
    source: captionSource().notNull(),
    feedId: uuid().references(() => CaptionFeed.id, { onDelete: "set null" }),
    /** The external service's own sequence number: a repeated post is recognised by it. */
    feedSeq: bigint({ mode: "number" }),
    /** The typing view's idempotency key: a resent line after a dropped connection is stored once. */
    clientKey: text(),
    language: text().notNull().default("nl"),
    text: text().notNull(),
    /** The marked speaker. */
    speakerParticipantId: uuid().references(() => Participant.id, { onDelete: "set null" }),
    /** Who typed it. */
    authorParticipantId: uuid().references(() => Participant.id, { onDelete: "set null" }),
    spokenAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    editedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    unique("caption_line_session_seq").on(t.sessionId, t.seq),
    unique("caption_line_feed_seq").on(t.feedId, t.feedSeq),
    unique("caption_line_client_key").on(t.sessionId, t.clientKey),
    index().on(t.speakerParticipantId),
    index().on(t.authorParticipantId),
    check("caption_line_text_length", sql`char_length(${t.text}) between 1 and 2000`),
  ],
);

/** The text (and speaker) a line had before an organiser corrected it. */
export const CaptionLineRevision = pgTable(
  "caption_line_revision",
  {
    id: uuid().primaryKey().defaultRandom(),
    lineId: uuid()
      .notNull()
      .references(() => CaptionLine.id, { onDelete: "cascade" }),
    previousText: text().notNull(),
    previousSpeakerParticipantId: uuid().references(() => Participant.id, {
      onDelete: "set null",
    }),
    editedBy: uuid().references(() => Participant.id, { onDelete: "set null" }),
    editedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index().on(t.lineId)],
);
