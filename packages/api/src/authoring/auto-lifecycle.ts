import { AuditEntry, type Database, Series, type SQL, sql } from "@reeks/db";
import type { SeriesStatus } from "@reeks/models";

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
 * One step for every series it applies to, with its audit entries, in one statement: atomic without
 * an explicit transaction (drizzle's node-postgres transaction keeps its pool client when BEGIN itself
 * fails, which a loop meeting a database outage would do again and again).
 */
async function step(db: Database, from: SeriesStatus, to: SeriesStatus, due: SQL): Promise<string[]> {
  const action = to === "running" ? "series.start" : "series.finish";
  const details = JSON.stringify({ before: { status: from }, after: { status: to }, automatic: true });
  const result = await db.execute(sql`
    with moved as (
      update ${Series} set status = ${to}
      where ${Series.status} = ${from} and ${due}
      returning ${Series.id} as id
    )
    insert into ${AuditEntry} (actor_id, series_id, action, target, details)
    select null, moved.id, ${action}, 'series:' || moved.id, ${details}::jsonb from moved
    returning series_id as id`);
  return (result as unknown as { rows: Array<{ id: string }> }).rows.map((row) => row.id);
}

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
  const started = await step(
    db,
    "published",
    "running",
    sql`exists (select 1 from session s where s.series_id = ${Series.id} and ${begun(at)})`,
  );
  const finished = await step(
    db,
    "running",
    "finished",
    sql`exists (select 1 from session s where s.series_id = ${Series.id} and s.status <> 'cancelled')
      and not exists (select 1 from session s where s.series_id = ${Series.id}
        and s.status <> 'cancelled' and not ${over(at)})`,
  );
  return { started, finished };
}
