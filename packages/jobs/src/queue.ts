import { randomUUID } from "node:crypto";
import { and, type Database, eq, inArray, Job, lt, lte, or, sql } from "@reeks/db";

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
  onError?: (error: unknown, job: JobRow | null) => void;
}

/** A polling worker. Jobs of kinds it has no handler for are left for a worker that has one. */
export function startWorker(options: WorkerOptions): Worker {
  const workerId = `worker-${randomUUID()}`;
  const kinds = Object.keys(options.handlers);
  const db = options.database.db;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function runBatch(): Promise<number> {
    const jobs = await claimJobs(db, {
      workerId,
      leaseMs: options.leaseMs ?? 5 * 60_000,
      limit: options.batchSize ?? 10,
      kinds,
    });
    for (const job of jobs) {
      const handler = options.handlers[job.kind];
      try {
        if (!handler) throw new Error(`no handler for ${job.kind}`);
        await handler(job);
        await completeJob(db, job);
      } catch (error) {
        options.onError?.(error, job);
        await failJob(db, job, error).catch((e: unknown) => options.onError?.(e, job));
      }
    }
    return jobs.length;
  }

  function runOnce(): Promise<number> {
    // One batch at a time per worker: a wake during a batch waits for it.
    const next = (running ?? Promise.resolve(0)).then(runBatch, runBatch);
    running = next.finally(() => {
      if (running === guarded) running = null;
    });
    const guarded = running;
    return next;
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delay);
  }

  async function tick() {
    timer = null;
    let ran = 0;
    try {
      ran = await runOnce();
    } catch (error) {
      options.onError?.(error, null);
    }
    // A full batch suggests more work is waiting.
    schedule(ran >= (options.batchSize ?? 10) ? 0 : (options.pollIntervalMs ?? 1000));
  }

  schedule(0);
  return {
    runOnce,
    wake: () => schedule(0),
    async stop(stopOptions) {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (stopOptions?.wait === false) return;
      await running?.catch(() => {});
    },
  };
}
