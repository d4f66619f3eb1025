import { clearClosedGroupRooms, closeExpiredRounds } from "@reeks/api";
import { type BackoffOptions, type Database, startLoop } from "@reeks/db";

/**
 * Closes breakout rounds whose countdown has ended, so everyone returns to the main room even when no
 * moderator and no page is there to notice. Each client also counts down itself, and reads and joins
 * close an expired round on the spot; this loop is for the rest (the live event that moves people).
 * A grace after a round closed, it deletes the groups' rooms, so nobody who missed the move stays on
 * in a group room. Every instance runs it: the conditional UPDATE closes a round once. A pass that fails (the
 * database is away) is retried with backoff and logged once per outage (startLoop).
 */
export function startBreakoutCloser(
  db: Database,
  log: (line: string) => void,
  options: {
    intervalMs?: number;
    backoff?: BackoffOptions;
    /** LiveKit, to delete the groups' rooms of closed rounds after their grace. */
    rooms?: { deleteRoom(name: string): Promise<unknown> };
  } = {},
): { wake(): void; stop(): Promise<void> } {
  return startLoop({
    name: "breakout closer",
    log,
    ...options.backoff,
    // A second is the most anyone waits past the end for the move back.
    intervalMs: options.intervalMs ?? 1_000,
    run: async () => {
      await closeExpiredRounds(db);
      if (options.rooms) await clearClosedGroupRooms(db, options.rooms);
    },
  });
}
