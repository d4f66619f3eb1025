import {
  type Database,
  eq,
  SchedulingPoll,
  Series,
  Session,
  SessionCalendar,
  sql,
  type Transaction,
} from "@reeks/db";
import { enqueueJobs } from "@reeks/jobs";
import { withAudit } from "../audit";
import { fieldError } from "../domain-error";
import { sessionsOfSeries, slotsOfSeries } from "./aggregate";
import { JOB_KINDS } from "./job-kinds";

export const SESSION_REMINDERS = [
  { which: "day", beforeMs: 86_400_000 },
  { which: "hour", beforeMs: 3_600_000 },
] as const;

type SessionRow = typeof Session.$inferSelect;
type SlotPick = Awaited<ReturnType<typeof slotsOfSeries>>[number];
type Jobs = Parameters<typeof enqueueJobs>[1];
export interface ConfirmedSession {
  id: string;
  startsAt: string;
  sequence: number;
}

/** One pick per session, in the sessions' order, none starting before the previous one ends. */
function picksInOrder(sessions: SessionRow[], chosen: SlotPick[]): SlotPick[] {
  const ordered = sessions.map((s) => chosen.find((c) => c.sessionId === s.id));
  const picks = ordered.filter((c): c is SlotPick => c !== undefined);
  if (chosen.length !== sessions.length || picks.length !== sessions.length) {
    throw fieldError(["slotIds"], "oneSlotPerSession");
  }
  for (let i = 1; i < picks.length; i++) {
    const previous = picks[i - 1];
    const next = picks[i];
    if (previous && next && next.startsAt < previous.endsAt) throw fieldError(["slotIds"], "sessionsInOrder");
  }
  return picks;
}

/**
 * Schedules one session on its pick (a candidate slot, or a date the organiser set directly); returns
 * the invitations and reminders to queue unless nothing changed.
 */
export async function scheduleSession(
  tx: Transaction,
  session: SessionRow,
  pick: { startsAt: Date; endsAt: Date },
): Promise<{ sequence: number; jobs: Jobs }> {
  const durationMinutes = Math.round((pick.endsAt.getTime() - pick.startsAt.getTime()) / 60_000);
  const unchanged =
    session.status === "scheduled" &&
    session.startsAt?.getTime() === pick.startsAt.getTime() &&
    session.durationMinutes === durationMinutes;
  const [calendar] = await tx
    .insert(SessionCalendar)
    .values({ sessionId: session.id, sequence: 0 })
    .onConflictDoUpdate({
      target: SessionCalendar.sessionId,
      // An unchanged session keeps its sequence: calendars already have the right event.
      set: { sequence: sql`${SessionCalendar.sequence} + ${unchanged ? 0 : 1}`, updatedAt: sql`now()` },
    })
    .returning({ sequence: SessionCalendar.sequence });
  const sequence = calendar?.sequence ?? 0;
  await tx
    .update(Session)
    .set({ startsAt: pick.startsAt, durationMinutes, status: "scheduled" })
    .where(eq(Session.id, session.id));
  if (unchanged) return { sequence, jobs: [] };
  const startsAt = pick.startsAt.toISOString();
  return {
    sequence,
    jobs: [
      {
        kind: JOB_KINDS.invitations,
        payload: { sessionId: session.id, sequence, method: "REQUEST" },
        idempotencyKey: `invitations:${session.id}:${sequence}:REQUEST`,
      },
      ...SESSION_REMINDERS.map((reminder) => ({
        kind: JOB_KINDS.sessionReminders,
        payload: { sessionId: session.id, startsAt, which: reminder.which },
        idempotencyKey: `session-reminders:${session.id}:${startsAt}:${reminder.which}`,
        runAt: new Date(pick.startsAt.getTime() - reminder.beforeMs),
      })),
    ],
  };
}

/**
 * Schedules the sessions on the chosen slots (the recommended plan or the organiser's own pick):
 * one slot per session, in the sessions' order. Invitations and reminders are queued in the same
 * transaction, so a confirmed schedule always has its mails on the way.
 */
export async function confirmSchedule(
  db: Database,
  input: { seriesId: string; slotIds: string[] },
  actor: { personId: string },
): Promise<{ sessions: ConfirmedSession[] }> {
  const chosen = await slotsOfSeries(db, input.seriesId, input.slotIds);
  const picks = picksInOrder(await sessionsOfSeries(db, input.seriesId), chosen);
  const confirmed = {
    actorId: actor.personId,
    seriesId: input.seriesId,
    action: "scheduling.confirm",
    details: { slotIds: picks.map((p) => p.id) },
  };
  return withAudit(db, confirmed, async (tx) => {
    // One confirmation at a time per series, each judging "unchanged" on what the previous one
    // wrote: a double click would otherwise raise every SEQUENCE twice and mail everyone twice.
    await tx.select({ id: Series.id }).from(Series).where(eq(Series.id, input.seriesId)).for("update");
    const sessions = await sessionsOfSeries(tx, input.seriesId);
    const out: ConfirmedSession[] = [];
    const jobs: Jobs = [];
    for (const [index, session] of sessions.entries()) {
      const pick = picks[index];
      if (!pick) continue;
      const scheduled = await scheduleSession(tx, session, pick);
      out.push({ id: session.id, startsAt: pick.startsAt.toISOString(), sequence: scheduled.sequence });
      jobs.push(...scheduled.jobs);
    }
    await enqueueJobs(tx, jobs);
    await tx
      .update(SchedulingPoll)
      .set({ status: "confirmed", confirmedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(SchedulingPoll.seriesId, input.seriesId));
    return { sessions: out };
  });
}
