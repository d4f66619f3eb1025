import {
  and,
  Captioner,
  CaptionLine,
  type Database,
  desc,
  eq,
  getTableColumns,
  gt,
  Participant,
  Person,
  type SQL,
  sql,
  type Transaction,
} from "@reeks/db";
import {
  CAPTION_RECENT_LIMIT,
  type CaptionLineView,
  type CaptionSpeakerView,
  compareCaptionLines,
} from "@reeks/models";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import { publishCapture } from "../capture/live-events";
import { DomainError } from "../domain-error";

/** First half of the advisory lock key that orders a session's lines; the second is the session. */
const CAPTION_LOCK_CLASS = 7_316_018;

type LineRow = typeof CaptionLine.$inferSelect;

/** The line's place in the session: its spokenAt in microseconds (a Date keeps only milliseconds). */
const position = sql<number>`(extract(epoch from ${CaptionLine.spokenAt}) * 1000000)::bigint`.mapWith(Number);

/** What is stored for one final line; the server adds the session order. */
export interface NewCaptionLine {
  sessionId: string;
  seriesId: string;
  source: "typed" | "api";
  text: string;
  language: string;
  speakerParticipantId: string | null;
  authorParticipantId: string | null;
  feedId?: string | null;
  feedSeq?: number | null;
  clientKey?: string | null;
  /** Whose interim text this line replaces on viewers' screens. */
  authorKey: string | null;
}

export interface StoredCaptionLine {
  line: CaptionLineView;
  /** False when the line was already stored (a resend): nothing was written or published again. */
  created: boolean;
}

/** The id of someone's interim text: opaque to viewers, the same for all their lines in the session. */
export function typedAuthorKey(participantId: string): string {
  return `p:${participantId}`;
}

export function feedAuthorKey(feedId: string): string {
  return `f:${feedId}`;
}

async function speakerOf(
  db: Database | Transaction,
  participantId: string | null,
): Promise<CaptionSpeakerView | null> {
  if (!participantId) return null;
  const [row] = await db
    .select({ participantId: Participant.id, name: Person.name })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(eq(Participant.id, participantId));
  return row ?? null;
}

function viewOf(
  row: LineRow,
  place: number,
  speaker: CaptionSpeakerView | null,
  authorKey: string | null,
): CaptionLineView {
  return {
    id: row.id,
    sessionId: row.sessionId,
    seq: row.seq,
    position: place,
    source: row.source,
    language: row.language,
    text: row.text,
    speaker,
    spokenAt: row.spokenAt.toISOString(),
    authorKey,
  };
}

/**
 * Stores a final line and publishes it, in one transaction: a viewer hears of it only once it is
 * stored, and the caller acknowledges only after that. The session's order (`seq`) is taken under a
 * per-session lock, so concurrent senders on any instance never share a number. A line already
 * stored under the same client key or feed sequence number is returned as it is, not stored twice.
 */
export async function storeCaptionLine(
  db: Database,
  input: NewCaptionLine,
  sameText: (existing: LineRow) => boolean,
): Promise<StoredCaptionLine> {
  return db
    .transaction(async (tx): Promise<StoredCaptionLine | { existing: LineRow }> => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(${CAPTION_LOCK_CLASS}, hashtext(${input.sessionId}))`,
      );
      const found = await findDuplicate(tx, input);
      if (found) {
        const { line: existing, position: place } = found;
        if (!sameText(existing)) return { existing };
        const speaker = await speakerOf(tx, existing.speakerParticipantId);
        return { line: viewOf(existing, place, speaker, input.authorKey), created: false };
      }
      const [last] = await tx
        .select({ seq: CaptionLine.seq })
        .from(CaptionLine)
        .where(eq(CaptionLine.sessionId, input.sessionId))
        .orderBy(desc(CaptionLine.seq))
        .limit(1);
      const [row] = await tx
        .insert(CaptionLine)
        .values({
          sessionId: input.sessionId,
          seq: (last?.seq ?? 0) + 1,
          source: input.source,
          feedId: input.feedId ?? null,
          feedSeq: input.feedSeq ?? null,
          clientKey: input.clientKey ?? null,
          language: input.language,
          text: input.text,
          speakerParticipantId: input.speakerParticipantId,
          authorParticipantId: input.authorParticipantId,
          // clock_timestamp, not now(): lines stored one after another under the lock get distinct times.
          spokenAt: (await placeLate(tx, input)) ?? sql`clock_timestamp()`,
        })
        .returning({ ...getTableColumns(CaptionLine), position });
      if (!row) throw new Error("caption line not written");
      const { position: place, ...stored } = row;
      const speaker = await speakerOf(tx, stored.speakerParticipantId);
      const line = viewOf(stored, place, speaker, input.authorKey);
      await publishCapture(tx, input.seriesId, "caption", {
        sessionId: input.sessionId,
        kind: "final",
        line,
      });
      return { line, created: true };
    })
    .then((result) => {
      if ("existing" in result) {
        throw result.existing.feedSeq !== null && input.feedSeq !== undefined && input.feedSeq !== null
          ? new DomainError("CONFLICT", "captionFeedSeqReused", { params: { seq: input.feedSeq } })
          : new DomainError("CONFLICT", "captionKeyReused");
      }
      return result;
    });
}

async function findDuplicate(
  tx: Transaction,
  input: NewCaptionLine,
): Promise<{ line: LineRow; position: number } | null> {
  if (input.feedId && input.feedSeq !== null && input.feedSeq !== undefined) {
    const [row] = await tx
      .select({ line: getTableColumns(CaptionLine), position })
      .from(CaptionLine)
      .where(and(eq(CaptionLine.feedId, input.feedId), eq(CaptionLine.feedSeq, input.feedSeq)));
    return row ?? null;
  }
  if (input.clientKey) {
    const [row] = await tx
      .select({ line: getTableColumns(CaptionLine), position })
      .from(CaptionLine)
      .where(and(eq(CaptionLine.sessionId, input.sessionId), eq(CaptionLine.clientKey, input.clientKey)));
    return row ?? null;
  }
  return null;
}

/**
 * An external line that arrives after a line the service numbered later (the network reordered the
 * posts) was said before it: it goes between that later line and the line before it in the session,
 * so ordering by (spokenAt, seq) puts it in place, live and in the transcript. In order: null (now).
 * Computed in the database, at its microsecond precision.
 */
async function placeLate(tx: Transaction, input: NewCaptionLine): Promise<SQL | null> {
  if (!input.feedId || input.feedSeq === null || input.feedSeq === undefined) return null;
  const [next] = await tx
    .select({ at: sql<string>`${CaptionLine.spokenAt}::text` })
    .from(CaptionLine)
    .where(and(eq(CaptionLine.feedId, input.feedId), gt(CaptionLine.feedSeq, input.feedSeq)))
    .orderBy(CaptionLine.feedSeq)
    .limit(1);
  if (!next) return null;
  const at = sql`${next.at}::timestamptz`;
  const [previous] = await tx
    .select({ at: sql<string | null>`max(${CaptionLine.spokenAt})::text` })
    .from(CaptionLine)
    .where(and(eq(CaptionLine.sessionId, input.sessionId), sql`${CaptionLine.spokenAt} < ${at}`));
  if (!previous?.at) return sql`${at} - interval '1 millisecond'`;
  const before = sql`${previous.at}::timestamptz`;
  return sql`${before} + (${at} - ${before}) / 2`;
}

/** A captioner of the session, or one of its moderators (who may always caption). */
export async function canCaption(db: Database, actor: SessionActor): Promise<boolean> {
  if (roleAtLeast(actor.role, "moderator")) return true;
  const row = await db.query.Captioner.findFirst({
    columns: { participantId: true },
    where: and(eq(Captioner.sessionId, actor.session.id), eq(Captioner.participantId, actor.participantId)),
  });
  return row !== undefined;
}

export async function assertCanCaption(db: Database, actor: SessionActor): Promise<void> {
  if (actor.session.status !== "live") throw new DomainError("FORBIDDEN", "captionsNotLive");
  if (!(await canCaption(db, actor))) throw new DomainError("FORBIDDEN", "captionNotCaptioner");
}

/** A marked speaker must be a participant of the session's series. */
export async function assertSpeaker(db: Database, participantId: string, seriesId: string): Promise<void> {
  const row = await db.query.Participant.findFirst({
    columns: { id: true, status: true },
    where: and(eq(Participant.id, participantId), eq(Participant.seriesId, seriesId)),
  });
  if (row?.status !== "approved") throw new DomainError("NOT_FOUND", "captionSpeakerNotFound");
}

/** The latest lines of the session (of one language, when asked), oldest first: what a joining viewer reads. */
export async function recentCaptionLines(
  db: Database,
  actor: SessionActor,
  language?: string,
): Promise<{ lines: CaptionLineView[]; languages: string[] }> {
  const sessionId = actor.session.id;
  const where = language
    ? and(eq(CaptionLine.sessionId, sessionId), eq(CaptionLine.language, language))
    : eq(CaptionLine.sessionId, sessionId);
  const [rows, languages] = await Promise.all([
    db
      .select({ line: getTableColumns(CaptionLine), position, speakerName: Person.name })
      .from(CaptionLine)
      .leftJoin(Participant, eq(Participant.id, CaptionLine.speakerParticipantId))
      .leftJoin(Person, eq(Person.id, Participant.personId))
      .where(where)
      .orderBy(desc(CaptionLine.spokenAt), desc(CaptionLine.seq))
      .limit(CAPTION_RECENT_LIMIT),
    db
      .selectDistinct({ language: CaptionLine.language })
      .from(CaptionLine)
      .where(eq(CaptionLine.sessionId, sessionId)),
  ]);
  const lines = rows.map(({ line, position: place, speakerName }) =>
    viewOf(
      line,
      place,
      line.speakerParticipantId && speakerName !== null
        ? { participantId: line.speakerParticipantId, name: speakerName }
        : null,
      null,
    ),
  );
  return { lines: lines.sort(compareCaptionLines), languages: languages.map((l) => l.language).sort() };
}
