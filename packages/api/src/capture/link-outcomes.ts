import { and, type Database, eq, OutcomeLink } from "@reeks/db";
import type { z } from "zod";
import { withAudit } from "../audit";
import { badRequest, type CaptureActor, viewerOf } from "./actor";
import type { linkOutcomesInput } from "./inputs";
import { publishItem } from "./live-events";
import { orderedPair, outcomeInSeries, outcomeInSession } from "./outcome-rules";
import { callerOutcomeView } from "./views";

/** Links two items of the series (this problem ↔ that action), possibly across sessions. */
export async function linkOutcomes(
  db: Database,
  input: z.infer<typeof linkOutcomesInput> & { unlink?: boolean },
  actor: CaptureActor,
) {
  if (input.outcomeId === input.otherId) throw badRequest("linkToItself");
  await outcomeInSession(db, input.outcomeId, actor);
  const other = await outcomeInSeries(db, input.otherId, actor);
  if (other.status === "merged") throw badRequest("linkMergedItem");
  const audit = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: input.unlink ? "outcome.unlink" : "outcome.link",
    target: `outcome:${input.outcomeId}`,
    details: { otherId: input.otherId },
  };
  const record = await withAudit(db, audit, async (tx) => {
    const pair = orderedPair(input.outcomeId, input.otherId);
    if (input.unlink) {
      await tx.delete(OutcomeLink).where(and(eq(OutcomeLink.aId, pair.aId), eq(OutcomeLink.bId, pair.bId)));
    } else {
      await tx
        .insert(OutcomeLink)
        .values({ ...pair, createdBy: actor.participantId })
        .onConflictDoNothing();
    }
    await publishItem(tx, actor, "outcome", input.otherId);
    return publishItem(tx, actor, "outcome", input.outcomeId);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
