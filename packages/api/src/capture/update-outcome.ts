import { and, type Database, eq, Outcome, sql } from "@reeks/db";
import type { z } from "zod";
import { withAudit } from "../audit";
import { assertThemeInSeries, badRequest, type CaptureActor, notFound, viewerOf } from "./actor";
import { VersionConflict } from "./conflict";
import type { updateOutcomeInput } from "./inputs";
import { publishItem } from "./live-events";
import { loadOutcome } from "./outcome-records";
import { checkActionFields, outcomeInSession, ownerColumns } from "./outcome-rules";
import { cleanText } from "./text";
import { callerOutcomeView } from "./views";

/**
 * A moderator's edit. It names the version it started from; if someone else saved in between, it
 * is refused with CONFLICT carrying the newer item, so neither edit disappears without anyone knowing.
 */
export async function updateOutcome(
  db: Database,
  input: z.infer<typeof updateOutcomeInput>,
  actor: CaptureActor,
) {
  const row = await outcomeInSession(db, input.outcomeId, actor);
  if (row.status === "merged") throw badRequest("mergedNotEditable");
  const text = input.text === undefined ? undefined : cleanText(input.text);
  if (input.themeId) await assertThemeInSeries(db, input.themeId, actor.seriesId);
  const kind = input.kind ?? row.kind;
  const owner = input.owner;
  const dueDate = input.dueDate;
  await checkActionFields(db, actor, { kind, owner, dueDate });
  // Turning an action into something else drops its owner and due date.
  const clearsActionFields = kind !== "action";
  const audit = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: "outcome.edit",
    target: `outcome:${row.id}`,
    details: { fromVersion: input.expectedVersion },
  };
  const record = await withAudit(db, audit, async (tx) => {
    const updated = await tx
      .update(Outcome)
      .set({
        ...(text !== undefined ? { text } : {}),
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.themeId ? { themeId: input.themeId } : {}),
        ...(input.attribution ? { attribution: input.attribution } : {}),
        ...(input.key !== undefined ? { key: input.key } : {}),
        ...(clearsActionFields ? { ownerParticipantId: null, ownerOrganisation: null, dueDate: null } : {}),
        ...(!clearsActionFields ? ownerColumns(owner) : {}),
        ...(!clearsActionFields && dueDate !== undefined ? { dueDate } : {}),
        version: sql`${Outcome.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(Outcome.id, row.id), eq(Outcome.version, input.expectedVersion)))
      .returning({ id: Outcome.id });
    if (updated.length === 0) {
      // Thrown inside the transaction, so the refused edit leaves no audit entry.
      const current = await loadOutcome(tx, row.id);
      if (!current) throw notFound("outcomeNotFound");
      throw new VersionConflict(callerOutcomeView(current, viewerOf(actor)));
    }
    return publishItem(tx, actor, "outcome", row.id);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
