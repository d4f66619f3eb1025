import { clearClosedGroupRooms, closeExpiredRounds, DomainError } from "@reeks/api";
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
  const { rooms } = options;
  // LiveKit away must not slow the closing down (the loop's backoff is for the database): a round whose
  // rooms could not be deleted is simply tried again on a later pass. Said once per outage.
  let mediaAway = false;
  const clearRooms = async () => {
    if (!rooms) return;
    try {
      await clearClosedGroupRooms(db, rooms);
      if (mediaAway) log("breakout closer: LiveKit back, closed rounds' group rooms deleted");
      mediaAway = false;
    } catch (error) {
      if (!isMediaUnavailable(error)) throw error;
      if (!mediaAway) log("breakout closer: LiveKit unavailable, group rooms of closed rounds wait");
      mediaAway = true;
    }
  };
  return startLoop({
    name: "breakout closer",
    log,
    ...options.backoff,
    // A second is the most anyone waits past the end for the move back.
    intervalMs: options.intervalMs ?? 1_000,
    run: async () => {
      await closeExpiredRounds(db);
      await clearRooms();
    },
  });
}

function isMediaUnavailable(error: unknown): boolean {
  return error instanceof DomainError && error.key === "mediaUnavailable";
}
