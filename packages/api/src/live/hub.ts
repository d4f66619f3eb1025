import { and, asc, type DatabaseHandle, desc, eq, gt, LiveEvent } from "@reeks/db";
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

  /** Starts listening if needed; resolves once notifications are being received. */
  ready(): Promise<void> {
    this.started ??= this.listen();
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

  /** A dedicated connection (LISTEN does not work through a pool), reconnected when it drops. */
  private async listenPostgres(pool: pg.Pool): Promise<void> {
    const client = new pg.Client(pool.options);
    client.on("notification", (message) => {
      if (message.channel === LIVE_CHANNEL) this.onNotification(message.payload);
    });
    let ended = false;
    const reconnect = () => {
      if (ended || this.closed) return;
      ended = true;
      client.end().catch(() => {});
      setTimeout(() => {
        if (this.closed) return;
        this.listenPostgres(pool)
          .then(() => this.resyncAll())
          .catch(() => reconnect());
      }, 500);
    };
    client.on("error", reconnect);
    client.on("end", reconnect);
    await client.connect();
    await client.query(`listen ${LIVE_CHANNEL}`);
    this.stopListening = async () => {
      ended = true;
      await client.end();
    };
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
  seriesId: string,
  afterId: bigint,
  limit = 500,
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
