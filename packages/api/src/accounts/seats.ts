import {
  and,
  asc,
  type Database,
  eq,
  inArray,
  isNull,
  Participant,
  Person,
  Series,
  type Transaction,
} from "@reeks/db";
import { enqueueJobs } from "@reeks/jobs";
import { DEFAULT_REGISTRATION_SETTINGS, type RegistrationSettings } from "@reeks/models";
import { recordAudit } from "../audit";
import { countApproved } from "./lists";

/** Job kind: mails after a place was freed (the promoted people, or the organisers). */
export const SEAT_FREED_JOB = "registration.seat-freed";

export interface SeatFreedPayload {
  seriesId: string;
  /** Participants moved from the waiting list to approved; empty when the organisers decide. */
  promoted: string[];
}

type Executor = Transaction | Database;

/**
 * Locks the series row for the rest of the transaction. Every change to who holds a place (a
 * registration, an approval, a freed place) takes this lock first, so two of them for the last place
 * are decided one after the other and never both get it.
 */
export async function lockSeriesPlaces(tx: Executor, seriesId: string) {
  const [series] = await tx.select().from(Series).where(eq(Series.id, seriesId)).for("update");
  return series ?? null;
}

/** Whether every place is taken (never when the series has no capacity). */
export async function seriesIsFull(tx: Executor, series: { id: string; capacity: number | null }) {
  return series.capacity != null && (await countApproved(tx, series.id)) >= series.capacity;
}

/**
 * After a place was freed (a decline, a withdrawal, an erasure, an unconfirmed registration lapsing, a
 * higher capacity): with automatic approval the first people on the waiting list move up at once, as
 * they would have been approved had there been room when they registered; with approval required the
 * organisers are told, because they chose to decide on every person themselves. Call inside the
 * transaction of the change that freed the place; the mails go out through the job queue after it
 * commits. `cause` makes the job unique per change (a retried transaction enqueues it once).
 */
export async function fillFreedPlaces(
  tx: Transaction,
  seriesId: string,
  cause: string,
  /** `notify: false` when the organisers freed the places themselves (a higher capacity). */
  options: { except?: string[]; notify?: boolean } = {},
): Promise<string[]> {
  const series = await lockSeriesPlaces(tx, seriesId);
  if (!series || series.purgedAt) return [];
  if (series.status === "finished" || series.status === "archived") return [];
  const settings: RegistrationSettings = series.registration ?? DEFAULT_REGISTRATION_SETTINGS;
  // No capacity (any more): room for everyone waiting.
  const free =
    series.capacity == null
      ? Number.POSITIVE_INFINITY
      : series.capacity - (await countApproved(tx, seriesId));
  if (free <= 0) return [];
  const waiting = await tx
    .select({ id: Participant.id })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(
      and(eq(Participant.seriesId, seriesId), eq(Participant.status, "waitlisted"), isNull(Person.erasedAt)),
    )
    .orderBy(asc(Participant.createdAt), asc(Participant.id));
  const candidates = waiting.filter((w) => !options.except?.includes(w.id));
  if (candidates.length === 0) return [];
  let promoted: string[] = [];
  if (settings.approval === "automatic") {
    promoted = candidates.slice(0, Math.min(free, candidates.length)).map((c) => c.id);
    const now = new Date();
    await tx
      .update(Participant)
      .set({ status: "approved", decidedAt: now, updatedAt: now })
      .where(inArray(Participant.id, promoted));
    for (const id of promoted) {
      await recordAudit(tx, {
        actorId: null,
        seriesId,
        action: "registration.promote",
        target: `participant:${id}`,
        details: { from: "waitlisted", to: "approved", cause },
      });
    }
  }
  if (promoted.length === 0 && options.notify === false) return [];
  await enqueueJobs(tx, [
    {
      kind: SEAT_FREED_JOB,
      idempotencyKey: `${SEAT_FREED_JOB}:${seriesId}:${cause}`,
      payload: { seriesId, promoted } satisfies SeatFreedPayload,
    },
  ]);
  return promoted;
}
