import { pruneRateLimits, purgeExpiredSeries, purgeUnconfirmedRegistrations } from "@reeks/api";
import { type Database, startLoop } from "@reeks/db";

const HOUR = 60 * 60 * 1000;

/**
 * Hourly housekeeping in the server process: the per-series retention purge, registrations never
 * confirmed by e-mail, and old rate-limit counters.
 * Both are idempotent and safe to run on every instance at once (each series is purged in one
 * transaction and then marked), so no leader election is needed.
 */
export function startMaintenance(db: Database, log: (line: string) => void): () => Promise<void> {
  const loop = startLoop({
    name: "maintenance",
    log,
    firstDelayMs: 5_000,
    intervalMs: HOUR,
    // A pass that fails (the database is away) is retried within seconds, not an hour later.
    run: async () => {
      const purged = await purgeExpiredSeries(db);
      if (purged.length) log(`Retention: purged personal data of ${purged.length} series.`);
      const unconfirmed = await purgeUnconfirmedRegistrations(db);
      if (unconfirmed) log(`Deleted ${unconfirmed} registrations never confirmed by e-mail.`);
      await pruneRateLimits(db);
    },
  });
  return () => loop.stop();
}
