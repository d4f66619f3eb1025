import { AGENDA_NOTICE_MS, type AgendaView, agendaDriftMs, remainingMs } from "@reeks/models";

/** "4:05", "1:02:03": whole seconds, as a countdown shows them. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

export interface TimerReading {
  /** Whole seconds left in the current segment (negative: over time); null without a current segment. */
  secondsLeft: number | null;
  driftMs: number;
  /** Two minutes or less left (and not yet over): the gentle notice is due. */
  noticeDue: boolean;
}

/**
 * What the timer shows `sinceMs` after the view arrived. Only the server's numbers and the time since
 * they arrived go in, never this computer's wall clock, so a browser whose clock is off shows the
 * same as every other.
 */
export function readTimer(agenda: Pick<AgendaView, "segments" | "timer">, sinceMs: number): TimerReading {
  const left = remainingMs(agenda, sinceMs);
  return {
    // Up while time is left (a countdown shows 0:01 until it is over), down once over.
    secondsLeft: left === null ? null : left >= 0 ? Math.ceil(left / 1000) : -Math.floor(-left / 1000),
    driftMs: agendaDriftMs(agenda, sinceMs),
    noticeDue: left !== null && left > 0 && left <= AGENDA_NOTICE_MS,
  };
}
