import {
  alias,
  and,
  CaptionLine,
  CaptionLineRevision,
  type Database,
  desc,
  eq,
  Participant,
  Person,
  sql,
  type Transaction,
} from "@reeks/db";
import type { CaptionRevisionView, TranscriptLineView } from "@reeks/models";
import type { SessionActor } from "../actor";
import { recordAudit } from "../audit";
import { assertParticipantInSeries, notFound } from "../capture/actor";
import { sessionAttribution, speakerNamesVisible, speakerView } from "./transcript";

/** The line, if it belongs to the session the call names; locked when `forUpdate` (one correction at a time). */
async function lineInSession(
  db: Database | Transaction,
  lineId: string,
  sessionId: string,
  forUpdate = false,
) {
  const query = db
    .select()
    .from(CaptionLine)
    .where(and(eq(CaptionLine.id, lineId), eq(CaptionLine.sessionId, sessionId)));
  const [line] = forUpdate ? await query.for("update") : await query;
  if (!line) throw notFound("captionLineNotFound");
  return line;
}

async function nameOf(db: Database, participantId: string | null): Promise<string | null> {
  if (!participantId) return null;
  const [row] = await db
    .select({ name: Person.name })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(eq(Participant.id, participantId));
  return row?.name ?? null;
}

/**
 * An organiser corrects a line's text or its speaker. What it said before is kept as a revision (with
 * who changed it and when), in the same transaction as the change and its audit entry.
 */
export async function correctLine(
  db: Database,
  input: { lineId: string; text: string; speakerParticipantId?: string | null },
  actor: SessionActor,
): Promise<TranscriptLineView> {
  if (input.speakerParticipantId)
    await assertParticipantInSeries(db, input.speakerParticipantId, actor.seriesId);
  const updated = await db.transaction(async (tx) => {
    const line = await lineInSession(tx, input.lineId, actor.session.id, true);
    const speaker =
      input.speakerParticipantId === undefined ? line.speakerParticipantId : input.speakerParticipantId;
    // The same text and speaker again changes nothing: no revision, no audit entry.
    if (line.text === input.text && line.speakerParticipantId === speaker) return line;
    // The transaction's own clock (microseconds) orders the revisions, even two in one millisecond.
    await tx.insert(CaptionLineRevision).values({
      lineId: line.id,
      previousText: line.text,
      previousSpeakerParticipantId: line.speakerParticipantId,
      editedBy: actor.participantId,
    });
    const [row] = await tx
      .update(CaptionLine)
      .set({ text: input.text, speakerParticipantId: speaker, editedAt: sql`now()` })
      .where(eq(CaptionLine.id, line.id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: actor.seriesId,
      action: "captions.correct",
      target: `caption_line:${line.id}`,
      details: { sessionId: actor.session.id, speakerChanged: line.speakerParticipantId !== speaker },
    });
    return row ?? line;
  });
  const namesVisible = speakerNamesVisible(await sessionAttribution(db, actor.seriesId), actor);
  const speakerName = await nameOf(db, updated.speakerParticipantId);
  return {
    id: updated.id,
    seq: updated.seq,
    language: updated.language,
    text: updated.text,
    spokenAt: updated.spokenAt.toISOString(),
    speaker: speakerView({ speakerParticipantId: updated.speakerParticipantId, speakerName }, namesVisible),
    editedAt: updated.editedAt ? updated.editedAt.toISOString() : null,
  };
}

/** A line's earlier versions, newest first. Organisers only: it names who corrected what. */
export async function lineHistory(
  db: Database,
  input: { lineId: string },
  actor: SessionActor,
): Promise<CaptionRevisionView[]> {
  await lineInSession(db, input.lineId, actor.session.id);
  const namesVisible = speakerNamesVisible(await sessionAttribution(db, actor.seriesId), actor);
  const speakerParticipant = alias(Participant, "speaker_participant");
  const speakerPerson = alias(Person, "speaker_person");
  const editorParticipant = alias(Participant, "editor_participant");
  const editorPerson = alias(Person, "editor_person");
  const rows = await db
    .select({
      id: CaptionLineRevision.id,
      previousText: CaptionLineRevision.previousText,
      previousSpeakerParticipantId: CaptionLineRevision.previousSpeakerParticipantId,
      speakerName: speakerPerson.name,
      editorName: editorPerson.name,
      editedAt: CaptionLineRevision.editedAt,
    })
    .from(CaptionLineRevision)
    .leftJoin(speakerParticipant, eq(speakerParticipant.id, CaptionLineRevision.previousSpeakerParticipantId))
    .leftJoin(speakerPerson, eq(speakerPerson.id, speakerParticipant.personId))
    .leftJoin(editorParticipant, eq(editorParticipant.id, CaptionLineRevision.editedBy))
    .leftJoin(editorPerson, eq(editorPerson.id, editorParticipant.personId))
    .where(eq(CaptionLineRevision.lineId, input.lineId))
    .orderBy(desc(CaptionLineRevision.editedAt));
  return rows.map((r) => ({
    id: r.id,
    previousText: r.previousText,
    previousSpeaker: speakerView(
      { speakerParticipantId: r.previousSpeakerParticipantId, speakerName: r.speakerName },
      namesVisible,
    ),
    // The organisers' own record of who corrected: an erased organiser has no name.
    editedBy: r.editorName?.trim() ? r.editorName : null,
    editedAt: r.editedAt.toISOString(),
  }));
}
