import { Availability, type Database, sql } from "@reeks/db";
import type { AvailabilityInput } from "@reeks/models";
import type { Actor } from "../actor";
import { DomainError } from "../domain-error";
import { type At, loadPoll, pollIsOpen, slotsOfSeries } from "./aggregate";

/** A member's answers; allowed while the poll is open and before its deadline. */
export async function saveAvailability(
  db: Database,
  input: AvailabilityInput & At,
  actor: Pick<Actor, "participantId">,
): Promise<void> {
  const now = input.now ?? new Date();
  const poll = await loadPoll(db, input.seriesId);
  if (!poll || !pollIsOpen(poll, now)) throw new DomainError("PRECONDITION_FAILED", "pollClosed");
  await slotsOfSeries(
    db,
    input.seriesId,
    input.answers.map((a) => a.slotId),
  );
  await db
    .insert(Availability)
    .values(
      input.answers.map((a) => ({
        participantId: actor.participantId,
        slotId: a.slotId,
        answer: a.answer,
        comment: a.comment || null,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [Availability.participantId, Availability.slotId],
      set: {
        answer: sql`excluded.answer`,
        comment: sql`excluded.comment`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}
