import { pruneRateLimits, purgeExpiredSeries, purgeUnconfirmedRegistrations } from "@reeks/api";
import type { Database } from "@reeks/db";

const HOUR = 60 * 60 * 1000;

/**
 * Hourly housekeeping in the server process: the per-series retention purge, registrations never
 * confirmed by e-mail, and old rate-limit counters.
 * Both are idempotent and safe to run on every instance at once (each series is purged in one
 * transaction and then marked), so no leader election is needed.
 */
export function startMaintenance(db: Database, log: (line: string) => void): () => void {
  const run = async () => {
    try {
      const purged = await purgeExpiredSeries(db);
      if (purged.length) log(`Retention: purged personal data of ${purged.length} series.`);
      const unconfirmed = await purgeUnconfirmedRegistrations(db);
      if (unconfirmed) log(`Deleted ${unconfirmed} registrations never confirmed by e-mail.`);
      await pruneRateLimits(db);
    } catch (error) {
      log(`maintenance failed: ${String(error)}`);
    }
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, HOUR);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
