import { and, asc, type Database, eq, inArray, Participant, Person, Poll, Question } from "@reeks/db";
import type { SessionActor } from "../actor";

/**
 * What the agenda editor may link a segment to: the people who can lead a part (speakers, moderators,
 * organisers of the series) and the session's polls and questions.
 */
export async function agendaCandidates(db: Database, actor: SessionActor) {
  const speakers = await db
    .select({ participantId: Participant.id, name: Person.name })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(
      and(
        eq(Participant.seriesId, actor.seriesId),
        eq(Participant.status, "approved"),
        inArray(Participant.role, ["speaker", "moderator", "organiser"]),
      ),
    )
    .orderBy(asc(Person.name));
  const polls = await db
    .select({ id: Poll.id, text: Poll.question })
    .from(Poll)
    .where(eq(Poll.sessionId, actor.session.id))
    .orderBy(asc(Poll.createdAt));
  const questions = await db
    .select({ id: Question.id, text: Question.text })
    .from(Question)
    .where(eq(Question.sessionId, actor.session.id))
    .orderBy(asc(Question.createdAt));
  return { speakers, polls, questions };
}
