import { relations } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { Person } from "./people";

/**
 * better-auth's tables. Its user model is our `Person` (people.ts); these hold what it needs besides.
 * Column names follow better-auth's field names so its drizzle adapter can own them.
 */

/** A signed-in browser. Looked up by `token` (the value in the session cookie) on every request. */
export const AuthSession = pgTable(
  "auth_session",
  {
    id: text().primaryKey(),
    token: text().notNull().unique(),
    userId: text()
      .notNull()
      .references(() => Person.id, { onDelete: "cascade" }),
    /** Idle timeout: moved forward (at most once per `updateAge`) while the session is used. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ipAddress: text(),
    userAgent: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId)],
);

/** Linked sign-in methods. Magic links need none; kept so better-auth's model is complete. */
export const AuthAccount = pgTable(
  "auth_account",
  {
    id: text().primaryKey(),
    accountId: text().notNull(),
    providerId: text().notNull(),
    userId: text()
      .notNull()
      .references(() => Person.id, { onDelete: "cascade" }),
    accessToken: text(),
    refreshToken: text(),
    idToken: text(),
    accessTokenExpiresAt: timestamp({ withTimezone: true }),
    refreshTokenExpiresAt: timestamp({ withTimezone: true }),
    scope: text(),
    password: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId)],
);

/** Pending magic links. `identifier` holds the SHA-256 of the token, never the token itself. */
export const AuthVerification = pgTable(
  "auth_verification",
  {
    id: text().primaryKey(),
    identifier: text().notNull(),
    value: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.identifier)],
);

/**
 * Fixed-window counters for rate limits (sign-in, registration). In the database so that every API
 * instance counts the same hits. `key` is "<bucket>:<subject>", e.g. "sign-in:email:anne@…".
 */
export const RateLimitCounter = pgTable("rate_limit_counter", {
  key: text().primaryKey(),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  hits: integer().notNull(),
});

export const authSessionRelations = relations(AuthSession, ({ one }) => ({
  person: one(Person, { fields: [AuthSession.userId], references: [Person.id] }),
}));
