import {
  type DatabaseHandle,
  eq,
  isNull,
  Job,
  RoomConnection,
  Session,
  sql,
  WebhookEvent,
  WebhookQuarantine,
} from "@reeks/db";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** A scrape must not hang on a database that does not answer; the gauges then say NaN. */
const QUERY_TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

export interface Metrics {
  registry: Registry;
  /** One finished request (streams excluded: their duration is how long a page stayed open). */
  observeRequest(labels: { route: string; method: string; status: number }, seconds: number): void;
  streamOpened(route: string): void;
  streamClosed(route: string): void;
  /** Prometheus text exposition of every metric, the database-backed ones read now. */
  render(): Promise<string>;
  contentType: string;
}

/**
 * The instance's metrics. Database-backed gauges (webhook inbox, jobs, live rooms) are read when
 * scraped, in one round of small counting queries on indexed columns, not kept up to date by hand:
 * several instances share one database, and each reports the same shared totals.
 */
export function createMetrics(database: DatabaseHandle): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "reeks_" });

  const httpDuration = new Histogram({
    name: "reeks_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by route template, method and status (live streams excluded).",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const streamsOpen = new Gauge({
    name: "reeks_sse_streams_open",
    help: "Server-sent event streams (live session updates) open on this instance.",
    labelNames: ["route"] as const,
    registers: [registry],
  });
  const streamsTotal = new Counter({
    name: "reeks_sse_streams_total",
    help: "Server-sent event streams opened on this instance.",
    labelNames: ["route"] as const,
    registers: [registry],
  });
  const inboxDepth = new Gauge({
    name: "reeks_webhook_inbox_depth",
    help: "LiveKit webhooks stored but not yet processed into attendance.",
    registers: [registry],
  });
  const inboxLag = new Gauge({
    name: "reeks_webhook_inbox_lag_seconds",
    help: "Age of the oldest unprocessed LiveKit webhook (0 when the inbox is empty).",
    registers: [registry],
  });
  const quarantined = new Gauge({
    name: "reeks_webhook_quarantine_total",
    help: "Signed webhooks refused as unusable, kept for a person to look at.",
    registers: [registry],
  });
  const jobs = new Gauge({
    name: "reeks_job_queue_depth",
    help: "Durable jobs waiting (pending: due or not) or at work (running).",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  const jobsDue = new Gauge({
    name: "reeks_job_queue_due",
    help: "Pending jobs whose time has come.",
    registers: [registry],
  });
  const roomsLive = new Gauge({
    name: "reeks_rooms_live",
    help: "Sessions that are live.",
    registers: [registry],
  });
  const participantsLive = new Gauge({
    name: "reeks_participants_live",
    help: "LiveKit connections into session rooms that have not ended.",
    registers: [registry],
  });
  const scrapeErrors = new Counter({
    name: "reeks_metrics_database_errors_total",
    help: "Scrapes whose database-backed metrics could not be read.",
    registers: [registry],
  });

  const databaseGauges = [inboxDepth, inboxLag, quarantined, jobsDue, roomsLive, participantsLive];
  async function readDatabase() {
    const db = database.db;
    const count = sql<number>`count(*)::int`;
    const read = async () => {
      const [inbox] = await db
        .select({
          depth: count,
          lag: sql<number | null>`extract(epoch from now() - min(${WebhookEvent.receivedAt}))::float8`,
        })
        .from(WebhookEvent)
        .where(isNull(WebhookEvent.processedAt));
      const [quarantine] = await db.select({ n: count }).from(WebhookQuarantine);
      const jobRows = await db
        .select({
          status: Job.status,
          n: count,
          due: sql<number>`count(*) filter (where ${Job.runAt} <= now())::int`,
        })
        .from(Job)
        .where(sql`${Job.status} in ('pending', 'running')`)
        .groupBy(Job.status);
      const [rooms] = await db.select({ n: count }).from(Session).where(eq(Session.status, "live"));
      const [participants] = await db
        .select({ n: count })
        .from(RoomConnection)
        .where(isNull(RoomConnection.leftAt));
      return { inbox, quarantine, jobRows, rooms, participants };
    };
    try {
      const r = await within(read(), QUERY_TIMEOUT_MS);
      inboxDepth.set(r.inbox?.depth ?? 0);
      inboxLag.set(r.inbox?.lag ?? 0);
      quarantined.set(r.quarantine?.n ?? 0);
      jobs.reset();
      jobs.set({ status: "pending" }, 0);
      jobs.set({ status: "running" }, 0);
      for (const row of r.jobRows) jobs.set({ status: row.status }, row.n);
      jobsDue.set(r.jobRows.find((row) => row.status === "pending")?.due ?? 0);
      roomsLive.set(r.rooms?.n ?? 0);
      participantsLive.set(r.participants?.n ?? 0);
    } catch {
      // Stale numbers would look healthy: say "unknown" instead (and /readyz says why).
      scrapeErrors.inc();
      for (const gauge of databaseGauges) gauge.set(Number.NaN);
      jobs.reset();
    }
  }

  return {
    registry,
    contentType: registry.contentType,
    observeRequest(labels, seconds) {
      httpDuration.observe({ ...labels, status: String(labels.status) }, seconds);
    },
    streamOpened(route) {
      streamsOpen.inc({ route });
      streamsTotal.inc({ route });
    },
    streamClosed(route) {
      streamsOpen.dec({ route });
    },
    async render() {
      await readDatabase();
      return registry.metrics();
    },
  };
}
