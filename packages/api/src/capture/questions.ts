import { randomUUID } from "node:crypto";
import { and, type Database, eq, Question, QuestionVote } from "@reeks/db";
import type { z } from "zod";
import { withAudit } from "../audit";
import { type CaptureActor, notFound, viewerOf } from "./actor";
import type {
  askQuestionInput,
  markQuestionInput,
  questionToOutcomeInput,
  voteQuestionInput,
} from "./inputs";
import { publishItem } from "./live-events";
import { insertOutcome } from "./outcome-rules";
import { cleanText } from "./text";
import { callerOutcomeView, questionView } from "./views";

async function questionInSession(db: Database, questionId: string, actor: CaptureActor) {
  const row = await db.query.Question.findFirst({ where: eq(Question.id, questionId) });
  if (!row || row.sessionId !== actor.session.id) throw notFound("questionNotFound");
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
    return publishItem(tx, actor, "question", id);
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
    return publishItem(tx, actor, "question", input.questionId);
  });
  return questionView(record, viewerOf(actor));
}

export async function markQuestion(
  db: Database,
  input: z.infer<typeof markQuestionInput>,
  actor: CaptureActor,
) {
  await questionInSession(db, input.questionId, actor);
  const audit = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: "question.mark",
    target: `question:${input.questionId}`,
    details: { answered: input.answered, highlighted: input.highlighted },
  };
  const record = await withAudit(db, audit, async (tx) => {
    await tx
      .update(Question)
      .set({
        ...(input.answered !== undefined
          ? { status: input.answered ? ("answered" as const) : ("open" as const) }
          : {}),
        ...(input.highlighted !== undefined ? { highlighted: input.highlighted } : {}),
      })
      .where(eq(Question.id, input.questionId));
    return publishItem(tx, actor, "question", input.questionId);
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
    if (locked?.outcomeId) return publishItem(tx, actor, "outcome", locked.outcomeId);
    const outcomeId = await insertOutcome(tx, actor, {
      kind: input.kind,
      text: question.text,
      source: "question",
      ref: question.id,
      authorId: question.anonymous ? null : question.authorId,
      ...(question.anonymous ? { attribution: "anonymous" as const } : {}),
    });
    await tx.update(Question).set({ outcomeId, highlighted: true }).where(eq(Question.id, question.id));
    await publishItem(tx, actor, "question", question.id);
    return publishItem(tx, actor, "outcome", outcomeId);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
