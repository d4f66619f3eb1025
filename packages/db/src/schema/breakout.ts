import { relations, sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { Participant } from "./people";
import { Session } from "./series";

/** How people get their group: drawn by the server, placed by a moderator, or chosen themselves. */
export const BREAKOUT_ASSIGNMENTS = ["random", "manual", "self"] as const;
export type BreakoutAssignment = (typeof BREAKOUT_ASSIGNMENTS)[number];
/** planned → open (everyone in their group) → closed (everyone back in the main room). */
export const BREAKOUT_STATUSES = ["planned", "open", "closed"] as const;
export type BreakoutStatus = (typeof BREAKOUT_STATUSES)[number];
/** Who names a group's rapporteur: the moderator when planning, or the group itself. */
export const RAPPORTEUR_CHOICES = ["moderator", "group"] as const;
export type RapporteurChoice = (typeof RAPPORTEUR_CHOICES)[number];
/** Why someone is in a group: the plan's draw, a moderator, their own choice, or a late arrival. */
export const BREAKOUT_PLACEMENTS = ["plan", "manual", "self", "late"] as const;
export type BreakoutPlacement = (typeof BREAKOUT_PLACEMENTS)[number];

export const breakoutAssignment = pgEnum("breakout_assignment", BREAKOUT_ASSIGNMENTS);
export const breakoutStatus = pgEnum("breakout_status", BREAKOUT_STATUSES);
export const rapporteurChoice = pgEnum("rapporteur_choice", RAPPORTEUR_CHOICES);
export const breakoutPlacement = pgEnum("breakout_placement", BREAKOUT_PLACEMENTS);

/**
 * One round of breakout groups in a session: planned (also before the session starts), opened (the
 * countdown runs to `endsAt`), closed (everyone back). At most one round of a session is not closed.
 */
export const BreakoutRound = pgTable(
  "breakout_round",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    status: breakoutStatus().notNull().default("planned"),
    assignment: breakoutAssignment().notNull(),
    /** The number of groups; with `perGroup` set, the number follows from who is there at the opening. */
    groupCount: integer().notNull(),
    /** People per group, when the moderator sized the groups that way instead. */
    perGroup: integer(),
    durationSeconds: integer().notNull(),
    rapporteurChoice: rapporteurChoice().notNull().default("group"),
    openedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** When the countdown ends and everyone returns; moved by "extend". */
    endsAt: timestamp({ withTimezone: true, mode: "date" }),
    closedAt: timestamp({ withTimezone: true, mode: "date" }),
    /**
     * When the groups' LiveKit rooms of a closed round were deleted, a grace after closing: whoever did
     * not move back (a phone asleep, a stale page) is not left talking on in a room nobody watches.
     */
    roomsClearedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdBy: uuid().references(() => Participant.id, { onDelete: "set null" }),
    /** Bumped on every change; an edit names the version it started from. */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("breakout_round_one_active").on(t.sessionId).where(sql`${t.status} <> 'closed'`),
    index().on(t.sessionId),
    check("breakout_round_group_count", sql`${t.groupCount} between 1 and 50`),
    check("breakout_round_per_group", sql`${t.perGroup} is null or ${t.perGroup} between 2 and 50`),
    check("breakout_round_duration", sql`${t.durationSeconds} between 60 and 14400`),
  ],
);

/**
 * A group of a round: a LiveKit room of its own (the open-source server cannot move participants
 * between rooms, so members reconnect with a token for this room only). The room name is random, as
 * a session's is.
 */
export const BreakoutGroup = pgTable(
  "breakout_group",
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => BreakoutRound.id, { onDelete: "cascade" }),
    /** The round's session, kept here so a group room's webhooks map to the session in one lookup. */
    sessionId: uuid()
      .notNull()
      .references(() => Session.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    name: text().notNull(),
    /** The question this group discusses; null: the theme's guiding question. */
    question: text(),
    roomName: text().notNull().unique(),
    rapporteurId: uuid().references(() => Participant.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex().on(t.roundId, t.position), index().on(t.sessionId)],
);

/** Who is in which group of a round: one group per person per round. */
export const BreakoutMember = pgTable(
  "breakout_member",
  {
    roundId: uuid()
      .notNull()
      .references(() => BreakoutRound.id, { onDelete: "cascade" }),
    groupId: uuid()
      .notNull()
      .references(() => BreakoutGroup.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
    placement: breakoutPlacement().notNull(),
    placedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.participantId] }), index().on(t.groupId)],
);

/** A moderator's message to all groups of a round at once. */
export const BreakoutBroadcast = pgTable(
  "breakout_broadcast",
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => BreakoutRound.id, { onDelete: "cascade" }),
    authorId: uuid().references(() => Participant.id, { onDelete: "set null" }),
    body: text().notNull(),
    sentAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index().on(t.roundId, t.sentAt)],
);

export const breakoutRoundRelations = relations(BreakoutRound, ({ one, many }) => ({
  session: one(Session, { fields: [BreakoutRound.sessionId], references: [Session.id] }),
  groups: many(BreakoutGroup),
}));

export const breakoutGroupRelations = relations(BreakoutGroup, ({ one, many }) => ({
  round: one(BreakoutRound, { fields: [BreakoutGroup.roundId], references: [BreakoutRound.id] }),
  members: many(BreakoutMember),
}));

export const breakoutMemberRelations = relations(BreakoutMember, ({ one }) => ({
  group: one(BreakoutGroup, { fields: [BreakoutMember.groupId], references: [BreakoutGroup.id] }),
}));
