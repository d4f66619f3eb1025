import { AgendaSegment, AgendaTimer, type Database, eq, type Transaction } from "@reeks/db";
import type { AgendaView } from "@reeks/models";
import type { SessionActor } from "../actor";
import { withAudit } from "../audit";
import { DomainError } from "../domain-error";
import {
  agendaAudit,
  type Clock,
  databaseClock,
  elapsedAt,
  loadAgenda,
  lockTimer,
  publishAgenda,
  segmentsOf,
  type TimerRow,
} from "./records";

type Step = (tx: Transaction, timer: TimerRow, now: Date) => Promise<Partial<TimerRow>>;

/**
 * One timer action: under the timer's row lock, at the database clock's `now`, so two moderators
 * clicking at once are applied one after the other, and every instance reads the same clock.
 */
async function step(
  db: Database,
  actor: SessionActor,
  verb: string,
  clock: Clock,
  work: Step,
): Promise<AgendaView> {
  const session = actor.session;
  if (session.status !== "live") throw new DomainError("PRECONDITION_FAILED", "agendaSessionNotLive");
  await withAudit(
    db,
    (details: Record<string, unknown>) => agendaAudit(actor, verb, details),
    async (tx) => {
      const timer = await lockTimer(tx, session.id);
      const now = await clock(tx);
      const change = await work(tx, timer, now);
      const version = timer.version + 1;
      await tx
        .update(AgendaTimer)
        .set({ ...change, version, updatedAt: now })
        .where(eq(AgendaTimer.sessionId, session.id));
      await publishAgenda(tx, session, version);
      return { version, segmentId: change.currentSegmentId ?? timer.currentSegmentId };
    },
  );
  return loadAgenda(db, session.id, clock);
}

async function beginSegment(tx: Transaction, segmentId: string, now: Date) {
  await tx
    .update(AgendaSegment)
    .set({ actualStartedAt: now, actualEndedAt: null, actualMs: null })
    .where(eq(AgendaSegment.id, segmentId));
}

export function startAgenda(db: Database, actor: SessionActor, clock: Clock = databaseClock) {
  return step(db, actor, "start", clock, async (tx, timer, now) => {
    if (timer.startedAt && !timer.finishedAt) throw new DomainError("CONFLICT", "agendaAlreadyRunning");
    const [first] = await segmentsOf(tx, actor.session.id);
    if (!first) throw new DomainError("PRECONDITION_FAILED", "agendaEmpty");
    await beginSegment(tx, first.id, now);
    return {
      currentSegmentId: first.id,
      elapsedMs: 0,
      runningSince: now,
      pausedAt: null,
      startedAt: now,
      finishedAt: null,
    };
  });
}

/**
 * Ends the current segment (its actual time is what ran, pauses excluded) and starts the next, or
 * finishes the agenda after the last. `fromSegmentId` names the segment the moderator saw: a second
 * moderator's click on the same button is then a conflict, not a skipped segment.
 */
export function advanceAgenda(
  db: Database,
  input: { fromSegmentId: string },
  actor: SessionActor,
  clock: Clock = databaseClock,
) {
  return step(db, actor, "advance", clock, async (tx, timer, now) => {
    if (!timer.startedAt || timer.finishedAt)
      throw new DomainError("PRECONDITION_FAILED", "agendaNotRunning");
    if (timer.currentSegmentId !== input.fromSegmentId) throw new DomainError("CONFLICT", "agendaMovedOn");
    await tx
      .update(AgendaSegment)
      .set({ actualEndedAt: now, actualMs: elapsedAt(timer, now) })
      .where(eq(AgendaSegment.id, input.fromSegmentId));
    const segments = await segmentsOf(tx, actor.session.id);
    const at = segments.findIndex((s) => s.id === input.fromSegmentId);
    const next = segments[at + 1];
    if (!next) {
      return { currentSegmentId: null, elapsedMs: 0, runningSince: null, pausedAt: null, finishedAt: now };
    }
    await beginSegment(tx, next.id, now);
    return { currentSegmentId: next.id, elapsedMs: 0, runningSince: now, pausedAt: null };
  });
}

export function pauseAgenda(db: Database, actor: SessionActor, clock: Clock = databaseClock) {
  return step(db, actor, "pause", clock, async (_tx, timer, now) => {
    if (!timer.runningSince || timer.finishedAt)
      throw new DomainError("PRECONDITION_FAILED", "agendaNotRunning");
    return { elapsedMs: elapsedAt(timer, now), runningSince: null, pausedAt: now };
  });
}

export function resumeAgenda(db: Database, actor: SessionActor, clock: Clock = databaseClock) {
  return step(db, actor, "resume", clock, async (_tx, timer, now) => {
    if (!timer.pausedAt || timer.finishedAt) throw new DomainError("PRECONDITION_FAILED", "agendaNotPaused");
    return { runningSince: now, pausedAt: null };
  });
}
