import { advanceSeriesLifecycle } from "@reeks/api";
import { type BackoffOptions, type Database, startLoop } from "@reeks/db";

const MINUTE = 60 * 1000;

/**
 * Moves series to "running" and "finished" as their sessions begin and end. A loop rather than a job
 * per series: the moment depends on dates an organiser may change at any time, and one conditional
 * UPDATE a minute costs less than keeping scheduled jobs in step with them. Every instance runs it;
 * the UPDATE changes a series once however many run (advanceSeriesLifecycle). A pass that fails (the
 * database is away) is retried with backoff and logged once per outage (startLoop).
 */
export function startSeriesLifecycle(
  db: Database,
  log: (line: string) => void,
  options: { intervalMs?: number; backoff?: BackoffOptions } = {},
): { wake(): void; stop(): Promise<void> } {
  return startLoop({
    name: "series lifecycle",
    log,
    ...options.backoff,
    intervalMs: options.intervalMs ?? MINUTE,
    run: async () => {
      const { started, finished } = await advanceSeriesLifecycle(db);
      if (started.length) log(`Series lifecycle: ${started.length} series now running.`);
      if (finished.length) log(`Series lifecycle: ${finished.length} series now finished.`);
    },
  });
}
