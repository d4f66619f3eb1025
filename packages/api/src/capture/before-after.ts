import { randomUUID } from "node:crypto";
import { ActionReview, ActionReviewWindow, AgendaSeed, type Database, eq } from "@reeks/db";
import type { z } from "zod";
import { withAudit } from "../audit";
import { DomainError } from "../domain-error";
import { type CaptureActor, notFound, viewerOf } from "./actor";
import { mayUseGroup } from "./groups";
import type { reviewActionInput, setReviewDeadlineInput, submitSeedInput } from "./inputs";
import { publishCapture, publishItem } from "./live-events";
import { cleanText } from "./text";
import { reviewView, seedView } from "./views";

/** Agenda seeds: input members send in before the session; once it is live or over, that is closed. */
export async function submitSeed(db: Database, input: z.infer<typeof submitSeedInput>, actor: CaptureActor) {
  if (!["draft", "scheduled"].includes(actor.session.status)) {
    throw new DomainError("PRECONDITION_FAILED", "agendaInputClosed");
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
    return publishItem(tx, actor, "seed", id);
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
  const audit = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: "review.deadline",
    target: `session:${actor.session.id}`,
    details: { deadline: deadline?.toISOString() ?? null },
  };
  await withAudit(db, audit, async (tx) => {
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
    await publishCapture(tx, actor.seriesId, "session", {
      sessionId: actor.session.id,
      reviewDeadline: deadline?.toISOString() ?? null,
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
) {
  const now = new Date();
  const deadline = await reviewDeadline(db, actor.session.id);
  if (!deadline || now >= deadline) {
    throw new DomainError("PRECONDITION_FAILED", "reviewClosed");
  }
  const outcome = await db.query.Outcome.findFirst({
    where: (o, { eq: equals }) => equals(o.id, input.outcomeId),
  });
  if (
    !outcome ||
    outcome.sessionId !== actor.session.id ||
    outcome.kind !== "action" ||
    !["proposed", "confirmed"].includes(outcome.status) ||
    // An unshared group action is the group's: to anyone else it does not exist yet.
    (outcome.breakoutGroupId && !outcome.sharedAt && !(await mayUseGroup(db, actor, outcome.breakoutGroupId)))
  ) {
    throw notFound("actionNotFound");
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
    return publishItem(tx, actor, "review", outcome.id);
  });
  return reviewView(record, viewerOf(actor));
}
