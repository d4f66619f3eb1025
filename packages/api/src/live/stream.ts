import type { DatabaseHandle } from "@reeks/db";
import { parseInt8 } from "../int8";
import { latestEventId, liveHubFor, readEventsAfter } from "./hub";
import type { LiveEventRecord } from "./publish";

export interface LiveStreamOptions {
  database: DatabaseHandle;
  seriesId: string;
  /** Resume after this event id; without it the stream starts at the newest event. */
  lastEventId?: string | null;
  signal?: AbortSignal;
}

/** Parses a client-supplied resume point; anything unreadable (or beyond any id) means "from now". */
export function parseEventId(value: string | null | undefined): bigint | null {
  return parseInt8(value);
}

/**
 * Every event of a series after the resume point, in order, each once: first the backlog from the
 * log, then live notifications. The listener is attached before the log is read, and anything at or
 * below the cursor is dropped, so an event in both is delivered once and none falls in between.
 */
export async function* liveStream(options: LiveStreamOptions): AsyncGenerator<LiveEventRecord> {
  const { database, seriesId, signal } = options;
  const hub = liveHubFor(database);
  const queue: LiveEventRecord[] = [];
  let resync = false;
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  const unsubscribe = hub.subscribe(seriesId, {
    event(record) {
      queue.push(record);
      poke();
    },
    resync() {
      resync = true;
      poke();
    },
  });
  signal?.addEventListener("abort", poke);
  try {
    await hub.ready();
    let cursor = parseEventId(options.lastEventId);
    if (cursor === null) {
      cursor = BigInt(await latestEventId(database, seriesId));
    } else {
      resync = true;
    }
    while (!signal?.aborted) {
      if (resync) {
        resync = false;
        for (;;) {
          const page = await readEventsAfter(database, { seriesId, afterId: cursor });
          for (const record of page) {
            cursor = BigInt(record.id);
            yield record;
          }
          if (page.length < 500) break;
        }
      }
      while (queue.length > 0 && !resync) {
        const record = queue.shift() as LiveEventRecord;
        const id = BigInt(record.id);
        if (id <= cursor) continue;
        cursor = id;
        yield record;
      }
      if (queue.length === 0 && !resync && !signal?.aborted) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener("abort", poke);
  }
}
