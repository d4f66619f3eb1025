import { eq, RoomState, Series, Session } from "@reeks/db";
import { enqueueJobs } from "@reeks/jobs";
import { startTiming } from "@reeks/models";
import type { SessionActor } from "../actor";
import { withAudit } from "../audit";
import { endRoundsWithSession } from "../breakout/run";
import { DomainError } from "../domain-error";
import { evaluationOpenJobs } from "../evaluation/invite";
import { reconcileSession } from "./reconcile";
import { ifConnected, livekitCall, type RoomDeps, roomsOf } from "./room-client";

/**
 * Opens the room: the session goes live and the LiveKit room exists before anyone asks for a token.
 * Away from its planned time (see `startTiming`) only when the moderator said so (`offSchedule`): the
 * browser asks them first, and this check keeps a stale page or a script from skipping that question.
 * The audit entry keeps the planned start and how it went, so a start six weeks early can be found.
 */
export async function startSession(
  { db, livekit }: RoomDeps,
  actor: SessionActor,
  input: { offSchedule?: boolean } = {},
) {
  const { session } = actor;
  if (session.status === "ended" || session.status === "cancelled") {
    throw new DomainError("CONFLICT", "sessionEnded");
  }
  const [series] = await db
    .select({ timeZone: Series.timeZone })
    .from(Series)
    .where(eq(Series.id, session.seriesId));
  const timing = startTiming(session.startsAt, new Date(), series?.timeZone ?? "Europe/Amsterdam");
  const offPlan = timing === "early" || timing === "late";
  // Already live: opening again only re-creates a lost LiveKit room, nothing to ask about.
  if (offPlan && session.status !== "live" && !input.offSchedule) {
    throw new DomainError("PRECONDITION_FAILED", timing === "early" ? "startEarly" : "startLate");
  }
  await livekitCall(
    roomsOf(livekit).createRoom({ name: session.roomName, emptyTimeout: 15 * 60, departureTimeout: 30 }),
  );
  const now = new Date();
  const audit = {
    actorId: actor.personId,
    seriesId: session.seriesId,
    action: "room.start",
    target: `session:${session.id}`,
    details: { plannedStartsAt: session.startsAt?.toISOString() ?? null, timing },
  };
  await withAudit(db, audit, async (tx) => {
    await tx.update(Session).set({ status: "live" }).where(eq(Session.id, session.id));
    await tx
      .insert(RoomState)
      .values({ sessionId: session.id, openedAt: now })
      .onConflictDoUpdate({ target: RoomState.sessionId, set: { endedAt: null } });
  });
  return { status: "live" as const };
}

/** Ends the session for everyone: the room is deleted (all disconnected) and attendance closed. */
export async function endSession({ db, livekit }: RoomDeps, actor: SessionActor) {
  const { session } = actor;
  const rooms = roomsOf(livekit);
  const audit = {
    actorId: actor.personId,
    seriesId: session.seriesId,
    action: "room.end",
    target: `session:${session.id}`,
  };
  const groupRooms = await withAudit(db, audit, async (tx) => {
    await tx.update(Session).set({ status: "ended" }).where(eq(Session.id, session.id));
    const endedAt = new Date();
    await tx.update(RoomState).set({ endedAt }).where(eq(RoomState.sessionId, session.id));
    await enqueueJobs(tx, evaluationOpenJobs(session.id, endedAt));
    return endRoundsWithSession(tx, session);
  });
  await ifConnected(rooms.deleteRoom(session.roomName));
  for (const room of groupRooms) await ifConnected(rooms.deleteRoom(room));
  await reconcileSession({ db, rooms }, session.id);
  return { status: "ended" as const };
}
