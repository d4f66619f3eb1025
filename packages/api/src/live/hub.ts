import { and, asc, type DatabaseHandle, desc, eq, gt, LiveEvent, Outage } from "@reeks/db";
import pg from "pg";
import { perDatabase } from "./per-database";
import { LIVE_CHANNEL, type LiveEventRecord, type LiveNotification } from "./publish";

export interface LiveListener {
  event(record: LiveEventRecord): void;
  /** The instance may have missed notifications (its LISTEN connection dropped): read the log. */
  resync(): void;
}

/**
 * One per API instance (per database handle): a single LISTEN connection whose notifications are
 * fanned out in memory to every subscriber of this instance. Keeps no state another instance needs.
 */
export class LiveHub {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private started: Promise<void> | null = null;
  private stopListening: (() => Promise<void>) | null = null;
  private closed = false;
  /** Notifications are handled one after another so that subscribers see them in commit order. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly database: DatabaseHandle) {}

  /**
   * Starts listening if needed; resolves once notifications are being received. When the first
   * attempt fails (the database is away), the next call tries again.
   */
  ready(): Promise<void> {
    if (!this.started) {
      const started = this.listen();
      this.started = started;
      started.catch(() => {
        if (this.started === started) this.started = null;
      });
    }
    return this.started;
  }

  subscribe(seriesId: string, listener: LiveListener): () => void {
    let set = this.listeners.get(seriesId);
    if (!set) {
      set = new Set();
      this.listeners.set(seriesId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(seriesId);
    };
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopListening?.().catch(() => {});
    this.stopListening = null;
  }

  private onNotification(payload: string | undefined) {
    if (!payload) return;
    this.chain = this.chain.then(async () => {
      try {
        const note = JSON.parse(payload) as LiveNotification;
        if (!this.listeners.has(note.seriesId)) return;
        const record = "ref" in note ? await readEvent(this.database, note.id) : note;
        if (record) this.dispatch(record);
      } catch {
        // A notification we cannot read: let subscribers catch up from the log instead.
        this.resyncAll();
      }
    });
  }

  private dispatch(record: LiveEventRecord) {
    for (const listener of this.listeners.get(record.seriesId) ?? []) listener.event(record);
  }

  private resyncAll() {
    for (const set of this.listeners.values()) for (const listener of set) listener.resync();
  }

  private async listen(): Promise<void> {
    const { pglite, pool } = this.database;
    if (pglite) {
      const unlisten = await pglite.listen(LIVE_CHANNEL, (payload) => this.onNotification(payload));
      this.stopListening = unlisten;
      return;
    }
    if (!pool) throw new Error("database handle has neither PGlite nor a pool");
    await this.listenPostgres(pool);
  }

  /**
   * A dedicated connection (LISTEN does not work through a pool). When it drops, one loop reconnects
   * with backoff until it is listening again, then every subscriber reads the log, so what was
   * committed while nobody listened is delivered after all.
   */
  private async listenPostgres(pool: pg.Pool): Promise<void> {
    const client = await this.connectListener(pool);
    this.stopListening = async () => {
      client.removeAllListeners("end");
      await client.end();
    };
  }

  private async connectListener(pool: pg.Pool): Promise<pg.Client> {
    const client = new pg.Client(pool.options);
    client.on("notification", (message) => {
      if (message.channel === LIVE_CHANNEL) this.onNotification(message.payload);
    });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      client.end().catch(() => {});
      void this.relisten(pool);
    };
    // A client without an error listener would throw the error at the process.
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query(`listen ${LIVE_CHANNEL}`);
    } catch (error) {
      lost = true;
      client.removeAllListeners("end");
      await client.end().catch(() => {});
      throw error;
    }
    client.on("error", onLost);
    client.on("end", onLost);
    return client;
  }

  private relistening = false;

  private async relisten(pool: pg.Pool): Promise<void> {
    if (this.relistening || this.closed) return;
    this.relistening = true;
    const outage = new Outage("live hub LISTEN", (line) => console.error(line), {
      initialMs: 250,
      maxMs: 5_000,
    });
    try {
      while (!this.closed) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(250, outage.waitMs())).unref());
        if (this.closed) return;
        try {
          const client = await this.connectListener(pool);
          if (this.closed) {
            await client.end().catch(() => {});
            return;
          }
          this.stopListening = async () => {
            client.removeAllListeners("end");
            await client.end();
          };
          outage.success();
          this.resyncAll();
          return;
        } catch (error) {
          outage.failure(error);
        }
      }
    } finally {
      this.relistening = false;
    }
  }
}

/**
 * The hub of this database handle: one LISTEN connection per API instance; closing the handle
 * stops it.
 */
export const liveHubFor = perDatabase((database) => new LiveHub(database));

function toRecord(row: typeof LiveEvent.$inferSelect): LiveEventRecord {
  return {
    id: row.id.toString(),
    seriesId: row.seriesId,
    sessionId: row.sessionId,
    type: row.type,
    data: row.data,
  };
}

export async function readEvent(database: DatabaseHandle, id: string): Promise<LiveEventRecord | null> {
  const row = await database.db.query.LiveEvent.findFirst({ where: eq(LiveEvent.id, BigInt(id)) });
  return row ? toRecord(row) : null;
}

/** Events of a series after `afterId`, oldest first. */
export async function readEventsAfter(
  database: DatabaseHandle,
  { seriesId, afterId, limit = 500 }: { seriesId: string; afterId: bigint; limit?: number },
): Promise<LiveEventRecord[]> {
  const rows = await database.db
    .select()
    .from(LiveEvent)
    .where(and(eq(LiveEvent.seriesId, seriesId), gt(LiveEvent.id, afterId)))
    .orderBy(asc(LiveEvent.id))
    .limit(limit);
  return rows.map(toRecord);
}

/** The newest event id of a series ("0" when there is none): the point a fresh snapshot is current to. */
export async function latestEventId(database: Pick<DatabaseHandle, "db">, seriesId: string): Promise<string> {
  const [row] = await database.db
    .select({ id: LiveEvent.id })
    .from(LiveEvent)
    .where(eq(LiveEvent.seriesId, seriesId))
    .orderBy(desc(LiveEvent.id))
    .limit(1);
  return row ? row.id.toString() : "0";
}
