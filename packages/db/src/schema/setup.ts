import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { Person } from "./people";

/**
 * One-time links that make the first administrator of a fresh installation (printed on the server's
 * console at start-up while nobody can administer it). Only the SHA-256 of the token is kept.
 */
export const SetupToken = pgTable("setup_token", {
  id: uuid().primaryKey().defaultRandom(),
  tokenHash: text().notNull().unique(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  claimedAt: timestamp({ withTimezone: true }),
  claimedBy: text().references(() => Person.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
