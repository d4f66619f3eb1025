import { AgendaSegment, and, type Database, eq, inArray, Poll } from "@reeks/db";
import type { SessionActor } from "../actor";
import { setPollStatus } from "../capture/polls";
import { markQuestion } from "../capture/questions";
import { DomainError } from "../domain-error";

/**
 * The moderator's one action for a segment's linked items: every linked poll that is not open opens,
 * every linked question is put forward (highlighted). Each goes out on the live stream as ever.
 */
export async function openLinked(db: Database, input: { segmentId: string }, actor: SessionActor) {
  const session = actor.session;
  if (session.status !== "live") throw new DomainError("PRECONDITION_FAILED", "agendaSessionNotLive");
  const [segment] = await db
    .select()
    .from(AgendaSegment)
    .where(and(eq(AgendaSegment.id, input.segmentId), eq(AgendaSegment.sessionId, session.id)));
  if (!segment) throw new DomainError("NOT_FOUND", "agendaSegmentNotFound");
  if (segment.pollIds.length === 0 && segment.questionIds.length === 0) {
    throw new DomainError("PRECONDITION_FAILED", "agendaNothingLinked");
  }
  const polls =
    segment.pollIds.length > 0
      ? await db
          .select({ id: Poll.id, status: Poll.status })
          .from(Poll)
          .where(and(eq(Poll.sessionId, session.id), inArray(Poll.id, segment.pollIds)))
      : [];
  let opened = 0;
  for (const poll of polls) {
    if (poll.status === "open") continue;
    await setPollStatus(db, { sessionId: session.id, pollId: poll.id, status: "open" }, actor);
    opened++;
  }
  let highlighted = 0;
  for (const questionId of segment.questionIds) {
    // A question removed since it was linked is simply no longer there to put forward.
    try {
      await markQuestion(db, { sessionId: session.id, questionId, highlighted: true }, actor);
      highlighted++;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "NOT_FOUND")) throw error;
    }
  }
  return { pollsOpened: opened, questionsHighlighted: highlighted };
}
