import { type Database, eq, Session } from "@reeks/db";
import type { ExportEvaluation } from "@reeks/exports";
import { evaluationRows } from "./results";

/** The series' evaluations for its documents: sessions whose evaluation went out, with every response. */
export async function evaluationExportData(db: Database, seriesId: string): Promise<ExportEvaluation[]> {
  const sessionIds = (
    await db.select({ id: Session.id }).from(Session).where(eq(Session.seriesId, seriesId))
  ).map((s) => s.id);
  if (sessionIds.length === 0) return [];
  const { invitations, responses } = await evaluationRows(db, sessionIds);
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
