import { CandidateSlot, type Database, eq } from "@reeks/db";
import type { LocalSlotInput } from "@reeks/models";
import { LocalTimeError, localSlotToInstants } from "@reeks/scheduling";
import { withAudit } from "../audit";
import { fieldError } from "../domain-error";
import type { MessageKey } from "../messages";
import { loadSeries, type SlotView, sessionOfSeries, slotsOfSeries, slotView } from "./aggregate";

const TIME_PROBLEMS: Record<LocalTimeError["problem"], MessageKey> = {
  nonexistent_or_ambiguous: "timeNonexistentOrAmbiguous",
  end_before_start: "endBeforeStart",
  invalid: "invalidDateTime",
};

/** Adds candidate slots to one session of the series, typed in the series' local time. */
export async function addCandidateSlots(
  db: Database,
  input: { seriesId: string; sessionId: string; slots: LocalSlotInput[] },
  actor: { personId: string },
): Promise<SlotView[]> {
  const series = await loadSeries(db, input.seriesId);
  const session = await sessionOfSeries(db, input);
  const rows = input.slots.map((slot, index) => {
    try {
      return { sessionId: session.id, ...localSlotToInstants(slot, series.timeZone) };
    } catch (error) {
      if (error instanceof LocalTimeError) {
        throw fieldError(["slots", index, error.field], TIME_PROBLEMS[error.problem]);
      }
      throw error;
    }
  });
  const added = (inserted: SlotView[]) => ({
    actorId: actor.personId,
    seriesId: input.seriesId,
    action: "scheduling.slots.add",
    target: `session:${session.id}`,
    details: { count: inserted.length },
  });
  return withAudit(db, added, async (tx) => {
    const inserted = await tx.insert(CandidateSlot).values(rows).returning();
    return inserted.map((slot) => slotView(slot, series.timeZone));
  });
}

export async function removeCandidateSlot(
  db: Database,
  input: { seriesId: string; slotId: string },
  actor: { personId: string },
): Promise<void> {
  await slotsOfSeries(db, input.seriesId, [input.slotId]);
  const removed = {
    actorId: actor.personId,
    seriesId: input.seriesId,
    action: "scheduling.slots.remove",
    target: `slot:${input.slotId}`,
  };
  await withAudit(db, removed, async (tx) => {
    await tx.delete(CandidateSlot).where(eq(CandidateSlot.id, input.slotId));
  });
}
