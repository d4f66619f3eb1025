import { randomUUID } from "node:crypto";
import {
  and,
  type BackoffOptions,
  type Database,
  eq,
  inArray,
  isDatabaseUnavailable,
  Job,
  lt,
  lte,
  or,
  sql,
  startLoop,
} from "@reeks/db";

export type JobRow = typeof Job.$inferSelect;

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  /** Unique per intended effect (e.g. "mail:invite:<session>:<person>:<sequence>"): enqueueing twice is a no-op. */
  idempotencyKey: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Any drizzle handle, including a transaction, so a job can be enqueued atomically with its cause. */
type Executor = Pick<Database, "insert" | "update" | "select">;

/** Adds jobs; those whose idempotency key already exists are skipped. Returns how many were new. */
export async function enqueueJobs(db: Executor, jobs: NewJob[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const inserted = await db
    .insert(Job)
    .values(
      jobs.map((job) => ({
        kind: job.kind,
        payload: job.payload,
        idempotencyKey: job.idempotencyKey,
        ...(job.runAt ? { runAt: job.runAt } : {}),
        ...(job.maxAttempts ? { maxAttempts: job.maxAttempts } : {}),
      })),
    )
    .onConflictDoNothing({ target: Job.idempotencyKey })
    .returning({ id: Job.id });
  return inserted.length;
}

/**
 * Claims due jobs for one worker: pending jobs whose time has come, and running jobs whose lease has
 * expired (their worker died). SKIP LOCKED lets several workers claim concurrently without waiting for
 * each other or taking the same job. Time comes from the database so workers need no clock agreement.
 */
export async function claimJobs(
  db: Database,
  options: { workerId: string; leaseMs: number; limit: number; kinds: string[] },
): Promise<JobRow[]> {
  const due = db
    .select({ id: Job.id })
    .from(Job)
    .where(
      and(
        inArray(Job.kind, options.kinds),
        or(
          and(eq(Job.status, "pending"), lte(Job.runAt, sql`now()`)),
          and(eq(Job.status, "running"), lt(Job.lockedUntil, sql`now()`)),
        ),
      ),
    )
    .orderBy(Job.runAt)
    .limit(options.limit)
    .for("update", { skipLocked: true });
  return db
    .update(Job)
    .set({
      status: "running",
      attempts: sql`${Job.attempts} + 1`,
      lockedBy: options.workerId,
      lockedUntil: sql`now() + make_interval(secs => ${options.leaseMs / 1000})`,
    })
    .where(inArray(Job.id, due))
    .returning();
}

/** Marks a job done, unless another worker took it over after this one's lease expired. */
export async function completeJob(db: Database, job: JobRow): Promise<boolean> {
  const rows = await db
    .update(Job)
    .set({ status: "done", completedAt: sql`now()`, lockedBy: null, lockedUntil: null, lastError: null })
    .where(and(eq(Job.id, job.id), eq(Job.status, "running"), eq(Job.lockedBy, job.lockedBy ?? "")))
    .returning({ id: Job.id });
  return rows.length > 0;
}

/** Exponential backoff from 10 s up to an hour; after maxAttempts the job stays failed for a human. */
export async function failJob(db: Database, job: JobRow, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const giveUp = job.attempts >= job.maxAttempts;
  const delaySeconds = Math.min(3600, 10 * 2 ** Math.max(0, job.attempts - 1));
  await db
    .update(Job)
    .set({
      status: giveUp ? "failed" : "pending",
      runAt: sql`now() + make_interval(secs => ${delaySeconds})`,
      lockedBy: null,
      lockedUntil: null,
      lastError: message.slice(0, 2000),
    })
    .where(and(eq(Job.id, job.id), eq(Job.lockedBy, job.lockedBy ?? "")));
}

export type JobHandler = (job: JobRow) => Promise<void>;

export interface Worker {
  /** Claims and runs due jobs once; resolves with how many ran. */
  runOnce(): Promise<number>;
  /** Look for work now instead of at the next poll (after an enqueue in this process). */
  wake(): void;
  /**
   * Stops polling and waits for the jobs in hand; with `{ wait: false }` it returns at once, leaving
   * them to their lease (what a crash looks like to the database, and a shutdown that cannot wait).
   */
  stop(options?: { wait?: boolean }): Promise<void>;
}

export interface WorkerOptions {
  database: { db: Database };
  handlers: Record<string, JobHandler>;
  pollIntervalMs?: number;
  /** How long a claimed job is this worker's; longer than any job takes. */
  leaseMs?: number;
  batchSize?: number;
  /** A job failed (its handler threw, or its outcome could not be written yet). */
  onError?: (error: unknown, job: JobRow | null) => void;
  /** Where the polling loop reports the database going away and coming back (default: stderr). */
  log?: (line: string) => void;
  /** Backoff of the polling loop while the database is unreachable. */
  backoff?: BackoffOptions;
}

/** What became of a job whose outcome could not be written (the database went away): written later. */
interface Unsettled {
  job: JobRow;
  /** Undefined when the job succeeded. */
  error?: unknown;
}

/** A polling worker. Jobs of kinds it has no handler for are left for a worker that has one. */
export function startWorker(options: WorkerOptions): Worker {
  const workerId = `worker-${randomUUID()}`;
  const kinds = Object.keys(options.handlers);
  const db = options.database.db;
  const batchSize = options.batchSize ?? 10;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  /** Settled before the next claim, so a job done during an outage is not run again when its lease ends. */
  let unsettled: Unsettled[] = [];
  let running: Promise<unknown> | null = null;

  async function settle(entry: Unsettled) {
    if (entry.error === undefined) await completeJob(db, entry.job);
    else await failJob(db, entry.job, entry.error);
  }

  async function settleEarlier() {
    while (unsettled.length > 0) {
      const [entry] = unsettled;
      if (!entry) break;
      await settle(entry);
      unsettled = unsettled.slice(1);
    }
  }

  async function runBatch(): Promise<number> {
    await settleEarlier();
    const jobs = await claimJobs(db, {
      workerId,
      leaseMs: options.leaseMs ?? 5 * 60_000,
      limit: batchSize,
      kinds,
    });
    for (const job of jobs) {
      const handler = options.handlers[job.kind];
      const entry: Unsettled = { job };
      try {
        if (!handler) throw new Error(`no handler for ${job.kind}`);
        await handler(job);
      } catch (error) {
        options.onError?.(error, job);
        entry.error = error;
      }
      try {
        await settle(entry);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) options.onError?.(error, job);
        unsettled.push(entry);
      }
    }
    return jobs.length;
  }

  function runOnce(): Promise<number> {
    // One batch at a time per worker: a wake during a batch waits for it.
    const next = (running ?? Promise.resolve()).then(runBatch, runBatch);
    // `running` only orders batches; the caller of runOnce gets (and must handle) the failure.
    const settled: Promise<unknown> = next.then(
      () => {},
      () => {},
    );
    running = settled;
    void settled.then(() => {
      if (running === settled) running = null;
    });
    return next;
  }

  const loop = startLoop({
    name: "job worker",
    log: options.log ?? ((line) => console.error(line)),
    ...options.backoff,
    intervalMs: pollIntervalMs,
    run: async () => {
      const ran = await runOnce();
      // A full batch suggests more work is waiting.
      return ran >= batchSize ? 0 : pollIntervalMs;
    },
  });

  return {
    runOnce,
    wake: () => loop.wake(),
    async stop(stopOptions) {
      const stopping = loop.stop();
      if (stopOptions?.wait === false) return;
      await stopping;
      await running;
    },
  };
}
