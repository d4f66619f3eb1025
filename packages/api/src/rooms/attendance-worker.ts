import { type Database, eq, Outage, Session } from "@reeks/db";
import type { RoomServiceClient } from "livekit-server-sdk";
import { reconcileSession } from "./reconcile";
import { PROCESSING_BATCH, processWebhookBatch } from "./webhook-events";

/**
 * With `yieldTo` (PGlite: one connection), a batch may hold the connection about this long: its size
 * adapts so that it does, and a webhook that arrives during it waits a slice, not a whole batch.
 */
export const SLICE_MS = 5;

export interface AttendanceWorker {
  /** New events are stored: process them soon. Resolves when this pass has emptied the inbox. */
  kick(): Promise<void>;
  /**
   * Reconciles every live session now (also runs on its own timer). `knownLeaves`: ends of
   * connections (by sid) known otherwise, e.g. webhooks LiveKit could not deliver while the app was down.
   */
  reconcileLive(knownLeaves?: ReadonlyMap<string, Date>): Promise<void>;
  stop(): Promise<void>;
}

export interface AttendanceWorkerOptions {
  db: Database;
  rooms: RoomServiceClient;
  /** Safety net: look for unprocessed events (another instance's, or left by a crash) this often. */
  pollMs?: number;
  /** Compare live sessions with ListParticipants this often. */
  reconcileMs?: number;
  /** Every failure, as it happens (tests); the log gets each outage once. */
  onError?: (error: unknown) => void;
  /** Where failures are logged: a database outage once when it begins and once when it ends. */
  log?: (line: string) => void;
  /**
   * Awaited before each batch. With PGlite (one connection) the server passes the inbox's `quiet`, so
   * storing incoming webhooks, which LiveKit waits for, goes before processing, which nobody waits for.
   * With it, batches are sized to take about SLICE_MS each.
   */
  yieldTo?: () => Promise<void>;
}

/**
 * Turns stored webhooks into attendance in the background. Starting it processes what an earlier
 * run left unprocessed, so a restart loses nothing. State lives in the database only; several
 * instances may run one each (rows are taken with SKIP LOCKED).
 */
export function startAttendanceWorker(options: AttendanceWorkerOptions): AttendanceWorker {
  const { db, rooms } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  // Two loops, two outages: each logs its own begin and end, and backs off on its own.
  const inboxOutage = new Outage("attendance worker", log);
  const reconcileOutage = new Outage("reconciler", log);
  const failed = (outage: Outage) => (error: unknown) => {
    options.onError?.(error);
    outage.failure(error);
  };
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let sliceBatch = 2;

  async function drainInbox() {
    while (!stopped) {
      await options.yieldTo?.();
      const started = performance.now();
      const effects = await processWebhookBatch(db, options.yieldTo ? sliceBatch : PROCESSING_BATCH);
      if (options.yieldTo) sliceBatch = nextSliceBatch(sliceBatch, performance.now() - started);
      if (!effects) return;
      for (const { room, identity } of effects.kick) {
        // A removed person joined with a token minted before the removal: out again.
        await rooms.removeParticipant(room, identity).catch(() => {});
      }
      for (const sessionId of new Set(effects.finishedSessionIds))
        await reconcileSession({ db, rooms }, sessionId);
    }
  }

  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await drainInbox();
          inboxOutage.success();
        } catch (error) {
          failed(inboxOutage)(error);
          // The next poll after the backoff tries again; kicks meanwhile must not spin on a dead database.
          return;
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  let reconciling: Promise<void> | null = null;
  function reconcileLive(knownLeaves?: ReadonlyMap<string, Date>): Promise<void> {
    if (reconciling) return reconciling;
    reconciling = (async () => {
      const live = await db.select({ id: Session.id }).from(Session).where(eq(Session.status, "live"));
      let ok = true;
      for (const { id } of live) {
        if (stopped) return;
        await reconcileSession({ db, rooms }, id, { now: new Date(), knownLeaves }).catch(
          (error: unknown) => {
            ok = false;
            failed(reconcileOutage)(error);
          },
        );
      }
      if (ok) reconcileOutage.success();
    })()
      .catch(failed(reconcileOutage))
      .finally(() => {
        reconciling = null;
      });
    return reconciling;
  }

  // While backing off after a failure, ticks are skipped.
  const poll = setInterval(() => {
    if (inboxOutage.waitMs() === 0) void kick();
  }, options.pollMs ?? 5_000);
  const reconcileTimer = setInterval(() => {
    if (reconcileOutage.waitMs() === 0) void reconcileLive();
  }, options.reconcileMs ?? 30_000);
  poll.unref();
  reconcileTimer.unref();
  void kick();

  return {
    kick,
    reconcileLive,
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(reconcileTimer);
      await running;
      await reconciling;
    },
  };
}

/** Halves a batch that took longer than a slice, doubles one that took well under. */
export function nextSliceBatch(size: number, tookMs: number): number {
  if (tookMs > SLICE_MS) return Math.max(1, Math.floor(size / 2));
  if (tookMs < SLICE_MS / 2) return Math.min(PROCESSING_BATCH, size * 2);
  return size;
}
