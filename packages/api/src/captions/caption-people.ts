import {
  CaptionLine,
  CaptionLineRevision,
  type Database,
  eq,
  inArray,
  Session,
  type Transaction,
} from "@reeks/db";

/**
 * Takes people off the transcript: their speaker marks and author links go (on the lines and in the
 * corrections' history), what was said stays. Erasure does it for one person's participations,
 * the retention purge for everyone in a series.
 */
export async function unlinkCaptionPeople(
  tx: Transaction | Database,
  participantIds: string[],
): Promise<void> {
  if (participantIds.length === 0) return;
  await tx
    .update(CaptionLine)
    .set({ speakerParticipantId: null })
    .where(inArray(CaptionLine.speakerParticipantId, participantIds));
  await tx
    .update(CaptionLine)
    .set({ authorParticipantId: null })
    .where(inArray(CaptionLine.authorParticipantId, participantIds));
  await tx
    .update(CaptionLineRevision)
    .set({ previousSpeakerParticipantId: null })
    .where(inArray(CaptionLineRevision.previousSpeakerParticipantId, participantIds));
  await tx
    .update(CaptionLineRevision)
    .set({ editedBy: null })
    .where(inArray(CaptionLineRevision.editedBy, participantIds));
}

/** Everyone of a series, for its retention purge. */
export async function unlinkSeriesCaptionPeople(tx: Transaction | Database, seriesId: string): Promise<void> {
  const sessions = tx.select({ id: Session.id }).from(Session).where(eq(Session.seriesId, seriesId));
  const lines = tx
    .select({ id: CaptionLine.id })
    .from(CaptionLine)
    .where(inArray(CaptionLine.sessionId, sessions));
  await tx
    .update(CaptionLine)
    .set({ speakerParticipantId: null, authorParticipantId: null })
    .where(inArray(CaptionLine.sessionId, sessions));
  await tx
    .update(CaptionLineRevision)
    .set({ previousSpeakerParticipantId: null, editedBy: null })
    .where(inArray(CaptionLineRevision.lineId, lines));
}
