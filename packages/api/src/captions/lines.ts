import {
  and,
  Captioner,
  CaptionLine,
  type Database,
  desc,
  eq,
  gt,
  Participant,
  Person,
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
  /** Defaults to now; a late external line is placed where it was said (see placeLate). */
  spokenAt?: Date;
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

function viewOf(row: LineRow, speaker: CaptionSpeakerView | null, authorKey: string | null): CaptionLineView {
  return {
    id: row.id,
    sessionId: row.sessionId,
    seq: row.seq,
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
      const existing = await findDuplicate(tx, input);
      if (existing) {
        if (!sameText(existing)) return { existing };
        const speaker = await speakerOf(tx, existing.speakerParticipantId);
        return { line: viewOf(existing, speaker, input.authorKey), created: false };
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
          spokenAt: input.spokenAt ?? (await placeLate(tx, input)) ?? new Date(),
        })
        .returning();
      if (!row) throw new Error("caption line not written");
      const line = viewOf(row, await speakerOf(tx, row.speakerParticipantId), input.authorKey);
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

async function findDuplicate(tx: Transaction, input: NewCaptionLine): Promise<LineRow | null> {
  if (input.feedId && input.feedSeq !== null && input.feedSeq !== undefined) {
    const [row] = await tx
      .select()
      .from(CaptionLine)
      .where(and(eq(CaptionLine.feedId, input.feedId), eq(CaptionLine.feedSeq, input.feedSeq)));
    return row ?? null;
  }
  if (input.clientKey) {
    const [row] = await tx
      .select()
      .from(CaptionLine)
      .where(and(eq(CaptionLine.sessionId, input.sessionId), eq(CaptionLine.clientKey, input.clientKey)));
    return row ?? null;
  }
  return null;
}

/**
 * An external line that arrives after a line the service numbered later (the network reordered the
 * posts) was said before it: it gets the time of that later line, so ordering by (spokenAt, seq) puts
 * it in place, here and in the transcript. In order, it is said now.
 */
async function placeLate(tx: Transaction, input: NewCaptionLine): Promise<Date | null> {
  if (!input.feedId || input.feedSeq === null || input.feedSeq === undefined) return null;
  const [next] = await tx
    .select({ spokenAt: CaptionLine.spokenAt })
    .from(CaptionLine)
    .where(and(eq(CaptionLine.feedId, input.feedId), gt(CaptionLine.feedSeq, input.feedSeq)))
    .orderBy(CaptionLine.feedSeq)
    .limit(1);
  return next ? new Date(next.spokenAt.getTime() - 1) : null;
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
      .select({ line: CaptionLine, speakerName: Person.name })
      .from(CaptionLine)
      .leftJoin(Participant, eq(Participant.id, CaptionLine.speakerParticipantId))
      .leftJoin(Person, eq(Person.id, Participant.personId))
      .where(where)
      .orderBy(desc(CaptionLine.seq))
      .limit(CAPTION_RECENT_LIMIT),
    db
      .selectDistinct({ language: CaptionLine.language })
      .from(CaptionLine)
      .where(eq(CaptionLine.sessionId, sessionId)),
  ]);
  const lines = rows.map(({ line, speakerName }) =>
    viewOf(
      line,
      line.speakerParticipantId && speakerName !== null
        ? { participantId: line.speakerParticipantId, name: speakerName }
        : null,
      null,
    ),
  );
  return { lines: lines.sort(compareCaptionLines), languages: languages.map((l) => l.language).sort() };
}
