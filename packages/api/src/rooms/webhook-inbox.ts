import type { Database } from "@reeks/db";
import { type InboxEvent, quarantineWebhook, storeWebhookEvents } from "./webhook-events";

export interface WebhookInboxMetrics {
  /** Events stored (or found already stored) since start. */
  stored: number;
  /** Signed events refused as unusable and kept apart since start (see quarantineWebhook). */
  quarantined: number;
}

export interface WebhookInbox {
  /** Resolves once the event is committed to the database (or was already there). */
  store(event: InboxEvent): Promise<void>;
  /** Resolves when no write is queued or in flight. */
  idle(): Promise<void>;
  /**
   * Resolves once no event has arrived for `quietMs`, or after `maxWaitMs` at the latest (so a
   * steady stream cannot postpone processing for ever).
   */
  quiet(quietMs: number, maxWaitMs: number): Promise<void>;
  /** Keeps a signed event that cannot be used apart (not in a batch: it cannot fail one). */
  quarantine(body: string, reason: string): Promise<void>;
  metrics(): WebhookInboxMetrics;
}

/**
 * Group commit for webhook requests: events that arrive while a write is in flight are written
 * together in the next one. Each request still answers only after its event is durable, but a burst
 * costs a handful of commits instead of one per event (PGlite on disk commits in ~5 ms).
 */
export function createWebhookInbox(db: Database, options: { maxBatch?: number } = {}): WebhookInbox {
  const maxBatch = options.maxBatch ?? 500;
  let queue: Array<{ event: InboxEvent; resolve: () => void; reject: (e: unknown) => void }> = [];
  let writing = false;
  let waiters: Array<() => void> = [];
  let lastArrival = 0;
  const counts: WebhookInboxMetrics = { stored: 0, quarantined: 0 };

  async function flush() {
    if (writing) return;
    writing = true;
    try {
      // PGlite runs a query synchronously on this thread: requests that arrive meanwhile are only
      // read once the event loop polls again. Yielding to it (setImmediate runs after the poll)
      // before each batch lets them join it; without this every event got a commit of its own.
      await new Promise((resolve) => setImmediate(resolve));
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        try {
          await storeWebhookEvents(db, dedupe(batch.map((b) => b.event)));
          counts.stored += batch.length;
          for (const b of batch) b.resolve();
        } catch (error) {
          if (batch.length === 1) batch[0]?.reject(error);
          // Events are checked before they get here; should one still fail the statement, the
          // others must not fail with it: each on its own.
          else for (const b of batch) await storeOne(b);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      writing = false;
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    }
  }

  async function storeOne(b: (typeof queue)[number]) {
    try {
      await storeWebhookEvents(db, [b.event]);
      counts.stored += 1;
      b.resolve();
    } catch (error) {
      b.reject(error);
    }
  }

  return {
    async quarantine(body, reason) {
      await quarantineWebhook(db, body, reason);
      counts.quarantined += 1;
    },
    metrics: () => ({ ...counts }),
    idle() {
      if (!writing && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    async quiet(quietMs, maxWaitMs) {
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        // Timers run before the event loop polls for I/O: after a busy stretch, requests that
        // have arrived are only read in the poll phase. setImmediate runs after it, so the check
        // below sees them instead of a stale quiet.
        await new Promise((resolve) => setImmediate(resolve));
        const wait = lastArrival + quietMs - Date.now();
        if (wait <= 0 && !writing && queue.length === 0) return;
        if (Date.now() >= deadline) break;
        await new Promise((r) => setTimeout(r, Math.max(5, Math.min(wait, deadline - Date.now()))));
      }
      await this.idle();
    },
    store(event) {
      lastArrival = Date.now();
      return new Promise<void>((resolve, reject) => {
        queue.push({ event, resolve, reject });
        void flush();
      });
    },
  };
}

/** One multi-row insert may not name the same key twice. */
function dedupe(events: InboxEvent[]): InboxEvent[] {
  const seen = new Map<string, InboxEvent>();
  for (const e of events) if (!seen.has(e.id)) seen.set(e.id, e);
  return [...seen.values()];
}
