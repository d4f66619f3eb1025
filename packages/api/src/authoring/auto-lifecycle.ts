import { type Database, Series, sql } from "@reeks/db";
import { recordAudit } from "../audit";

/**
 * A session that has begun: opened by a moderator (live, or already ended), or whose confirmed
 * start has arrived, whether or not anyone opened the room. Cancelled sessions never count.
 */
const begun = (now: string) => sql`(
  s.status in ('live', 'ended')
  or (s.status <> 'cancelled' and s.starts_at is not null and s.starts_at <= ${now}::timestamptz)
)`;

/**
 * A session that is over: ended by a moderator, or past its planned end while nobody holds it open
 * (a live room runs over its time, and the series with it). A session without a date is not over:
 * more is still to come.
 */
const over = (now: string) => sql`(
  s.status = 'ended'
  or (s.status <> 'live' and s.starts_at is not null
      and s.starts_at + make_interval(mins => s.duration_minutes) <= ${now}::timestamptz)
)`;

/**
 * Moves published series on by their sessions: "running" once the first session has begun, "finished"
 * once every session that is not cancelled is over. Each step is one conditional UPDATE, so several
 * instances running it at once change a series once (PostgreSQL re-checks the status of a row another
 * transaction changed) and audit it once; running it again changes nothing. A series that passed both
 * points while no instance ran goes through both steps in one pass, each audited. The organiser's own
 * transitions (and archiving) stay as they are; the version is not raised, so an edit in progress is
 * not turned into a conflict by a change no field of the form shows.
 */
export async function advanceSeriesLifecycle(
  db: Database,
  now: Date = new Date(),
): Promise<{ started: string[]; finished: string[] }> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const started = await tx
      .update(Series)
      .set({ status: "running" })
      .where(
        sql`${Series.status} = 'published' and exists (
          select 1 from session s where s.series_id = ${Series.id} and ${begun(at)})`,
      )
      .returning({ id: Series.id });
    const finished = await tx
      .update(Series)
      .set({ status: "finished" })
      .where(
        sql`${Series.status} = 'running'
          and exists (select 1 from session s where s.series_id = ${Series.id} and s.status <> 'cancelled')
          and not exists (select 1 from session s where s.series_id = ${Series.id}
            and s.status <> 'cancelled' and not ${over(at)})`,
      )
      .returning({ id: Series.id });
    for (const { id } of started) {
      await recordAudit(tx, {
        actorId: null,
        seriesId: id,
        action: "series.start",
        target: `series:${id}`,
        details: { before: { status: "published" }, after: { status: "running" }, automatic: true },
      });
    }
    for (const { id } of finished) {
      await recordAudit(tx, {
        actorId: null,
        seriesId: id,
        action: "series.finish",
        target: `series:${id}`,
        details: { before: { status: "running" }, after: { status: "finished" }, automatic: true },
      });
    }
    return { started: started.map((r) => r.id), finished: finished.map((r) => r.id) };
  });
}
