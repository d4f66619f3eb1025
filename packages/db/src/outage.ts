import { describeDatabaseError, isDatabaseUnavailable, loggableError } from "./availability";

export interface BackoffOptions {
  /** Delay after the first failure; doubles with each further one. */
  initialMs?: number;
  /** The most it doubles to: how late a loop notices that the database is back, at worst. */
  maxMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * The failures of one background loop. A database outage is logged when it begins and when it ends,
 * however many attempts fail in between, so a restart of PostgreSQL costs two lines per loop rather
 * than one per tick; any other error is logged each time (with backoff, so a bug does not flood the
 * log either). Attempts are spaced by a capped exponential backoff.
 */
export class Outage {
  private failures = 0;
  private since: number | null = null;
  private retryAt = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly now: () => number;

  constructor(
    private readonly name: string,
    private readonly log: (line: string) => void,
    options: BackoffOptions = {},
  ) {
    this.initialMs = options.initialMs ?? 500;
    this.maxMs = options.maxMs ?? 15_000;
    this.now = options.now ?? Date.now;
  }

  /** Whether the last attempt found the database unreachable. */
  get down(): boolean {
    return this.since !== null;
  }

  /** An attempt failed: logs it (once per outage) and returns how long to wait before the next. */
  failure(error: unknown): number {
    this.failures += 1;
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(30, this.failures - 1));
    const now = this.now();
    this.retryAt = now + delay;
    if (isDatabaseUnavailable(error)) {
      if (this.since === null) {
        this.since = now;
        this.log(
          `${this.name}: database unavailable (${describeDatabaseError(error)}); retrying every ${Math.round(this.maxMs / 1000)} s at most`,
        );
      }
    } else {
      this.log(`${this.name} failed: ${loggableError(error)}`);
    }
    return delay;
  }

  /** An attempt succeeded: logs the end of an outage, and resets the backoff. */
  success(): void {
    if (this.since !== null) {
      this.log(`${this.name}: database back after ${Math.round((this.now() - this.since) / 1000)} s`);
    }
    this.since = null;
    this.failures = 0;
    this.retryAt = 0;
  }

  /** Milliseconds until the backoff allows the next attempt (0: now). */
  waitMs(): number {
    return Math.max(0, this.retryAt - this.now());
  }
}

export interface Loop {
  /** Run a pass now rather than at the next tick (while backing off from a failure: at its end). */
  wake(): void;
  /** Stops scheduling and waits for a pass in progress. */
  stop(): Promise<void>;
}

export interface LoopOptions extends BackoffOptions {
  /** Names the loop in log lines. */
  name: string;
  log: (line: string) => void;
  /** One pass. May resolve with a number: the delay before the next (e.g. 0 when more work is waiting). */
  run: () => Promise<unknown>;
  /** Delay between passes that succeed. */
  intervalMs: number;
  /** Delay before the first pass (default 0). */
  firstDelayMs?: number;
}

/**
 * A background loop that survives its pass failing: a failed pass is retried with backoff and logged
 * through an `Outage`, and nothing it does can become an unhandled rejection. Timers are unref'd: a
 * loop never keeps the process alive on its own.
 */
export function startLoop(options: LoopOptions): Loop {
  const outage = new Outage(options.name, options.log, options);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  function tick() {
    timer = null;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = (async () => {
      let next: number;
      try {
        const asked = await options.run();
        outage.success();
        next = again ? 0 : typeof asked === "number" ? asked : options.intervalMs;
      } catch (error) {
        next = outage.failure(error);
      }
      running = null;
      schedule(next);
    })();
  }

  schedule(options.firstDelayMs ?? 0);
  return {
    wake() {
      if (stopped) return;
      if (running) again = true;
      else schedule(outage.waitMs());
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
