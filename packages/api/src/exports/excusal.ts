import { and, type Database, eq, Participant, SessionExcusal } from "@reeks/db";
import { withAudit } from "../audit";
import { DomainError } from "../domain-error";

export interface SetExcusedInput {
  sessionId: string;
  participantId: string;
  excused: boolean;
}

/**
 * Marks a participant as excused from a session, or takes that back. The session's series is the
 * organiser's (checked by the procedure); the participant must belong to that same series.
 */
export async function setExcused(
  db: Database,
  input: SetExcusedInput,
  actor: { seriesId: string; personId: string; participantId: string },
): Promise<{ excused: boolean }> {
  const recorded = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: input.excused ? "attendance.excuse" : "attendance.unexcuse",
    target: `participant:${input.participantId}`,
    details: { sessionId: input.sessionId },
  };
  return withAudit(db, recorded, async (tx) => {
    const participant = await tx.query.Participant.findFirst({
      where: and(eq(Participant.id, input.participantId), eq(Participant.seriesId, actor.seriesId)),
    });
    if (!participant) throw new DomainError("NOT_FOUND", "participantNotFound");
    const key = and(
      eq(SessionExcusal.sessionId, input.sessionId),
      eq(SessionExcusal.participantId, input.participantId),
    );
    if (input.excused) {
      await tx
        .insert(SessionExcusal)
        .values({
          sessionId: input.sessionId,
          participantId: input.participantId,
          recordedBy: actor.participantId,
        })
        .onConflictDoNothing();
    } else {
      await tx.delete(SessionExcusal).where(key);
    }
    return { excused: input.excused };
  });
}
