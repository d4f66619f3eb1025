import {
  AgendaSegment,
  AgendaTimer,
  asc,
  type Database,
  eq,
  Participant,
  Person,
  sql,
  type Transaction,
} from "@reeks/db";
import type { AgendaSegmentView, AgendaTimerStatus, AgendaView } from "@reeks/models";
import type { SessionActor } from "../actor";
import type { AuditRecord } from "../audit";
import { publishLive } from "../live";

export type SegmentRow = typeof AgendaSegment.$inferSelect;
export type TimerRow = typeof AgendaTimer.$inferSelect;
type Db = Database | Transaction;

/**
 * The clock every timer action and every view reads: the database's, not this instance's, so two
 * instances whose clocks differ still agree on the remaining time.
 */
export type Clock = (db: Db) => Promise<Date>;

export const databaseClock: Clock = async (db) => {
  const result = await db.execute(sql`select clock_timestamp() as now`);
  // PGlite and node-postgres both answer with `rows`; the driver decides string or Date.
  const value = (result as unknown as { rows: Array<{ now: string | Date }> }).rows[0]?.now;
  if (value === undefined) throw new Error("the database gave no time");
  return new Date(value);
};

export async function segmentsOf(db: Db, sessionId: string): Promise<SegmentRow[]> {
  return db
    .select()
    .from(AgendaSegment)
    .where(eq(AgendaSegment.sessionId, sessionId))
    .orderBy(asc(AgendaSegment.position));
}

/** The timer row, locked for the rest of the transaction; created (idle) when there is none yet. */
export async function lockTimer(tx: Transaction, sessionId: string): Promise<TimerRow> {
  await tx.insert(AgendaTimer).values({ sessionId, version: 0 }).onConflictDoNothing();
  const [row] = await tx.select().from(AgendaTimer).where(eq(AgendaTimer.sessionId, sessionId)).for("update");
  if (!row) throw new Error("agenda timer row missing");
  return row;
}

export function timerStatus(timer: TimerRow | undefined): AgendaTimerStatus {
  if (!timer?.startedAt) return "idle";
  if (timer.finishedAt) return "finished";
  return timer.runningSince ? "running" : "paused";
}

/** Running time of the current segment at `now`. */
export function elapsedAt(timer: Pick<TimerRow, "elapsedMs" | "runningSince">, now: Date): number {
  const running = timer.runningSince ? Math.max(0, now.getTime() - timer.runningSince.getTime()) : 0;
  return timer.elapsedMs + running;
}

export async function loadAgenda(db: Db, sessionId: string, clock: Clock): Promise<AgendaView> {
  const rows = await db
    .select({ s: AgendaSegment, speakerName: Person.name })
    .from(AgendaSegment)
    .leftJoin(Participant, eq(Participant.id, AgendaSegment.speakerId))
    .leftJoin(Person, eq(Person.id, Participant.personId))
    .where(eq(AgendaSegment.sessionId, sessionId))
    .orderBy(asc(AgendaSegment.position));
  const [timer] = await db.select().from(AgendaTimer).where(eq(AgendaTimer.sessionId, sessionId));
  const now = await clock(db);
  const segments: AgendaSegmentView[] = rows.map(({ s, speakerName }) => ({
    id: s.id,
    position: s.position,
    title: s.title,
    kind: s.kind,
    plannedMinutes: s.plannedMinutes,
    speaker: s.speakerId ? { participantId: s.speakerId, name: speakerName ?? "" } : null,
    questionIds: s.questionIds,
    pollIds: s.pollIds,
    actualStartedAt: s.actualStartedAt?.toISOString() ?? null,
    actualEndedAt: s.actualEndedAt?.toISOString() ?? null,
    actualMs: s.actualMs,
  }));
  return {
    sessionId,
    version: timer?.version ?? 0,
    segments,
    timer: {
      status: timerStatus(timer),
      currentSegmentId: timer?.currentSegmentId ?? null,
      elapsedMs: timer ? elapsedAt(timer, now) : 0,
      runningSince: timer?.runningSince?.toISOString() ?? null,
      startedAt: timer?.startedAt?.toISOString() ?? null,
      finishedAt: timer?.finishedAt?.toISOString() ?? null,
      serverNow: now.toISOString(),
    },
  };
}

/** Every browser in the session fetches `agenda.get` again: the view carries the server's clock. */
export async function publishAgenda(
  tx: Pick<Database, "insert" | "execute">,
  session: { id: string; seriesId: string },
  version: number,
): Promise<void> {
  await publishLive(tx, {
    seriesId: session.seriesId,
    sessionId: session.id,
    type: "agenda",
    data: { sessionId: session.id, version },
  });
}

export function agendaAudit(
  actor: SessionActor,
  verb: string,
  details: Record<string, unknown>,
): AuditRecord {
  return {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: `agenda.${verb}`,
    target: `session:${actor.session.id}`,
    details,
  };
}
