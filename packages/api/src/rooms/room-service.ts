import {
  AttendanceInterval,
  and,
  asc,
  ChatMessage,
  type Database,
  desc,
  eq,
  lt,
  lte,
  or,
  Participant,
  Person,
  RoomSeat,
  RoomState,
  Session,
  sql,
  type Transaction,
} from "@reeks/db";
import {
  createRoomService,
  type LivekitConnection,
  mintRoomToken,
  newOpaqueIdentity,
  stagePermission,
} from "@reeks/livekit";
import {
  CHAT_PAGE_SIZE,
  type ChatMessageView,
  type ChatPage,
  type ParticipantRole,
  type RosterEntryView,
} from "@reeks/models";
import { TRPCError } from "@trpc/server";
import { type RoomServiceClient, TrackType, TwirpError } from "livekit-server-sdk";
import { roleAtLeast } from "../access";
import { recordAudit } from "../audit";
import { publishCapture } from "../capture/live-events";
import type { LivekitContext } from "../context";
import { DomainError } from "../domain-error";
import { reconcileSession } from "./reconcile";

type SessionRow = typeof Session.$inferSelect;
type ParticipantRow = typeof Participant.$inferSelect;
type SeatRow = typeof RoomSeat.$inferSelect;

export function roomsOf(livekit: { connection: LivekitConnection }): RoomServiceClient {
  return createRoomService(livekit.connection);
}

function isNotFound(error: unknown): boolean {
  return error instanceof TwirpError && (error.status === 404 || error.code === "not_found");
}

/** Anything else LiveKit answers (timeouts, refused connections) is the media server's trouble, not the caller's. */
function mediaUnavailable(error: unknown): DomainError {
  console.warn("LiveKit call failed:", error instanceof Error ? error.message : String(error));
  return new DomainError("SERVICE_UNAVAILABLE", "mediaUnavailable");
}

async function livekitCall<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw mediaUnavailable(error);
  }
}

/** LiveKit calls about someone who is not connected right now fail with not_found: nothing to do then. */
async function ifConnected<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw mediaUnavailable(error);
  }
}

/** The participant's seat in this session's room, created with a fresh opaque identity on first use. */
export async function ensureSeat(db: Database, sessionId: string, participantId: string): Promise<SeatRow> {
  const [existing] = await db
    .select()
    .from(RoomSeat)
    .where(and(eq(RoomSeat.sessionId, sessionId), eq(RoomSeat.participantId, participantId)));
  if (existing) return existing;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(RoomSeat)
      .values({ sessionId, participantId, identity: newOpaqueIdentity() })
      .onConflictDoNothing({ target: [RoomSeat.sessionId, RoomSeat.participantId] })
      .returning();
    // Everyone in the room learns the newcomer's name before LiveKit shows their identity.
    if (row) await publishRosterEntry(tx, sessionId, participantId);
    return row;
  });
  if (created) return created;
  // Someone else made it meanwhile.
  const [seat] = await db
    .select()
    .from(RoomSeat)
    .where(and(eq(RoomSeat.sessionId, sessionId), eq(RoomSeat.participantId, participantId)));
  if (!seat) throw new Error("seat vanished");
  return seat;
}

/** A participant id from the input must be someone of this series, or the call is refused. */
async function targetParticipant(
  db: Database,
  session: SessionRow,
  participantId: string,
): Promise<ParticipantRow> {
  const [target] = await db
    .select()
    .from(Participant)
    .where(and(eq(Participant.id, participantId), eq(Participant.seriesId, session.seriesId)));
  if (!target) throw new TRPCError({ code: "NOT_FOUND", message: "participant not found in this series" });
  return target;
}

async function roomStateOf(db: Database, sessionId: string) {
  const [state] = await db.select().from(RoomState).where(eq(RoomState.sessionId, sessionId));
  return state ?? null;
}

function canPublishIn(role: ParticipantRole, seat: SeatRow): boolean {
  return roleAtLeast(role, "speaker") || seat.onStage;
}

export type JoinAnswer =
  | { kind: "waiting" }
  | { kind: "ended" }
  | { kind: "lobby" }
  | {
      kind: "token";
      token: string;
      url: string;
      identity: string;
      canPublish: boolean;
      expiresAt: string;
    };

/**
 * Just-in-time token for the session room, with grants from the role (and the stage) as they are in
 * the database now. Removed people get none; before the start there is only the waiting page; while
 * the room is locked, people who are not moderators wait in the lobby until admitted.
 */
export async function issueRoomToken(
  db: Database,
  livekit: LivekitContext,
  session: SessionRow,
  participant: ParticipantRow,
): Promise<JoinAnswer> {
  if (session.status === "ended" || session.status === "cancelled") return { kind: "ended" };
  const seat = await ensureSeat(db, session.id, participant.id);
  if (seat.removedAt) throw new DomainError("FORBIDDEN", "removedFromSession");
  if (session.status !== "live") return { kind: "waiting" };
  const state = await roomStateOf(db, session.id);
  const isModerator = roleAtLeast(participant.role, "moderator");
  if (state?.locked && !isModerator && !seat.admittedAt) {
    if (!seat.lobbySince) {
      await db.transaction(async (tx) => {
        await tx.update(RoomSeat).set({ lobbySince: new Date() }).where(eq(RoomSeat.id, seat.id));
        await publishRosterEntry(tx, session.id, participant.id);
      });
    }
    return { kind: "lobby" };
  }
  const canPublish = canPublishIn(participant.role, seat);
  const minted = await mintRoomToken(livekit.connection, {
    room: session.roomName,
    identity: seat.identity,
    canPublish,
    // Only the role: names are looked up through our API, never carried through LiveKit.
    metadata: JSON.stringify({ role: participant.role }),
  });
  return { kind: "token", ...minted, url: livekit.publicUrl, identity: seat.identity, canPublish };
}

/** A participant's roster entry as it is now (in `db` or the caller's transaction), or null without a seat. */
export async function rosterEntry(
  db: Database | Transaction,
  sessionId: string,
  participantId: string,
): Promise<RosterEntryView | null> {
  const [entry] = await rosterQuery(db, sessionId, eq(RoomSeat.participantId, participantId));
  return entry ?? null;
}

/**
 * Tells everyone following the session's live stream how this seat is now, inside the caller's
 * transaction: the change and its event commit together. Replaces polling the roster.
 */
async function publishRosterEntry(tx: Transaction, sessionId: string, participantId: string): Promise<void> {
  const entry = await rosterEntry(tx, sessionId, participantId);
  const [session] = await tx
    .select({ seriesId: Session.seriesId })
    .from(Session)
    .where(eq(Session.id, sessionId));
  if (!entry || !session) return;
  await publishCapture(tx, session.seriesId, "roster", { ...entry, sessionId });
}

export interface Actor {
  personId: string;
}

export async function startSession(db: Database, livekit: LivekitContext, session: SessionRow, actor: Actor) {
  if (session.status === "ended" || session.status === "cancelled") {
    throw new TRPCError({ code: "CONFLICT", message: "session has ended" });
  }
  await livekitCall(
    roomsOf(livekit).createRoom({ name: session.roomName, emptyTimeout: 15 * 60, departureTimeout: 30 }),
  );
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.update(Session).set({ status: "live" }).where(eq(Session.id, session.id));
    await tx
      .insert(RoomState)
      .values({ sessionId: session.id, openedAt: now })
      .onConflictDoUpdate({ target: RoomState.sessionId, set: { endedAt: null } });
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: session.seriesId,
      action: "room.start",
      target: `session:${session.id}`,
    });
  });
  return { status: "live" as const };
}

/** Ends the session for everyone: the room is deleted (all disconnected) and attendance closed. */
export async function endSession(db: Database, livekit: LivekitContext, session: SessionRow, actor: Actor) {
  const rooms = roomsOf(livekit);
  await db.transaction(async (tx) => {
    await tx.update(Session).set({ status: "ended" }).where(eq(Session.id, session.id));
    await tx.update(RoomState).set({ endedAt: new Date() }).where(eq(RoomState.sessionId, session.id));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: session.seriesId,
      action: "room.end",
      target: `session:${session.id}`,
    });
  });
  await ifConnected(rooms.deleteRoom(session.roomName));
  await reconcileSession(db, rooms, session.id);
  return { status: "ended" as const };
}

/** Brings a participant on stage (publish camera, microphone, screen) or back to the audience. */
export async function setStage(
  db: Database,
  livekit: LivekitContext,
  session: SessionRow,
  actor: Actor,
  participantId: string,
  onStage: boolean,
) {
  const target = await targetParticipant(db, session, participantId);
  const seat = await ensureSeat(db, session.id, target.id);
  await db.transaction(async (tx) => {
    await tx
      .update(RoomSeat)
      .set({ onStage, ...(onStage ? { handRaisedAt: null } : {}) })
      .where(eq(RoomSeat.id, seat.id));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: session.seriesId,
      action: onStage ? "room.promote" : "room.demote",
      target: `participant:${target.id}`,
      details: { sessionId: session.id },
    });
    await publishRosterEntry(tx, session.id, target.id);
  });
  const canPublish = canPublishIn(target.role, { ...seat, onStage });
  // Permissions are replaced atomically; the client sees ParticipantPermissionsChanged.
  await ifConnected(
    roomsOf(livekit).updateParticipant(
      session.roomName,
      seat.identity,
      undefined,
      stagePermission(canPublish),
    ),
  );
  return { onStage, canPublish };
}

export async function muteTrack(
  db: Database,
  livekit: LivekitContext,
  session: SessionRow,
  actor: Actor,
  participantId: string,
  trackSid: string,
) {
  const target = await targetParticipant(db, session, participantId);
  const seat = await ensureSeat(db, session.id, target.id);
  const rooms = roomsOf(livekit);
  // LiveKit waits 3 s for a participant that is not there before it answers "unavailable": ask
  // first (a few ms), so the moderator hears at once that there is nobody or no such track.
  const connected = await ifConnected(rooms.getParticipant(session.roomName, seat.identity));
  if (!connected) throw new DomainError("NOT_FOUND", "notInRoom");
  if (!connected.tracks.some((track) => track.sid === trackSid))
    throw new DomainError("NOT_FOUND", "trackNotFound");
  if (!(await ifConnected(rooms.mutePublishedTrack(session.roomName, seat.identity, trackSid, true)))) {
    throw new DomainError("NOT_FOUND", "notInRoom");
  }
  await recordAudit(db, {
    actorId: actor.personId,
    seriesId: session.seriesId,
    action: "room.mute",
    target: `participant:${target.id}`,
    details: { sessionId: session.id, trackSid },
  });
  return { muted: true };
}

/** Mutes every microphone in the room except the moderator's own. */
export async function muteAll(
  db: Database,
  livekit: LivekitContext,
  session: SessionRow,
  actor: Actor,
  actorIdentity: string | null,
) {
  const rooms = roomsOf(livekit);
  const participants = (await ifConnected(rooms.listParticipants(session.roomName))) ?? [];
  let muted = 0;
  for (const p of participants) {
    if (p.identity === actorIdentity) continue;
    for (const track of p.tracks) {
      if (track.type !== TrackType.AUDIO || track.muted) continue;
      await ifConnected(rooms.mutePublishedTrack(session.roomName, p.identity, track.sid, true));
      muted += 1;
    }
  }
  await recordAudit(db, {
    actorId: actor.personId,
    seriesId: session.seriesId,
    action: "room.mute_all",
    target: `session:${session.id}`,
    details: { muted },
  });
  return { muted };
}

/**
 * Removes a participant for the rest of the session: disconnected now, no new token, and if an
 * older token is used to come back, the attendance worker throws them out again on `joined`.
 */
export async function removeFromSession(
  db: Database,
  livekit: LivekitContext,
  session: SessionRow,
  actor: Actor,
  participantId: string,
) {
  const target = await targetParticipant(db, session, participantId);
  if (roleAtLeast(target.role, "moderator")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "moderators cannot be removed from the room" });
  }
  const seat = await ensureSeat(db, session.id, target.id);
  await db.transaction(async (tx) => {
    await tx
      .update(RoomSeat)
      .set({ removedAt: new Date(), onStage: false, handRaisedAt: null, lobbySince: null })
      .where(eq(RoomSeat.id, seat.id));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: session.seriesId,
      action: "room.remove",
      target: `participant:${target.id}`,
      details: { sessionId: session.id },
    });
    await publishRosterEntry(tx, session.id, target.id);
  });
  await ifConnected(roomsOf(livekit).removeParticipant(session.roomName, seat.identity));
  return { removed: true };
}

export async function setLocked(db: Database, session: SessionRow, actor: Actor, locked: boolean) {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(RoomState)
      .set({ locked })
      .where(eq(RoomState.sessionId, session.id))
      .returning({ sessionId: RoomState.sessionId });
    if (updated.length === 0) throw new TRPCError({ code: "CONFLICT", message: "the room is not open" });
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: session.seriesId,
      action: locked ? "room.lock" : "room.unlock",
      target: `session:${session.id}`,
    });
  });
  return { locked };
}

export async function admitFromLobby(db: Database, session: SessionRow, actor: Actor, participantId: string) {
  const target = await targetParticipant(db, session, participantId);
  const seat = await ensureSeat(db, session.id, target.id);
  if (seat.removedAt) throw new TRPCError({ code: "CONFLICT", message: "participant was removed" });
  await db.transaction(async (tx) => {
    await tx
      .update(RoomSeat)
      .set({ admittedAt: new Date(), lobbySince: null })
      .where(eq(RoomSeat.id, seat.id));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: session.seriesId,
      action: "room.admit",
      target: `participant:${target.id}`,
      details: { sessionId: session.id },
    });
    await publishRosterEntry(tx, session.id, target.id);
  });
  return { admitted: true };
}

export async function setHand(
  db: Database,
  session: SessionRow,
  participant: ParticipantRow,
  raised: boolean,
) {
  const seat = await ensureSeat(db, session.id, participant.id);
  if (seat.removedAt) throw new DomainError("FORBIDDEN", "removedFromSession");
  // Raising twice keeps the original place in the queue.
  if (raised && seat.handRaisedAt) return { raised };
  await db.transaction(async (tx) => {
    await tx
      .update(RoomSeat)
      .set({ handRaisedAt: raised ? new Date() : null })
      .where(eq(RoomSeat.id, seat.id));
    await publishRosterEntry(tx, session.id, participant.id);
  });
  return { raised };
}

export type RosterEntry = RosterEntryView;

/** Roster entries of a session's seats (those matching `which`), by name. */
async function rosterQuery(
  db: Database | Transaction,
  sessionId: string,
  which?: ReturnType<typeof eq>,
): Promise<RosterEntryView[]> {
  const rows = await db
    .select({
      participantId: RoomSeat.participantId,
      identity: RoomSeat.identity,
      name: Person.name,
      role: Participant.role,
      onStage: RoomSeat.onStage,
      handRaisedAt: RoomSeat.handRaisedAt,
      lobbySince: RoomSeat.lobbySince,
      removed: sql<boolean>`${RoomSeat.removedAt} is not null`,
      inRoom: sql<boolean>`exists (select 1 from ${AttendanceInterval} where ${AttendanceInterval.sessionId} = ${RoomSeat.sessionId} and ${AttendanceInterval.participantId} = ${RoomSeat.participantId} and ${AttendanceInterval.leftAt} is null)`,
    })
    .from(RoomSeat)
    .innerJoin(Participant, eq(Participant.id, RoomSeat.participantId))
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(which ? and(eq(RoomSeat.sessionId, sessionId), which) : eq(RoomSeat.sessionId, sessionId))
    .orderBy(asc(Person.name));
  return rows.map((r) => ({
    ...r,
    handRaisedAt: r.handRaisedAt?.toISOString() ?? null,
    lobbySince: r.lobbySince?.toISOString() ?? null,
  }));
}

/** Everyone with a seat in this session: names come from our database, keyed by LiveKit identity. */
export async function roster(db: Database, session: SessionRow): Promise<RosterEntry[]> {
  return rosterQuery(db, session.id);
}

export async function roomInfo(
  db: Database,
  session: SessionRow,
  participant: ParticipantRow,
  personName: string,
) {
  const state = await roomStateOf(db, session.id);
  const [seat] = await db
    .select()
    .from(RoomSeat)
    .where(and(eq(RoomSeat.sessionId, session.id), eq(RoomSeat.participantId, participant.id)));
  return {
    sessionId: session.id,
    seriesId: session.seriesId,
    status: session.status,
    startsAt: session.startsAt,
    locked: state?.locked ?? false,
    name: personName,
    participantId: participant.id,
    role: participant.role,
    isModerator: roleAtLeast(participant.role, "moderator"),
    removed: Boolean(seat?.removedAt),
    identity: seat?.identity ?? null,
  };
}

export const CHAT_MAX_LENGTH = 2000;

export async function sendChat(
  db: Database,
  session: SessionRow,
  participant: ParticipantRow,
  body: string,
): Promise<ChatMessageView> {
  const seat = await ensureSeat(db, session.id, participant.id);
  if (seat.removedAt) throw new DomainError("FORBIDDEN", "removedFromSession");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ChatMessage)
      .values({ sessionId: session.id, authorId: participant.personId, body })
      .returning();
    if (!row) throw new Error("chat message not written");
    const [author] = await tx
      .select({ name: Person.name })
      .from(Person)
      .where(eq(Person.id, participant.personId));
    const message: ChatMessageView = {
      id: row.id,
      sessionId: row.sessionId,
      body: row.body,
      sentAt: row.sentAt.toISOString(),
      author: author?.name ?? null,
    };
    // Everyone in the room gets it on the session's stream, instead of polling the chat.
    await publishCapture(tx, session.seriesId, "chat", message);
    return message;
  });
}

/**
 * One page of the session's chat, newest page first: without `before` the latest messages, else
 * those just older than the message `before` (the `older` cursor of the page after it). The order is
 * (sentAt, id), compared in the database at full precision, so pages neither overlap nor leave a
 * gap, however many messages arrive meanwhile (those come on the live stream).
 */
export async function listChat(
  db: Database,
  session: SessionRow,
  options: { before?: string | null; limit?: number } = {},
): Promise<ChatPage> {
  const limit = options.limit ?? CHAT_PAGE_SIZE;
  const conditions = [eq(ChatMessage.sessionId, session.id)];
  if (options.before) {
    const [anchor] = await db
      .select({ raw: sql<string>`${ChatMessage.sentAt}::text` })
      .from(ChatMessage)
      .where(and(eq(ChatMessage.id, options.before), eq(ChatMessage.sessionId, session.id)));
    if (!anchor) throw new TRPCError({ code: "NOT_FOUND", message: "chat message not found" });
    const at = sql`${anchor.raw}::timestamptz`;
    // The `<=` alone bounds the scan of the (session, sentAt) index; the rest splits a tie by id.
    const condition = or(lt(ChatMessage.sentAt, at), lt(ChatMessage.id, options.before));
    if (condition) conditions.push(lte(ChatMessage.sentAt, at), condition);
  }
  const rows = await db
    .select({
      id: ChatMessage.id,
      sessionId: ChatMessage.sessionId,
      body: ChatMessage.body,
      sentAt: ChatMessage.sentAt,
      author: Person.name,
    })
    .from(ChatMessage)
    .leftJoin(Person, eq(Person.id, ChatMessage.authorId))
    .where(and(...conditions))
    .orderBy(desc(ChatMessage.sentAt), desc(ChatMessage.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).reverse();
  return {
    messages: page.map((m) => ({ ...m, sentAt: m.sentAt.toISOString() })),
    older: rows.length > limit ? (page[0]?.id ?? null) : null,
  };
}
