import {
  and,
  type Database,
  eq,
  inArray,
  isNull,
  LiveEvent,
  lt,
  or,
  RoomState,
  Session,
  sql,
} from "@reeks/db";
import { enqueueJobs, type JobHandler } from "@reeks/jobs";

/** Job kind of the recurring live-log pruning on the durable queue. */
export const LIVE_EVENT_PRUNE_JOB = "live.prune-events";
/** How often the pruning runs; each run re-enqueues the next, so the chain survives restarts. */
export const LIVE_EVENT_PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Rows per DELETE: short statements, so live writers (who lock per series) never wait long. */
const PRUNE_BATCH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface LiveEventRetention {
  /** Events are kept this many days after their session ended (series-wide events: after they happened). */
  retentionDays: number;
}

/**
 * Ids of sessions that ended before `cutoff`. The end is when the room was ended, or else the
 * scheduled end; a session that is live, scheduled, a draft or cancelled never qualifies, and neither
 * does an ended one whose end is unknown.
 */
function sessionsEndedBefore(db: Database, cutoff: Date) {
  const endedAt = sql`coalesce(${RoomState.endedAt}, ${Session.startsAt} + make_interval(mins => ${Session.durationMinutes}))`;
  return db
    .select({ id: Session.id })
    .from(Session)
    .leftJoin(RoomState, eq(RoomState.sessionId, Session.id))
    .where(and(eq(Session.status, "ended"), sql`${endedAt} < ${cutoff.toISOString()}::timestamptz`));
}

/**
 * Deletes live events nobody can still need: older than the window, and either of a session that
 * ended more than the window ago or of no session at all. The events' own age is checked too, so a
 * late event of a long-ended session (a review, a deadline change) stays for the window and a client
 * resuming after a reconnect still finds everything after its last id. Runs in batches of
 * `batchSize` rows, each its own statement. Returns how many events were deleted.
 */
export async function pruneLiveEvents(
  db: Database,
  options: LiveEventRetention & { now?: Date; batchSize?: number },
): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? PRUNE_BATCH;
  const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS);
  const due = and(
    lt(LiveEvent.at, cutoff),
    or(isNull(LiveEvent.sessionId), inArray(LiveEvent.sessionId, sessionsEndedBefore(db, cutoff))),
  );
  let deleted = 0;
  for (;;) {
    const batch = db
      .select({ id: LiveEvent.id })
      .from(LiveEvent)
      .where(due)
      .orderBy(LiveEvent.id)
      .limit(batchSize);
    const rows = await db
      .delete(LiveEvent)
      .where(inArray(LiveEvent.id, batch))
      .returning({ id: LiveEvent.id });
    deleted += rows.length;
    if (rows.length < batchSize) return deleted;
  }
}

/** The pruning job of one slot (an hour since the epoch); its idempotency key makes one per slot, cluster-wide. */
function pruneJob(slot: number) {
  return {
    kind: LIVE_EVENT_PRUNE_JOB,
    payload: {},
    idempotencyKey: `${LIVE_EVENT_PRUNE_JOB}:${slot}`,
    runAt: new Date(slot * LIVE_EVENT_PRUNE_EVERY_MS),
  };
}

const slotOf = (at: Date) => Math.floor(at.getTime() / LIVE_EVENT_PRUNE_EVERY_MS);

/**
 * Starts the recurring pruning: enqueues the run of the current slot (due now). Every instance may
 * call it at start-up; the idempotency key keeps it to one job per slot.
 */
export async function scheduleLiveEventPruning(db: Database, now: Date = new Date()): Promise<void> {
  await enqueueJobs(db, [pruneJob(slotOf(now))]);
}

/**
 * The pruning job: first enqueues its successor (so a failing run does not end the chain), then
 * prunes. Runs twice harmlessly: both steps are idempotent.
 */
export function liveEventRetentionHandlers(
  db: Database,
  retention: LiveEventRetention,
  log: (line: string) => void = () => {},
): Record<string, JobHandler> {
  return {
    [LIVE_EVENT_PRUNE_JOB]: async () => {
      // The next slot after now, not after this job's: a run delayed by downtime does not cascade.
      await enqueueJobs(db, [pruneJob(slotOf(new Date()) + 1)]);
      const deleted = await pruneLiveEvents(db, retention);
      if (deleted) log(`Live log: pruned ${deleted} events older than ${retention.retentionDays} days.`);
    },
  };
}
