import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const JOB_STATUSES = ["pending", "running", "done", "failed"] as const;
export const jobStatus = pgEnum("job_status", JOB_STATUSES);

/**
 * The durable job queue (packages/jobs). A job is claimed with FOR UPDATE SKIP LOCKED and a lease
 * (`lockedUntil`): a worker that dies mid-job leaves a lease that expires, and the job runs again.
 * `idempotencyKey` is unique, so enqueueing the same mail twice creates one job.
 */
export const Job = pgTable(
  "job",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    idempotencyKey: text().notNull().unique(),
    status: jobStatus().notNull().default("pending"),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(8),
    lockedBy: text(),
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    completedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("job_due_idx").on(t.runAt).where(sql`${t.status} in ('pending', 'running')`)],
);
