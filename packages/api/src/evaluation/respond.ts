import {
  and,
  type Database,
  EvaluationInvitation,
  EvaluationResponse,
  EvaluationTokenUse,
  eq,
  Series,
  Session,
  Theme,
} from "@reeks/db";
import type { EvaluationAnswers, EvaluationMode, EvaluationQuestion, LocalizedText } from "@reeks/models";
import type { SessionActor } from "../actor";
import { DomainError } from "../domain-error";
import { hashEvaluationToken } from "./invite";

type Invitation = typeof EvaluationInvitation.$inferSelect;

/** What a respondent sees before answering, whether they came by the mail's link or signed in. */
export interface EvaluationForm {
  invited: boolean;
  sessionId: string;
  session: { position: number; title: LocalizedText };
  seriesTitle: LocalizedText;
  mode: EvaluationMode | null;
  deadline: string | null;
  questions: EvaluationQuestion[];
  answered: boolean;
  open: boolean;
}

async function isAnswered(db: Pick<Database, "query">, tokenHash: string): Promise<boolean> {
  const used = await db.query.EvaluationTokenUse.findFirst({
    where: eq(EvaluationTokenUse.tokenHash, tokenHash),
  });
  return used !== undefined;
}

async function formOf(
  db: Database,
  sessionId: string,
  invitation: Invitation | null,
): Promise<EvaluationForm> {
  const [about] = await db
    .select({ position: Session.position, title: Theme.title, seriesTitle: Series.title })
    .from(Session)
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .innerJoin(Series, eq(Series.id, Session.seriesId))
    .where(eq(Session.id, sessionId));
  if (!about) throw new DomainError("NOT_FOUND", "evaluationLinkInvalid");
  return {
    invited: invitation !== null,
    sessionId,
    session: { position: about.position, title: about.title },
    seriesTitle: about.seriesTitle,
    mode: invitation?.mode ?? null,
    deadline: invitation?.deadline.toISOString() ?? null,
    questions: invitation?.questions ?? [],
    answered: invitation ? await isAnswered(db, invitation.tokenHash) : false,
    open: invitation ? invitation.deadline.getTime() > Date.now() : false,
  };
}

async function invitationByToken(db: Database, token: string): Promise<Invitation> {
  const invitation = await db.query.EvaluationInvitation.findFirst({
    where: eq(EvaluationInvitation.tokenHash, hashEvaluationToken(token)),
  });
  if (!invitation) throw new DomainError("NOT_FOUND", "evaluationLinkInvalid");
  return invitation;
}

async function invitationOf(db: Database, actor: SessionActor): Promise<Invitation | null> {
  const invitation = await db.query.EvaluationInvitation.findFirst({
    where: and(
      eq(EvaluationInvitation.sessionId, actor.session.id),
      eq(EvaluationInvitation.participantId, actor.participantId),
    ),
  });
  return invitation ?? null;
}

export async function formForActor(db: Database, actor: SessionActor): Promise<EvaluationForm> {
  return formOf(db, actor.session.id, await invitationOf(db, actor));
}

export async function formForToken(db: Database, token: string): Promise<EvaluationForm> {
  const invitation = await invitationByToken(db, token);
  return formOf(db, invitation.sessionId, invitation);
}

/** Trims each answer; an extra answer must be to one of the invitation's own questions. */
function cleanAnswers(answers: EvaluationAnswers, questions: EvaluationQuestion[]) {
  const known = new Set(questions.map((q) => q.id));
  const extra: Record<string, string> = {};
  for (const [id, text] of Object.entries(answers.extra)) {
    if (!known.has(id))
      throw new DomainError("BAD_REQUEST", "evaluationUnknownQuestion", { field: ["extra", id] });
    if (text.trim() !== "") extra[id] = text.trim();
  }
  return {
    usefulness: answers.usefulness,
    essayMust: answers.essayMust.trim(),
    changeNext: answers.changeNext.trim(),
    extra,
  };
}

/**
 * Stores one response. The token is marked used first, in its own transaction: the primary key lets
 * exactly one of two racing submits through. The response follows in a second transaction, so the two
 * rows share no transaction id (`xmin`) a database reader could join them by; should it fail, the
 * token is freed again so the respondent can retry.
 */
async function submit(
  db: Database,
  invitation: Invitation,
  answers: EvaluationAnswers,
): Promise<{ ok: true }> {
  if (invitation.deadline.getTime() <= Date.now())
    throw new DomainError("PRECONDITION_FAILED", "evaluationClosed");
  const values = cleanAnswers(answers, invitation.questions);
  const claimed = await db
    .insert(EvaluationTokenUse)
    .values({ tokenHash: invitation.tokenHash })
    .onConflictDoNothing()
    .returning();
  if (claimed.length === 0) throw new DomainError("CONFLICT", "evaluationAnswered");
  try {
    await db.insert(EvaluationResponse).values({
      sessionId: invitation.sessionId,
      participantId: invitation.mode === "named" ? invitation.participantId : null,
      ...values,
    });
  } catch (error) {
    await db.delete(EvaluationTokenUse).where(eq(EvaluationTokenUse.tokenHash, invitation.tokenHash));
    throw error;
  }
  return { ok: true };
}

export async function submitAsActor(db: Database, actor: SessionActor, answers: EvaluationAnswers) {
  const invitation = await invitationOf(db, actor);
  if (!invitation) throw new DomainError("FORBIDDEN", "evaluationNotInvited");
  return submit(db, invitation, answers);
}

export async function submitWithToken(db: Database, token: string, answers: EvaluationAnswers) {
  return submit(db, await invitationByToken(db, token), answers);
}
