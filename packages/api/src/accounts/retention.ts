import {
  and,
  type Database,
  EvaluationInvitation,
  EvaluationResponse,
  eq,
  inArray,
  isNull,
  lt,
  Participant,
  Person,
  Series,
  Session,
  sql,
} from "@reeks/db";
import { withAudit } from "../audit";
import { unlinkSeriesCaptionPeople } from "../captions/caption-people";
import { revokeCertificatesOf } from "../certificates/records";
import { anonymisePerson } from "./my-data";
import { fillFreedPlaces } from "./seats";

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
    const purgedEntry = (participants: number) => ({
      actorId: null,
      seriesId: series.id,
      action: "series.retention_purge",
      target: `series:${series.id}`,
      details: { participants },
    });
    await withAudit(db, purgedEntry, async (tx) => {
      const participants = await tx.select().from(Participant).where(eq(Participant.seriesId, series.id));
      await tx
        .update(Participant)
        .set({ organisation: "", jobTitle: "", motivation: null, consentedAt: null, updatedAt: now })
        .where(eq(Participant.seriesId, series.id));
      await unlinkSeriesCaptionPeople(tx, series.id);
      await tx.update(Series).set({ purgedAt: now }).where(eq(Series.id, series.id));
      // Named evaluation answers lose their name; the unanswered links stop working.
      const sessionsOfSeries = tx
        .select({ id: Session.id })
        .from(Session)
        .where(eq(Session.seriesId, series.id));
      await tx
        .update(EvaluationResponse)
        .set({ participantId: null })
        .where(inArray(EvaluationResponse.sessionId, sessionsOfSeries));
      await tx.delete(EvaluationInvitation).where(inArray(EvaluationInvitation.sessionId, sessionsOfSeries));
      await revokeCertificatesOf(
        tx,
        participants.map((p) => p.id),
        "retention",
        now,
      );
      for (const p of participants) {
        const [elsewhere] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(Participant)
          .innerJoin(Series, eq(Series.id, Participant.seriesId))
          .where(and(eq(Participant.personId, p.personId), isNull(Series.purgedAt)));
        if ((elsewhere?.n ?? 0) === 0) await anonymisePerson(tx, p.personId);
      }
      return participants.length;
    });
    purged.push(series.id);
  }
  return purged;
}

/** How long an unconfirmed registration waits for its address to be confirmed before it is deleted. */
export const UNCONFIRMED_REGISTRATION_DAYS = 7;

/**
 * Deletes registrations whose address was never confirmed (double opt-in not completed) after a week,
 * and the accounts that then hold nothing: someone typed an address that was not theirs, or changed their
 * mind; we keep no data about them. Invited people are kept (an organiser chose them).
 */
export async function purgeUnconfirmedRegistrations(db: Database, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNCONFIRMED_REGISTRATION_DAYS * 24 * 60 * 60 * 1000);
  return db.transaction(async (tx) => {
    const stale = await tx
      .select({
        id: Participant.id,
        personId: Participant.personId,
        seriesId: Participant.seriesId,
        status: Participant.status,
      })
      .from(Participant)
      .innerJoin(Person, eq(Person.id, Participant.personId))
      .where(
        and(
          eq(Person.emailVerified, false),
          isNull(Person.erasedAt),
          eq(Participant.source, "registration"),
          // A place given by the settings (approved, waiting list) lapses too; a decline stays recorded.
          inArray(Participant.status, ["interested", "approved", "waitlisted"]),
          lt(Participant.createdAt, cutoff),
        ),
      );
    if (stale.length === 0) return 0;
    await tx.delete(Participant).where(
      inArray(
        Participant.id,
        stale.map((s) => s.id),
      ),
    );
    const personIds = [...new Set(stale.map((s) => s.personId))];
    await tx
      .delete(Person)
      .where(
        and(
          inArray(Person.id, personIds),
          eq(Person.emailVerified, false),
          sql`not exists (select 1 from ${Participant} where ${Participant.personId} = ${Person.id})`,
        ),
      );
    const freed = new Set(stale.filter((s) => s.status === "approved").map((s) => s.seriesId));
    for (const seriesId of freed) await fillFreedPlaces(tx, seriesId, `lapsed:${now.getTime()}`);
    return stale.length;
  });
}
