import { randomUUID } from "node:crypto";
import { ActionReview, ActionReviewWindow, AgendaSeed, type Database, eq } from "@reeks/db";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { recordAudit } from "../audit";
import { publishLive } from "../live";
import { type CaptureActor, notFound, viewerOf } from "./actor";
import type { reviewActionInput, setReviewDeadlineInput, submitSeedInput } from "./inputs";
import { cleanText } from "./outcomes";
import { loadReviews, loadSeeds } from "./records";
import { reviewView, seedView } from "./views";

/** Agenda seeds: input members send in before the session; once it is live or over, that is closed. */
export async function submitSeed(db: Database, input: z.infer<typeof submitSeedInput>, actor: CaptureActor) {
  if (!["draft", "scheduled"].includes(actor.session.status)) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "agenda input closes when the session starts",
    });
  }
  const text = cleanText(input.text);
  const series = await db.query.Series.findFirst({
    where: (s, { eq: equals }) => equals(s.id, actor.seriesId),
    columns: { defaultAttribution: true },
  });
  const id = randomUUID();
  const record = await db.transaction(async (tx) => {
    await tx.insert(AgendaSeed).values({
      id,
      sessionId: actor.session.id,
      authorId: actor.participantId,
      text,
      attribution: input.attribution ?? series?.defaultAttribution ?? "chatham_house",
    });
    const seed = (await loadSeeds(tx, actor.session.id)).find((s) => s.id === id);
    if (!seed) throw notFound("seed");
    await publishLive(tx, {
      seriesId: actor.seriesId,
      sessionId: actor.session.id,
      type: "seed",
      data: seed as unknown as Record<string, unknown>,
    });
    return seed;
  });
  return seedView(record, viewerOf(actor));
}

export async function reviewDeadline(db: Database, sessionId: string): Promise<Date | null> {
  const row = await db.query.ActionReviewWindow.findFirst({
    where: eq(ActionReviewWindow.sessionId, sessionId),
  });
  return row?.deadline ?? null;
}

/** The organiser opens (or closes, with null) the review of this session's draft actions. */
export async function setReviewDeadline(
  db: Database,
  input: z.infer<typeof setReviewDeadlineInput>,
  actor: CaptureActor,
) {
  const deadline = input.deadline === null ? null : new Date(input.deadline);
  await db.transaction(async (tx) => {
    if (deadline === null) {
      await tx.delete(ActionReviewWindow).where(eq(ActionReviewWindow.sessionId, actor.session.id));
    } else {
      await tx
        .insert(ActionReviewWindow)
        .values({ sessionId: actor.session.id, deadline, setBy: actor.participantId })
        .onConflictDoUpdate({
          target: ActionReviewWindow.sessionId,
          set: { deadline, setBy: actor.participantId },
        });
    }
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: actor.seriesId,
      action: "review.deadline",
      target: `session:${actor.session.id}`,
      details: { deadline: deadline?.toISOString() ?? null },
    });
    await publishLive(tx, {
      seriesId: actor.seriesId,
      sessionId: actor.session.id,
      type: "session",
      data: { sessionId: actor.session.id, reviewDeadline: deadline?.toISOString() ?? null },
    });
  });
  return { reviewDeadline: deadline?.toISOString() ?? null };
}

/**
 * A member agrees with a draft action of this session, or comments on it, until the deadline.
 * One verdict per member per action; a new one replaces the old.
 */
export async function reviewAction(
  db: Database,
  input: z.infer<typeof reviewActionInput>,
  actor: CaptureActor,
  now: Date = new Date(),
) {
  const deadline = await reviewDeadline(db, actor.session.id);
  if (!deadline || now >= deadline) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "the review of these actions is closed" });
  }
  const outcome = await db.query.Outcome.findFirst({
    where: (o, { eq: equals }) => equals(o.id, input.outcomeId),
  });
  if (
    !outcome ||
    outcome.sessionId !== actor.session.id ||
    outcome.kind !== "action" ||
    !["proposed", "confirmed"].includes(outcome.status)
  ) {
    throw notFound("action");
  }
  const comment = input.verdict === "comment" && input.comment ? cleanText(input.comment) : null;
  const record = await db.transaction(async (tx) => {
    await tx
      .insert(ActionReview)
      .values({ outcomeId: outcome.id, participantId: actor.participantId, verdict: input.verdict, comment })
      .onConflictDoUpdate({
        target: [ActionReview.outcomeId, ActionReview.participantId],
        set: { verdict: input.verdict, comment, at: now },
      });
    const [review] = await loadReviews(tx, [outcome.id], actor.session.id);
    if (!review) throw notFound("review");
    await publishLive(tx, {
      seriesId: actor.seriesId,
      sessionId: actor.session.id,
      type: "review",
      data: review as unknown as Record<string, unknown>,
    });
    return review;
  });
  return reviewView(record, viewerOf(actor));
}
