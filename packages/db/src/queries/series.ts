import type { SeriesOverview } from "@reeks/models";
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../client";
import { RoomState, Series, SeriesLogo, Session, Theme } from "../schema";

/** A series with its themes and sessions in order, or null when the slug is unknown. */
export async function getSeriesOverview(db: Database, slug: string): Promise<SeriesOverview | null> {
  const series = await db.query.Series.findFirst({
    where: eq(Series.slug, slug),
    with: {
      themes: { orderBy: asc(Theme.position) },
      sessions: { orderBy: asc(Session.position) },
    },
  });
  if (!series) return null;
  const [logo] = await db
    .select({ updatedAt: SeriesLogo.updatedAt })
    .from(SeriesLogo)
    .where(eq(SeriesLogo.seriesId, series.id));
  const sessionIds = series.sessions.map((s) => s.id);
  const rooms = new Map(
    (sessionIds.length
      ? await db.select().from(RoomState).where(inArray(RoomState.sessionId, sessionIds))
      : []
    ).map((r) => [r.sessionId, r]),
  );
  return {
    id: series.id,
    slug: series.slug,
    title: series.title,
    organiser: series.organiser,
    timeZone: series.timeZone,
    status: series.status,
    languages: series.languages,
    description: series.description,
    accentColour: series.accentColour,
    logoVersion: logo ? logo.updatedAt.getTime() : null,
    themes: series.themes.map((t) => ({
      id: t.id,
      position: t.position,
      title: t.title,
      guidingQuestion: t.guidingQuestion,
      description: t.description,
    })),
    sessions: series.sessions.map((s) => ({
      id: s.id,
      position: s.position,
      themeId: s.themeId,
      status: s.status,
      startsAt: s.startsAt?.toISOString() ?? null,
      durationMinutes: s.durationMinutes,
      startedAt: rooms.get(s.id)?.openedAt.toISOString() ?? null,
      endedAt: rooms.get(s.id)?.endedAt?.toISOString() ?? null,
    })),
  };
}

/** Public pages list what is published and not yet archived; the CLI lists everything (`all`). */
export async function listSeriesOverviews(
  db: Database,
  options: { all?: boolean } = {},
): Promise<SeriesOverview[]> {
  const rows = await db
    .select({ slug: Series.slug })
    .from(Series)
    .where(options.all ? undefined : inArray(Series.status, ["published", "running", "finished"]))
    .orderBy(asc(Series.createdAt));
  const overviews = await Promise.all(rows.map((row) => getSeriesOverview(db, row.slug)));
  return overviews.filter((o): o is SeriesOverview => o !== null);
}
