import { and, type Database, eq, isNull, Participant, Series, Session, sql } from "@reeks/db";
import { recordAudit } from "../audit";
import { anonymisePerson } from "./my-data";

/**
 * The moment a series' personal data are due for purging: its retention period after its last session
 * (or after its creation, when no session was ever scheduled).
 */
export function purgeDueAt(lastActivity: Date, retentionMonths: number): Date {
  const due = new Date(lastActivity);
  due.setUTCMonth(due.getUTCMonth() + retentionMonths);
  return due;
}

/**
 * Purges the personal data of every series whose retention period has passed: participant details are
 * blanked, and people who are in no other live series are anonymised entirely. What was said stays, with
 * no name on it. Each series is purged in its own transaction and marked, so the job is idempotent.
 */
export async function purgeExpiredSeries(db: Database, now: Date = new Date()): Promise<string[]> {
  const candidates = await db
    .select({
      id: Series.id,
      retentionMonths: Series.retentionMonths,
      createdAt: Series.createdAt,
      lastSessionAt: sql<
        string | null
      >`max(${Session.startsAt} + make_interval(mins => ${Session.durationMinutes}))`,
    })
    .from(Series)
    .leftJoin(Session, eq(Session.seriesId, Series.id))
    .where(isNull(Series.purgedAt))
    .groupBy(Series.id);
  const purged: string[] = [];
  for (const series of candidates) {
    const last = series.lastSessionAt ? new Date(series.lastSessionAt) : series.createdAt;
    if (purgeDueAt(last, series.retentionMonths) > now) continue;
    await db.transaction(async (tx) => {
      const participants = await tx.select().from(Participant).where(eq(Participant.seriesId, series.id));
      await tx
        .update(Participant)
        .set({ organisation: "", jobTitle: "", motivation: null, consentedAt: null, updatedAt: now })
        .where(eq(Participant.seriesId, series.id));
      await tx.update(Series).set({ purgedAt: now }).where(eq(Series.id, series.id));
      for (const p of participants) {
        const [elsewhere] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(Participant)
          .innerJoin(Series, eq(Series.id, Participant.seriesId))
          .where(and(eq(Participant.personId, p.personId), isNull(Series.purgedAt)));
        if ((elsewhere?.n ?? 0) === 0) await anonymisePerson(tx, p.personId);
      }
      await recordAudit(tx, {
        actorId: null,
        seriesId: series.id,
        action: "series.retention_purge",
        target: `series:${series.id}`,
        details: { participants: participants.length },
      });
    });
    purged.push(series.id);
  }
  return purged;
}
