import {
  and,
  asc,
  CaptionLine,
  type Database,
  eq,
  ilike,
  Participant,
  Person,
  Series,
  Session,
  type SQL,
  Theme,
} from "@reeks/db";
import {
  type Attribution,
  type Locale,
  mayShowAuthor,
  pickLocale,
  type TranscriptLineView,
  type TranscriptView,
} from "@reeks/models";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import { DomainError } from "../domain-error";

/**
 * Reading the transcript: members once the session has ended (it is the record of what was said, not a
 * second live view), moderators and organisers at any time. Names follow the session's attribution rule:
 * in a Chatham House session only organisers see who said what.
 */
export function assertTranscriptReadable(actor: SessionActor): void {
  if (roleAtLeast(actor.role, "moderator")) return;
  if (actor.session.status !== "ended")
    throw new DomainError("PRECONDITION_FAILED", "transcriptAfterSession");
}

/** The session's attribution rule is its series' default (what the room was promised). */
export async function sessionAttribution(db: Database, seriesId: string): Promise<Attribution> {
  const series = await db.query.Series.findFirst({
    where: eq(Series.id, seriesId),
    columns: { defaultAttribution: true },
  });
  return series?.defaultAttribution ?? "chatham_house";
}

export function speakerNamesVisible(attribution: Attribution, actor: Pick<SessionActor, "role">): boolean {
  return mayShowAuthor(attribution, roleAtLeast(actor.role, "organiser") ? "moderator" : "member");
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface StoredTranscriptLine {
  id: string;
  seq: number;
  language: string;
  text: string;
  spokenAt: Date;
  editedAt: Date | null;
  speakerParticipantId: string | null;
  /** Empty for an erased account. */
  speakerName: string | null;
}

/** A session's lines in the order they were said (a late external line goes where it was said). */
export async function loadTranscriptLines(
  db: Database,
  sessionId: string,
  filter: { query?: string; language?: string } = {},
): Promise<StoredTranscriptLine[]> {
  const where: SQL[] = [eq(CaptionLine.sessionId, sessionId)];
  if (filter.language) where.push(eq(CaptionLine.language, filter.language));
  const query = filter.query?.trim();
  if (query) where.push(ilike(CaptionLine.text, `%${escapeLike(query)}%`));
  return db
    .select({
      id: CaptionLine.id,
      seq: CaptionLine.seq,
      language: CaptionLine.language,
      text: CaptionLine.text,
      spokenAt: CaptionLine.spokenAt,
      editedAt: CaptionLine.editedAt,
      speakerParticipantId: CaptionLine.speakerParticipantId,
      speakerName: Person.name,
    })
    .from(CaptionLine)
    .leftJoin(Participant, eq(Participant.id, CaptionLine.speakerParticipantId))
    .leftJoin(Person, eq(Person.id, Participant.personId))
    .where(and(...where))
    .orderBy(asc(CaptionLine.spokenAt), asc(CaptionLine.seq));
}

export async function transcriptLanguages(db: Database, sessionId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ language: CaptionLine.language })
    .from(CaptionLine)
    .where(eq(CaptionLine.sessionId, sessionId))
    .orderBy(asc(CaptionLine.language));
  return rows.map((r) => r.language);
}

export function speakerView(
  line: Pick<StoredTranscriptLine, "speakerParticipantId" | "speakerName">,
  namesVisible: boolean,
) {
  const name = line.speakerName?.trim();
  if (!namesVisible || !line.speakerParticipantId || !name) return null;
  return { participantId: line.speakerParticipantId, name };
}

export async function readTranscript(
  db: Database,
  input: { query?: string; language?: string },
  actor: SessionActor,
): Promise<TranscriptView> {
  assertTranscriptReadable(actor);
  const namesVisible = speakerNamesVisible(await sessionAttribution(db, actor.seriesId), actor);
  const [lines, languages] = await Promise.all([
    loadTranscriptLines(db, actor.session.id, input),
    transcriptLanguages(db, actor.session.id),
  ]);
  return {
    sessionId: actor.session.id,
    lines: lines.map(
      (line): TranscriptLineView => ({
        id: line.id,
        seq: line.seq,
        language: line.language,
        text: line.text,
        spokenAt: line.spokenAt.toISOString(),
        speaker: speakerView(line, namesVisible),
        editedAt: line.editedAt ? line.editedAt.toISOString() : null,
      }),
    ),
    languages,
    speakerNames: namesVisible,
    canCorrect: roleAtLeast(actor.role, "organiser"),
    canLift: roleAtLeast(actor.role, "moderator"),
  };
}

/** "Uitvoering op z'n Kop — sessie 2: Sturen op uitvoering", for file names and headings. */
export async function sessionTitle(db: Database, sessionId: string, locale: Locale): Promise<string> {
  const [row] = await db
    .select({ series: Series.title, position: Session.position, theme: Theme.title })
    .from(Session)
    .innerJoin(Series, eq(Series.id, Session.seriesId))
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .where(eq(Session.id, sessionId));
  if (!row) return "";
  const word = locale === "nl" ? "sessie" : "session";
  return `${pickLocale(row.series, locale)} — ${word} ${row.position}: ${pickLocale(row.theme, locale)}`;
}
