import {
  and,
  asc,
  BreakoutGroup,
  type Database,
  eq,
  inArray,
  isNull,
  lt,
  RoomConnection,
  RoomSeat,
  Session,
  sql,
  WebhookEvent,
  WebhookQuarantine,
} from "@reeks/db";
import type { VerifiedWebhook } from "@reeks/livekit";
import { WebhookEvent as LivekitWebhookEvent, type ParticipantInfo } from "livekit-server-sdk";
import { z } from "zod";
import { recomputeSeats, seatsWithConnections } from "./attendance";

/** What the inbox keeps of a verified webhook. */
export interface InboxEvent {
  id: string;
  event: string;
  roomName: string | null;
  body: string;
  createdAt: Date;
}

export function inboxEventOf(event: VerifiedWebhook, body: string): InboxEvent {
  return { ...event, body };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** PostgreSQL text holds neither NUL nor (as UTF-8) a lone surrogate: either fails a whole statement. */
const storable = (s: string) => !s.includes("\u0000") && !LONE_SURROGATE.test(s);
/** Before LiveKit existed; a createdAt earlier than this is not a clock reading. */
const EARLIEST = Date.UTC(2020, 0, 1);
/** Allowance for LiveKit's clock running ahead of ours. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

const inboxEventSchema = z.object({
  // LiveKit's ids look like EV_o23VnqypyRAC.
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "id is not a LiveKit event id"),
  event: z.string().regex(/^[a-z_]{1,64}$/, "event is not an event name"),
  roomName: z.string().max(1_000).refine(storable, "room name holds a NUL or lone surrogate").nullable(),
  body: z.string().refine(storable, "body holds a NUL or lone surrogate"),
  createdAt: z
    .date("createdAt is not a plausible time")
    .refine(
      (d) => d.getTime() >= EARLIEST && d.getTime() <= Date.now() + FUTURE_SLACK_MS,
      "createdAt is not a plausible time",
    ),
});

/**
 * Why a verified event cannot go into the inbox, or null when it can. Checked before it joins a
 * batch: one event PostgreSQL refuses (or whose date cannot even be written) fails the whole
 * multi-row insert, and with it every good event that arrived at the same moment.
 */
export function inboxEventProblem(event: InboxEvent): string | null {
  const result = inboxEventSchema.safeParse(event);
  if (result.success) return null;
  return result.error.issues.map((i) => `${i.path.join(".") || "event"}: ${i.message}`).join("; ");
}

/** Escapes what text cannot hold, so that a quarantined body can be stored and still be read. */
function escapeUnstorable(s: string): string {
  return s.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what must be escaped
    /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Keeps a signed event that cannot be used apart from the inbox, for a person to look at. */
export async function quarantineWebhook(
  db: Pick<Database, "insert">,
  body: string,
  reason: string,
): Promise<void> {
  await db
    .insert(WebhookQuarantine)
    .values({ body: escapeUnstorable(body), reason: escapeUnstorable(reason).slice(0, 2_000) });
}

/**
 * Stores events; an id seen before is ignored (LiveKit retries and may send the same event twice).
 * One statement with five array parameters whatever the batch size: a multi-row VALUES list costs
 * query building and parsing per row, which on the in-process PGlite is time taken from requests.
 */
export async function storeWebhookEvents(db: Pick<Database, "execute">, events: InboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  // sql.param: a bare array in a template would be spread into a list of parameters.
  const column = <K extends keyof InboxEvent>(key: K) => sql.param(events.map((e) => e[key]));
  await db.execute(sql`
    insert into ${WebhookEvent} (${sql.identifier("id")}, ${sql.identifier("event")}, ${sql.identifier("room_name")}, ${sql.identifier("body")}, ${sql.identifier("created_at")})
    select * from unnest(
      ${column("id")}::text[], ${column("event")}::text[], ${column("roomName")}::text[],
      ${column("body")}::text[], ${sql.param(events.map((e) => e.createdAt.toISOString()))}::timestamptz[]
    )
    on conflict (${sql.identifier("id")}) do nothing`);
}

/** After this many failed attempts an event is left for a person to look at (lastError says why). */
export const MAX_PROCESSING_ATTEMPTS = 5;

export interface EventEffects {
  /** Seats whose attendance must be rebuilt from their observations. */
  seats: Array<{ sessionId: string; seatId: string }>;
  /** Identities that must be thrown out of the room: removed by a moderator, joined with an old token. */
  kick: Array<{ room: string; identity: string }>;
  /** Sessions whose room finished: reconcile them once more. */
  finishedSessionIds: string[];
}

const noEffects = (): EventEffects => ({ seats: [], kick: [], finishedSessionIds: [] });

function joinedAtOf(participant: ParticipantInfo): Date {
  const ms = Number(participant.joinedAtMs);
  return new Date(ms > 0 ? ms : Number(participant.joinedAt) * 1000);
}

type WebhookRow = typeof WebhookEvent.$inferSelect;
const LEAVE_EVENTS = new Set(["participant_left", "participant_connection_aborted"]);

/**
 * Records what a batch of stored events observed, inside the caller's transaction, in a fixed number
 * of queries (not per event): sessions by room, seats by identity, one upsert for joins, one for leaves.
 */
export async function applyWebhookEvents(tx: Database, rows: WebhookRow[]): Promise<EventEffects> {
  const effects = noEffects();
  const roomNames = [...new Set(rows.map((r) => r.roomName).filter((n): n is string => Boolean(n)))];
  if (roomNames.length === 0) return effects;
  const sessionByRoom = await sessionsByRoom(tx, roomNames);
  // Rooms that are not sessions (connection tests) have no attendance.
  if (sessionByRoom.size === 0) return effects;
  const parsed = rows.flatMap((row) => {
    const session = row.roomName ? sessionByRoom.get(row.roomName) : undefined;
    if (!session) return [];
    return [
      { row, session, event: LivekitWebhookEvent.fromJsonString(row.body, { ignoreUnknownFields: true }) },
    ];
  });
  const identities = [
    ...new Set(parsed.flatMap((p) => (p.event.participant?.identity ? [p.event.participant.identity] : []))),
  ];
  const seats = identities.length
    ? await tx.select().from(RoomSeat).where(inArray(RoomSeat.identity, identities))
    : [];
  const seatOf = new Map(seats.map((s) => [`${s.sessionId}|${s.identity}`, s]));
  const joins = new Map<string, typeof RoomConnection.$inferInsert>();
  const leaves = new Map<string, typeof RoomConnection.$inferInsert>();
  const finished = new Set<string>();
  for (const { row, session, event } of parsed) {
    if (event.event === "room_finished") {
      finished.add(session.id);
      continue;
    }
    const participant = event.participant;
    const isJoin = event.event === "participant_joined";
    if (!participant || !(isJoin || LEAVE_EVENTS.has(event.event))) continue;
    const seat = seatOf.get(`${session.id}|${participant.identity}`);
    if (!seat) continue;
    const key = `${session.id}|${participant.sid}`;
    const joinedAt = joinedAtOf(participant);
    const base = {
      sessionId: session.id,
      seatId: seat.id,
      sid: participant.sid,
      room: row.roomName,
      joinedAt,
      source: "webhook" as const,
    };
    effects.seats.push({ sessionId: session.id, seatId: seat.id });
    if (isJoin) {
      joins.set(key, base);
      // Out of the room they joined: the session's own or a breakout group's.
      if (seat.removedAt && row.roomName) effects.kick.push({ room: row.roomName, identity: seat.identity });
    } else {
      const leftAt = new Date(Math.max(row.createdAt.getTime(), joinedAt.getTime()));
      const earlier = leaves.get(key)?.leftAt;
      // Two leave events for one connection: the earlier one is when it ended.
      if (!earlier || leftAt < earlier) leaves.set(key, { ...base, leftAt, leftSource: "webhook" });
    }
  }
  if (joins.size > 0) {
    await tx
      .insert(RoomConnection)
      .values([...joins.values()])
      .onConflictDoNothing({ target: [RoomConnection.sessionId, RoomConnection.sid] });
  }
  if (leaves.size > 0) {
    // A leave is exact: it replaces an estimate by the reconciler.
    await tx
      .insert(RoomConnection)
      .values([...leaves.values()])
      .onConflictDoUpdate({
        target: [RoomConnection.sessionId, RoomConnection.sid],
        set: { leftAt: sql`excluded.left_at`, leftSource: sql`'webhook'` },
      });
  }
  for (const sessionId of finished) {
    for (const seatId of await seatsWithConnections(tx, sessionId)) effects.seats.push({ sessionId, seatId });
    effects.finishedSessionIds.push(sessionId);
  }
  return effects;
}

/**
 * The session of each room: its own room, or a breakout group's room (a group keeps its session, so
 * time in a group counts as attending it, on the same seat).
 */
async function sessionsByRoom(
  tx: Database,
  roomNames: string[],
): Promise<Map<string, typeof Session.$inferSelect>> {
  const own = await tx.select().from(Session).where(inArray(Session.roomName, roomNames));
  const groups = await tx
    .select({ roomName: BreakoutGroup.roomName, session: Session })
    .from(BreakoutGroup)
    .innerJoin(Session, eq(Session.id, BreakoutGroup.sessionId))
    .where(inArray(BreakoutGroup.roomName, roomNames));
  return new Map([
    ...own.map((s) => [s.roomName, s] as const),
    ...groups.map((g) => [g.roomName, g.session] as const),
  ]);
}

/** Events per transaction: amortises the commit and the per-query cost of PGlite. */
export const PROCESSING_BATCH = 50;

async function applyAndMark(tx: Database, rows: WebhookRow[]): Promise<EventEffects> {
  const effects = await applyWebhookEvents(tx, rows);
  await recomputeSeats(
    tx,
    effects.seats.map((s) => s.seatId),
  );
  await tx
    .update(WebhookEvent)
    .set({ processedAt: new Date(), attempts: sql`${WebhookEvent.attempts} + 1`, lastError: null })
    .where(
      inArray(
        WebhookEvent.id,
        rows.map((r) => r.id),
      ),
    );
  return effects;
}

/**
 * Takes the oldest unprocessed events (skipping rows another instance holds), applies them, rebuilds
 * the attendance of the seats they touched, and marks them processed, all in one transaction: a crash
 * leaves them unprocessed for the next run. When the batch fails, its events are retried one by one
 * so a single bad event cannot hold up the others. Returns null when nothing is waiting.
 */
export async function processWebhookBatch(
  db: Database,
  limit = PROCESSING_BATCH,
): Promise<EventEffects | null> {
  const failures: Array<{ id: string; error: string }> = [];
  const effects = await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(WebhookEvent)
      .where(and(isNull(WebhookEvent.processedAt), lt(WebhookEvent.attempts, MAX_PROCESSING_ATTEMPTS)))
      // Oldest first, in the order of the (processed_at, created_at) index, so that taking a batch
      // reads a batch. No tie-break on received_at: created_at has whole seconds, and sorting a
      // second's worth of events (a thousand in a burst) for every batch made batches slow. The
      // result does not depend on the order events are applied in.
      .orderBy(asc(WebhookEvent.createdAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (rows.length === 0) return null;
    try {
      return await tx.transaction((inner) => applyAndMark(inner as unknown as Database, rows));
    } catch {
      const all = noEffects();
      for (const row of rows) {
        try {
          const one = await tx.transaction((inner) => applyAndMark(inner as unknown as Database, [row]));
          all.kick.push(...one.kick);
          all.finishedSessionIds.push(...one.finishedSessionIds);
        } catch (error) {
          failures.push({ id: row.id, error: error instanceof Error ? error.message : String(error) });
        }
      }
      return all;
    }
  });
  for (const { id, error } of failures) {
    await db
      .update(WebhookEvent)
      .set({ attempts: sql`${WebhookEvent.attempts} + 1`, lastError: error.slice(0, 2000) })
      .where(eq(WebhookEvent.id, id));
  }
  return effects;
}

export async function pendingWebhookCount(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(WebhookEvent)
    .where(and(isNull(WebhookEvent.processedAt), lt(WebhookEvent.attempts, MAX_PROCESSING_ATTEMPTS)));
  return row?.n ?? 0;
}
