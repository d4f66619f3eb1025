import { randomUUID } from "node:crypto";
import { and, type Database, eq, Question, QuestionVote, type Transaction } from "@reeks/db";
import type { z } from "zod";
import { recordAudit } from "../audit";
import { publishLive } from "../live";
import { type CaptureActor, notFound, viewerOf } from "./actor";
import type {
  askQuestionInput,
  markQuestionInput,
  questionToOutcomeInput,
  voteQuestionInput,
} from "./inputs";
import { cleanText, insertOutcome, publishOutcome } from "./outcomes";
import { loadQuestions, type QuestionRecord } from "./records";
import { callerOutcomeView, questionView } from "./views";

async function publishQuestion(tx: Transaction, actor: CaptureActor, id: string): Promise<QuestionRecord> {
  const [record] = await loadQuestions(tx, eq(Question.id, id));
  if (!record) throw notFound("question");
  await publishLive(tx, {
    seriesId: actor.seriesId,
    sessionId: record.sessionId,
    type: "question",
    data: record as unknown as Record<string, unknown>,
  });
  return record;
}

async function questionInSession(db: Database, questionId: string, actor: CaptureActor) {
  const row = await db.query.Question.findFirst({ where: eq(Question.id, questionId) });
  if (!row || row.sessionId !== actor.session.id) throw notFound("question");
  return row;
}

export async function askQuestion(
  db: Database,
  input: z.infer<typeof askQuestionInput>,
  actor: CaptureActor,
) {
  const text = cleanText(input.text);
  const record = await db.transaction(async (tx) => {
    const id = randomUUID();
    await tx.insert(Question).values({
      id,
      sessionId: actor.session.id,
      text,
      authorId: actor.participantId,
      anonymous: input.anonymous,
    });
    return publishQuestion(tx, actor, id);
  });
  return questionView(record, viewerOf(actor));
}

/** One upvote per participant; voting twice is harmless, and `up: false` takes it back. */
export async function voteQuestion(
  db: Database,
  input: z.infer<typeof voteQuestionInput>,
  actor: CaptureActor,
) {
  await questionInSession(db, input.questionId, actor);
  const record = await db.transaction(async (tx) => {
    if (input.up) {
      await tx
        .insert(QuestionVote)
        .values({ questionId: input.questionId, participantId: actor.participantId })
        .onConflictDoNothing();
    } else {
      await tx
        .delete(QuestionVote)
        .where(
          and(
            eq(QuestionVote.questionId, input.questionId),
            eq(QuestionVote.participantId, actor.participantId),
          ),
        );
    }
    return publishQuestion(tx, actor, input.questionId);
  });
  return questionView(record, viewerOf(actor));
}

export async function markQuestion(
  db: Database,
  input: z.infer<typeof markQuestionInput>,
  actor: CaptureActor,
) {
  await questionInSession(db, input.questionId, actor);
  const record = await db.transaction(async (tx) => {
    await tx
      .update(Question)
      .set({
        ...(input.answered !== undefined
          ? { status: input.answered ? ("answered" as const) : ("open" as const) }
          : {}),
        ...(input.highlighted !== undefined ? { highlighted: input.highlighted } : {}),
      })
      .where(eq(Question.id, input.questionId));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: actor.seriesId,
      action: "question.mark",
      target: `question:${input.questionId}`,
      details: { answered: input.answered, highlighted: input.highlighted },
    });
    return publishQuestion(tx, actor, input.questionId);
  });
  return questionView(record, viewerOf(actor));
}

/**
 * One step from a (highlighted) question to an outcome item. The asker stays the author unless the
 * question was anonymous; then the item is anonymous too. Doing it twice returns the same item.
 */
export async function questionToOutcome(
  db: Database,
  input: z.infer<typeof questionToOutcomeInput>,
  actor: CaptureActor,
) {
  const question = await questionInSession(db, input.questionId, actor);
  const record = await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(Question).where(eq(Question.id, question.id)).for("update");
    if (locked?.outcomeId) return publishOutcome(tx, locked.outcomeId);
    const outcomeId = await insertOutcome(tx, actor, {
      kind: input.kind,
      text: question.text,
      source: "question",
      ref: question.id,
      authorId: question.anonymous ? null : question.authorId,
      ...(question.anonymous ? { attribution: "anonymous" as const } : {}),
    });
    await tx.update(Question).set({ outcomeId, highlighted: true }).where(eq(Question.id, question.id));
    await publishQuestion(tx, actor, question.id);
    return publishOutcome(tx, outcomeId);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
