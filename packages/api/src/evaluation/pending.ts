import {
  and,
  asc,
  type Database,
  EvaluationInvitation,
  EvaluationTokenUse,
  eq,
  isNull,
  Participant,
  Series,
  Session,
  sql,
  Theme,
} from "@reeks/db";
import type { EvaluationMode, LocalizedText } from "@reeks/models";

export interface PendingEvaluation {
  sessionId: string;
  seriesSlug: string;
  seriesTitle: LocalizedText;
  position: number;
  title: LocalizedText;
  mode: EvaluationMode;
  deadline: string;
}

/** The signed-in person's evaluations that are open and not answered yet, soonest deadline first. */
export async function pendingEvaluations(db: Database, personId: string): Promise<PendingEvaluation[]> {
  const rows = await db
    .select({
      sessionId: Session.id,
      seriesSlug: Series.slug,
      seriesTitle: Series.title,
      position: Session.position,
      title: Theme.title,
      mode: EvaluationInvitation.mode,
      deadline: EvaluationInvitation.deadline,
    })
    .from(EvaluationInvitation)
    .innerJoin(Participant, eq(Participant.id, EvaluationInvitation.participantId))
    .innerJoin(Session, eq(Session.id, EvaluationInvitation.sessionId))
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .innerJoin(Series, eq(Series.id, Session.seriesId))
    .leftJoin(EvaluationTokenUse, eq(EvaluationTokenUse.tokenHash, EvaluationInvitation.tokenHash))
    .where(
      and(
        eq(Participant.personId, personId),
        isNull(EvaluationTokenUse.tokenHash),
        sql`${EvaluationInvitation.deadline} > now()`,
      ),
    )
    .orderBy(asc(EvaluationInvitation.deadline), asc(Session.position));
  return rows.map((r) => ({ ...r, deadline: r.deadline.toISOString() }));
}
