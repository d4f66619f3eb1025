import {
  asc,
  type Database,
  EvaluationInvitation,
  EvaluationResponse,
  EvaluationTokenUse,
  eq,
  inArray,
  Participant,
  Person,
  Session,
  sql,
} from "@reeks/db";
import type { ExportEvaluation } from "@reeks/exports";

/** The series' evaluations for its documents: sessions whose evaluation went out, with every response. */
export async function evaluationExportData(db: Database, seriesId: string): Promise<ExportEvaluation[]> {
  const sessionIds = db.select({ id: Session.id }).from(Session).where(eq(Session.seriesId, seriesId));
  const invitations = await db
    .select({
      sessionId: EvaluationInvitation.sessionId,
      questions: EvaluationInvitation.questions,
      used: sql<boolean>`${EvaluationTokenUse.tokenHash} is not null`,
    })
    .from(EvaluationInvitation)
    .leftJoin(EvaluationTokenUse, eq(EvaluationTokenUse.tokenHash, EvaluationInvitation.tokenHash))
    .where(inArray(EvaluationInvitation.sessionId, sessionIds));
  // Ordered by content, never by anything that follows the order of answering.
  const responses = await db
    .select({ response: EvaluationResponse, respondent: Person.name })
    .from(EvaluationResponse)
    .leftJoin(Participant, eq(Participant.id, EvaluationResponse.participantId))
    .leftJoin(Person, eq(Person.id, Participant.personId))
    .where(inArray(EvaluationResponse.sessionId, sessionIds))
    .orderBy(
      asc(EvaluationResponse.usefulness),
      asc(EvaluationResponse.essayMust),
      asc(EvaluationResponse.id),
    );
  const bySession = new Map<string, ExportEvaluation>();
  for (const i of invitations) {
    const entry = bySession.get(i.sessionId) ?? {
      sessionId: i.sessionId,
      invited: 0,
      responded: 0,
      questions: [],
      responses: [],
    };
    entry.invited += 1;
    if (i.used) entry.responded += 1;
    for (const q of i.questions)
      if (!entry.questions.some((known) => known.id === q.id)) entry.questions.push(q);
    bySession.set(i.sessionId, entry);
  }
  for (const { response, respondent } of responses) {
    bySession.get(response.sessionId)?.responses.push({
      usefulness: response.usefulness,
      essayMust: response.essayMust,
      changeNext: response.changeNext,
      extra: response.extra,
      respondent: response.participantId && respondent ? respondent : null,
    });
  }
  return [...bySession.values()];
}
