import { type Database, eq, Outcome, sql } from "@reeks/db";
import type { z } from "zod";
import { withAudit } from "../audit";
import { badRequest, type CaptureActor, viewerOf } from "./actor";
import type { setOutcomeStatusInput } from "./inputs";
import { publishItem } from "./live-events";
import { outcomeInSession } from "./outcome-rules";
import { callerOutcomeView } from "./views";

const AUDIT_ACTION = { confirmed: "confirm", rejected: "reject", proposed: "reopen" } as const;

/** A moderator confirms, rejects or reopens an item of the session. */
export async function setOutcomeStatus(
  db: Database,
  input: z.infer<typeof setOutcomeStatusInput>,
  actor: CaptureActor,
) {
  const row = await outcomeInSession(db, input.outcomeId, actor);
  if (row.status === "merged") throw badRequest("mergedKeepsStatus");
  const audit = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: `outcome.${AUDIT_ACTION[input.status]}`,
    target: `outcome:${row.id}`,
    details: {},
  };
  const record = await withAudit(db, audit, async (tx) => {
    await tx
      .update(Outcome)
      .set({ status: input.status, version: sql`${Outcome.version} + 1`, updatedAt: new Date() })
      .where(eq(Outcome.id, row.id));
    return publishItem(tx, actor, "outcome", row.id);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
