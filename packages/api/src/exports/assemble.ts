import {
  AgendaSegment,
  asc,
  CaptionLine,
  type Database,
  eq,
  Participant,
  Person,
  Series,
  Session,
  SessionExcusal,
  sql,
  Theme,
} from "@reeks/db";
import type { SeriesExportData } from "@reeks/exports";
import { evaluationExportData } from "../evaluation/export-data";
import { type CapturedDataReaders, capturedDataReaders } from "./captured-data";

export interface AssembleOptions {
  /** Stamps the documents and closes still-open attendance intervals; defaults to the current time. */
  now?: Date;
  /** Tests pass their own readers to push captured data through the whole export path. */
  readers?: CapturedDataReaders;
}

/**
 * Everything the writers need for one series, as plain data: what main already has (series, themes,
 * sessions, participants with their person's name), plus the captured data from `captured-data.ts`.
 * Null when the series does not exist.
 */
export async function assembleSeriesExport(
  db: Database,
  where: { seriesId: string } | { slug: string },
  options: AssembleOptions = {},
): Promise<SeriesExportData | null> {
  const series = await db.query.Series.findFirst({
    where: "seriesId" in where ? eq(Series.id, where.seriesId) : eq(Series.slug, where.slug),
    with: {
      themes: { orderBy: asc(Theme.position) },
      sessions: { orderBy: asc(Session.position) },
    },
  });
  if (!series) return null;
  const readers = options.readers ?? capturedDataReaders;
  const segments = await db
    .select()
    .from(AgendaSegment)
    .innerJoin(Session, eq(Session.id, AgendaSegment.sessionId))
    .where(eq(Session.seriesId, series.id))
    .orderBy(asc(AgendaSegment.position));
  const agendaOf = (sessionId: string) =>
    segments
      .filter((r) => r.agenda_segment.sessionId === sessionId)
      .map(({ agenda_segment: a }) => ({
        position: a.position,
        title: a.title,
        kind: a.kind,
        plannedMinutes: a.plannedMinutes,
        actualStartedAt: a.actualStartedAt,
        actualEndedAt: a.actualEndedAt,
        actualMinutes: a.actualMs === null ? null : Math.round(a.actualMs / 6_000) / 10,
      }));
  const [participants, outcomes, questions, polls, attendance, excused, evaluations, transcript] =
    await Promise.all([
      db
        .select({
          id: Participant.id,
          name: Person.name,
          erased: sql<boolean>`${Person.erasedAt} is not null`,
          organisation: Participant.organisation,
          role: Participant.role,
          status: Participant.status,
        })
        .from(Participant)
        .innerJoin(Person, eq(Person.id, Participant.personId))
        .where(eq(Participant.seriesId, series.id))
        .orderBy(asc(Person.name)),
      readers.outcomes(db, series.id),
      readers.questions(db, series.id),
      readers.polls(db, series.id),
      readers.attendance(db, series.id),
      db
        .select({ participantId: SessionExcusal.participantId, sessionId: SessionExcusal.sessionId })
        .from(SessionExcusal)
        .innerJoin(Session, eq(Session.id, SessionExcusal.sessionId))
        .where(eq(Session.seriesId, series.id)),
      evaluationExportData(db, series.id),
      db
        .select({
          id: CaptionLine.id,
          sessionId: CaptionLine.sessionId,
          seq: CaptionLine.seq,
          language: CaptionLine.language,
          text: CaptionLine.text,
          spokenAt: CaptionLine.spokenAt,
          editedAt: CaptionLine.editedAt,
          speakerName: Person.name,
        })
        .from(CaptionLine)
        .innerJoin(Session, eq(Session.id, CaptionLine.sessionId))
        .leftJoin(Participant, eq(Participant.id, CaptionLine.speakerParticipantId))
        .leftJoin(Person, eq(Person.id, Participant.personId))
        .where(eq(Session.seriesId, series.id))
        .orderBy(asc(Session.position), asc(CaptionLine.spokenAt), asc(CaptionLine.seq)),
    ]);
  return {
    series: {
      slug: series.slug,
      title: series.title,
      organiser: series.organiser,
      timeZone: series.timeZone,
    },
    themes: series.themes.map((t) => ({
      id: t.id,
      position: t.position,
      title: t.title,
      guidingQuestion: t.guidingQuestion,
    })),
    sessions: series.sessions.map((s) => ({
      id: s.id,
      position: s.position,
      themeId: s.themeId,
      status: s.status,
      startsAt: s.startsAt,
      durationMinutes: s.durationMinutes,
      agenda: agendaOf(s.id),
    })),
    participants,
    outcomes,
    questions,
    polls,
    attendance,
    excused,
    evaluations,
    // A session's rule is its series' default attribution (what the room was promised).
    transcript: transcript.map((line) => ({ ...line, attribution: series.defaultAttribution })),
    generatedAt: options.now ?? new Date(),
  };
}
