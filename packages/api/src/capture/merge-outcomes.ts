import { type Database, eq, inArray, Outcome, OutcomeLink, or, Poll, Question, sql } from "@reeks/db";
import type { z } from "zod";
import { withAudit } from "../audit";
import { DomainError } from "../domain-error";
import { badRequest, type CaptureActor, notFound, viewerOf } from "./actor";
import type { mergeOutcomesInput } from "./inputs";
import { publishItem } from "./live-events";
import { orderedPair, outcomeInSeries, outcomeInSession } from "./outcome-rules";
import { callerOutcomeView } from "./views";

/**
 * Folds a duplicate into the item that stays: the survivor gains the duplicate's provenance, links,
 * key flag and the questions/polls that pointed at it; the duplicate stays, marked merged, so
 * nothing captured is ever deleted.
 */
export async function mergeOutcomes(
  db: Database,
  input: z.infer<typeof mergeOutcomesInput>,
  actor: CaptureActor,
) {
  if (input.outcomeId === input.duplicateId) throw badRequest("mergeIntoItself");
  await outcomeInSession(db, input.outcomeId, actor);
  await outcomeInSeries(db, input.duplicateId, actor);
  const audit = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: "outcome.merge",
    target: `outcome:${input.outcomeId}`,
    details: { duplicateId: input.duplicateId },
  };
  const record = await withAudit(db, audit, async (tx) => {
    // Lock both rows in a fixed order so two merges of the same pair cannot deadlock.
    const rows = await tx
      .select()
      .from(Outcome)
      .where(inArray(Outcome.id, [input.outcomeId, input.duplicateId]))
      .orderBy(Outcome.id)
      .for("update");
    const keep = rows.find((r) => r.id === input.outcomeId);
    const duplicate = rows.find((r) => r.id === input.duplicateId);
    if (!keep || !duplicate) throw notFound("outcomeNotFound");
    if (keep.status === "merged" || duplicate.status === "merged") {
      throw new DomainError("CONFLICT", "alreadyMerged");
    }
    const now = new Date();
    await tx
      .update(Outcome)
      .set({
        provenance: [...keep.provenance, ...duplicate.provenance],
        key: keep.key || duplicate.key,
        version: sql`${Outcome.version} + 1`,
        updatedAt: now,
      })
      .where(eq(Outcome.id, keep.id));
    await tx
      .update(Outcome)
      .set({ status: "merged", mergedIntoId: keep.id, version: sql`${Outcome.version} + 1`, updatedAt: now })
      .where(eq(Outcome.id, duplicate.id));
    const links = await tx
      .select()
      .from(OutcomeLink)
      .where(or(eq(OutcomeLink.aId, duplicate.id), eq(OutcomeLink.bId, duplicate.id)));
    const touched = new Set<string>();
    for (const link of links) {
      const other = link.aId === duplicate.id ? link.bId : link.aId;
      touched.add(other);
      if (other === keep.id) continue;
      await tx
        .insert(OutcomeLink)
        .values({ ...orderedPair(keep.id, other), createdBy: link.createdBy })
        .onConflictDoNothing();
    }
    await tx
      .delete(OutcomeLink)
      .where(or(eq(OutcomeLink.aId, duplicate.id), eq(OutcomeLink.bId, duplicate.id)));
    await tx.update(Question).set({ outcomeId: keep.id }).where(eq(Question.outcomeId, duplicate.id));
    await tx.update(Poll).set({ outcomeId: keep.id }).where(eq(Poll.outcomeId, duplicate.id));
    await publishItem(tx, actor, "outcome", duplicate.id);
    for (const other of touched) if (other !== keep.id) await publishItem(tx, actor, "outcome", other);
    return publishItem(tx, actor, "outcome", keep.id);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
