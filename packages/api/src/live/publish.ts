import { type Database, LiveEvent, sql } from "@reeks/db";

export const LIVE_CHANNEL = "reeks_live";
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; bigger events travel by id only. */
const MAX_INLINE_PAYLOAD = 7000;
/** First half of the advisory lock key; the second is the series. Any fixed number. */
const LIVE_LOCK_CLASS = 7_316_002;

export interface LiveEventInput {
  seriesId: string;
  sessionId: string | null;
  type: string;
  data: Record<string, unknown>;
}

export interface LiveEventRecord {
  /** Decimal string of the log id: JSON has no bigint, and tRPC's tracked ids are strings. */
  id: string;
  seriesId: string;
  sessionId: string | null;
  type: string;
  data: Record<string, unknown>;
}

/** What travels through NOTIFY: the whole event, or just its id when it is too big. */
export type LiveNotification = LiveEventRecord | { id: string; seriesId: string; ref: true };

type Tx = Pick<Database, "insert" | "execute">;

/**
 * Appends an event to the live log and notifies every API instance, inside the caller's transaction:
 * subscribers hear of it only once the change itself is committed, or not at all.
 *
 * The transaction-scoped lock per series makes ids commit-ordered within a series (the next writer
 * waits for our commit before taking its id), so "everything after id N" is a gap-free resume point.
 */
export async function publishLive(tx: Tx, event: LiveEventInput): Promise<LiveEventRecord> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LIVE_LOCK_CLASS}, hashtext(${event.seriesId}))`);
  const [row] = await tx
    .insert(LiveEvent)
    .values({ seriesId: event.seriesId, sessionId: event.sessionId, type: event.type, data: event.data })
    .returning({ id: LiveEvent.id });
  if (!row) throw new Error("live event not written");
  const record: LiveEventRecord = { id: row.id.toString(), ...event };
  let payload = JSON.stringify(record);
  if (Buffer.byteLength(payload) > MAX_INLINE_PAYLOAD) {
    payload = JSON.stringify({ id: record.id, seriesId: record.seriesId, ref: true });
  }
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`);
  return record;
}
