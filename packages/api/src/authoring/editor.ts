import {
  AuditEntry,
  and,
  asc,
  type Database,
  desc,
  eq,
  gt,
  Series,
  SeriesLogo,
  Session,
  sql,
  Theme,
  type Transaction,
} from "@reeks/db";
import { DEFAULT_REGISTRATION_SETTINGS, type LocalizedText, type SeriesStatus } from "@reeks/models";
import { recordAudit } from "../audit";
import { VersionConflict } from "../capture/conflict";
import { DomainError } from "../domain-error";

/** Who edits: an organiser of `seriesId`, as seriesOrganiserProcedure established. */
export interface AuthoringActor {
  personId: string;
  participantId: string;
  seriesId: string;
}

type Reader = Database | Transaction;

/** Stored texts always have both languages; rows from before drafts may lack English. */
export function bothLanguages(text: LocalizedText | null | undefined): { nl: string; en: string } {
  return { nl: text?.nl ?? "", en: text?.en ?? "" };
}

/** Everything the organiser's form shows and edits, with the version an edit must name. */
export async function editableSeries(db: Reader, seriesId: string) {
  const series = await db.query.Series.findFirst({
    where: eq(Series.id, seriesId),
    with: {
      themes: { orderBy: asc(Theme.position) },
      sessions: { orderBy: asc(Session.position) },
    },
  });
  if (!series) throw new DomainError("NOT_FOUND", "seriesNotFound");
  const [logo] = await db
    .select({ updatedAt: SeriesLogo.updatedAt })
    .from(SeriesLogo)
    .where(eq(SeriesLogo.seriesId, seriesId));
  return {
    id: series.id,
    slug: series.slug,
    status: series.status,
    version: series.version,
    title: bothLanguages(series.title),
    organiser: series.organiser,
    description: bothLanguages(series.description),
    languages: series.languages,
    timeZone: series.timeZone,
    defaultAttribution: series.defaultAttribution,
    retentionMonths: series.retentionMonths,
    capacity: series.capacity,
    accentColour: series.accentColour,
    logoVersion: logo ? logo.updatedAt.getTime() : null,
    registration: series.registration ?? DEFAULT_REGISTRATION_SETTINGS,
    themes: series.themes.map((theme) => ({
      id: theme.id,
      position: theme.position,
      title: bothLanguages(theme.title),
      guidingQuestion: bothLanguages(theme.guidingQuestion),
      description: bothLanguages(theme.description),
    })),
    sessions: series.sessions.map((session) => ({
      id: session.id,
      themeId: session.themeId,
      position: session.position,
      status: session.status,
      startsAt: session.startsAt?.toISOString() ?? null,
      durationMinutes: session.durationMinutes,
      capacity: session.capacity,
      speakers: session.speakers,
    })),
  };
}
export type EditableSeries = Awaited<ReturnType<typeof editableSeries>>;

/** What others saved after `version`: the conflict answer shows it, so the loser knows what changed. */
async function changesSince(db: Reader, seriesId: string, version: number) {
  const rows = await db
    .select({ action: AuditEntry.action, target: AuditEntry.target, details: AuditEntry.details })
    .from(AuditEntry)
    .where(
      and(eq(AuditEntry.seriesId, seriesId), gt(sql`(${AuditEntry.details} ->> 'version')::int`, version)),
    )
    .orderBy(desc(AuditEntry.at))
    .limit(50);
  return rows.map((row) => ({
    action: row.action,
    target: row.target,
    version: row.details.version,
    before: row.details.before ?? null,
    after: row.details.after ?? null,
  }));
}

export interface EditOptions {
  actor: AuthoringActor;
  expectedVersion: number;
  action: string;
  target?: string;
  /** Statuses in which this edit is allowed; archived series are never edited. */
  allowedIn?: readonly SeriesStatus[];
}

export interface EditResult {
  before?: unknown;
  after?: unknown;
}

/**
 * One edit of a series: it names the version it started from and is refused with CONFLICT, carrying
 * the current series and what changed since, when someone saved in between. The version is raised
 * first, which also locks the series row, so two edits of one series run one after the other. The
 * change and its audit entry (before and after) commit together.
 */
export async function editSeries(
  db: Database,
  options: EditOptions,
  work: (tx: Transaction, series: typeof Series.$inferSelect) => Promise<EditResult>,
): Promise<EditableSeries> {
  const { actor } = options;
  return db.transaction(async (tx) => {
    const [series] = await tx
      .update(Series)
      .set({ version: sql`${Series.version} + 1` })
      .where(and(eq(Series.id, actor.seriesId), eq(Series.version, options.expectedVersion)))
      .returning();
    if (!series) {
      const current = await editableSeries(tx, actor.seriesId);
      throw new VersionConflict({
        current,
        changes: await changesSince(tx, actor.seriesId, options.expectedVersion),
      });
    }
    const allowed = options.allowedIn ?? ["draft", "published", "running", "finished"];
    if (!allowed.includes(series.status)) {
      throw new DomainError(
        "PRECONDITION_FAILED",
        series.status === "archived" ? "seriesArchived" : "wrongSeriesStatus",
        { params: { status: series.status } },
      );
    }
    const { before, after } = await work(tx, series);
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: actor.seriesId,
      action: options.action,
      ...(options.target ? { target: options.target } : {}),
      details: { version: series.version, before: before ?? null, after: after ?? null },
    });
    return editableSeries(tx, actor.seriesId);
  });
}

/**
 * Positions are unique per series, so they are rewritten in two steps (negative, then final) that
 * never collide. Themes keep their order; sessions follow their theme's order, then their own.
 */
export async function renumber(tx: Transaction, seriesId: string): Promise<void> {
  const themes = await tx
    .select({ id: Theme.id })
    .from(Theme)
    .where(eq(Theme.seriesId, seriesId))
    .orderBy(asc(Theme.position));
  const sessions = await tx
    .select({ id: Session.id })
    .from(Session)
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .where(eq(Session.seriesId, seriesId))
    .orderBy(asc(Theme.position), asc(Session.position));
  await tx
    .update(Theme)
    .set({ position: sql`-${Theme.position} - 1000000` })
    .where(eq(Theme.seriesId, seriesId));
  await tx
    .update(Session)
    .set({ position: sql`-${Session.position} - 1000000` })
    .where(eq(Session.seriesId, seriesId));
  for (const [index, theme] of themes.entries()) {
    await tx
      .update(Theme)
      .set({ position: index + 1 })
      .where(eq(Theme.id, theme.id));
  }
  for (const [index, session] of sessions.entries()) {
    await tx
      .update(Session)
      .set({ position: index + 1 })
      .where(eq(Session.id, session.id));
  }
}

/** Whether a database error is a unique violation (PostgreSQL and PGlite, wrapped by drizzle or not). */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
