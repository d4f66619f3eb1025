import { and, asc, type Database, eq, isNull, lt, RoomSeat, Session, sql, WebhookEvent } from "@reeks/db";
import { WebhookEvent as LivekitWebhookEvent, type ParticipantInfo } from "livekit-server-sdk";
import { observeJoined, observeLeft, recomputeAttendance, seatsWithConnections } from "./attendance";

/** What the inbox keeps of a verified webhook. */
export interface InboxEvent {
  id: string;
  event: string;
  roomName: string | null;
  body: string;
  createdAt: Date;
}

export function inboxEventOf(event: LivekitWebhookEvent, body: string): InboxEvent {
  return {
    id: event.id,
    event: event.event,
    roomName: event.room?.name ?? null,
    body,
    createdAt: new Date(Number(event.createdAt) * 1000),
  };
}

/** Stores events; an id seen before is ignored (LiveKit retries and may send the same event twice). */
export async function storeWebhookEvents(db: Pick<Database, "insert">, events: InboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(WebhookEvent).values(events).onConflictDoNothing({ target: WebhookEvent.id });
}

/** After this many failed attempts an event is left for a person to look at (lastError says why). */
export const MAX_PROCESSING_ATTEMPTS = 5;

export interface EventEffects {
  /** Identities that must be thrown out of the room: removed by a moderator, joined with an old token. */
  kick: Array<{ room: string; identity: string }>;
  /** The session whose room finished: reconcile it once more. */
  finishedSessionId: string | null;
}

const NO_EFFECTS: EventEffects = { kick: [], finishedSessionId: null };

function joinedAtOf(participant: ParticipantInfo): Date {
  const ms = Number(participant.joinedAtMs);
  return new Date(ms > 0 ? ms : Number(participant.joinedAt) * 1000);
}

/** Applies one stored event to the attendance tables, inside the caller's transaction. */
export async function applyWebhookEvent(
  tx: Database,
  row: typeof WebhookEvent.$inferSelect,
): Promise<EventEffects> {
  if (!row.roomName) return NO_EFFECTS;
  const [session] = await tx.select().from(Session).where(eq(Session.roomName, row.roomName));
  // Rooms that are not sessions (connection tests) have no attendance.
  if (!session) return NO_EFFECTS;
  const event = LivekitWebhookEvent.fromJsonString(row.body, { ignoreUnknownFields: true });

  if (event.event === "room_finished") {
    for (const seatId of await seatsWithConnections(tx, session.id)) {
      await recomputeAttendance(tx, session.id, seatId);
    }
    return { kick: [], finishedSessionId: session.id };
  }

  const participant = event.participant;
  const isJoin = event.event === "participant_joined";
  const isLeave = event.event === "participant_left" || event.event === "participant_connection_aborted";
  if (!participant || !(isJoin || isLeave)) return NO_EFFECTS;
  const [seat] = await tx
    .select()
    .from(RoomSeat)
    .where(and(eq(RoomSeat.identity, participant.identity), eq(RoomSeat.sessionId, session.id)));
  if (!seat) return NO_EFFECTS;
  const observation = {
    sessionId: session.id,
    seatId: seat.id,
    sid: participant.sid,
    joinedAt: joinedAtOf(participant),
  };
  if (isJoin) await observeJoined(tx, observation);
  else await observeLeft(tx, { ...observation, leftAt: row.createdAt });
  await recomputeAttendance(tx, session.id, seat.id);
  const kick = isJoin && seat.removedAt ? [{ room: session.roomName, identity: seat.identity }] : [];
  return { kick, finishedSessionId: null };
}

/**
 * Takes the oldest unprocessed event (skipping ones another instance holds), applies it and marks it
 * processed in one transaction, so a crash leaves it unprocessed for the next run. Returns null when
 * nothing is waiting.
 */
export async function processNextWebhookEvent(db: Database): Promise<EventEffects | null> {
  const failure: { current: { id: string; error: string } | null } = { current: null };
  const effects = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(WebhookEvent)
      .where(and(isNull(WebhookEvent.processedAt), lt(WebhookEvent.attempts, MAX_PROCESSING_ATTEMPTS)))
      .orderBy(asc(WebhookEvent.createdAt), asc(WebhookEvent.receivedAt))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!row) return null;
    try {
      const result = await tx.transaction((inner) => applyWebhookEvent(inner as unknown as Database, row));
      await tx
        .update(WebhookEvent)
        .set({ processedAt: new Date(), attempts: row.attempts + 1, lastError: null })
        .where(eq(WebhookEvent.id, row.id));
      return result;
    } catch (error) {
      failure.current = { id: row.id, error: error instanceof Error ? error.message : String(error) };
      return NO_EFFECTS;
    }
  });
  if (failure.current) {
    const { id, error } = failure.current;
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
