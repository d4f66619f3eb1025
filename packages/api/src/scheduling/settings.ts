import {
  and,
  type Database,
  eq,
  inArray,
  Participant,
  SchedulingPoll,
  SchedulingRequiredParticipant,
} from "@reeks/db";
import { enqueueJobs } from "@reeks/jobs";
import type { PollSettingsInput } from "@reeks/models";
import { endOfLocalDay } from "@reeks/scheduling";
import { withAudit } from "../audit";
import { fieldError } from "../domain-error";
import { type At, loadSeries } from "./aggregate";
import { JOB_KINDS } from "./job-kinds";

const DAY_MS = 86_400_000;
/** Non-responders get a reminder this long before the deadline. */
export const POLL_REMINDER_BEFORE_MS = 3 * DAY_MS;

/** Creates or updates the poll's constraints and deadline; (re)schedules the non-responder reminder. */
export async function savePollSettings(
  db: Database,
  input: PollSettingsInput & At,
  actor: { personId: string },
): Promise<void> {
  const now = input.now ?? new Date();
  const series = await loadSeries(db, input.seriesId);
  let deadline: Date;
  try {
    deadline = endOfLocalDay(input.deadline, series.timeZone);
  } catch {
    throw fieldError(["deadline"], "invalidDate");
  }
  if (deadline <= now) throw fieldError(["deadline"], "deadlineInPast");
  const requiredIds = [...new Set(input.requiredParticipantIds)];
  if (requiredIds.length) {
    const found = await db
      .select({ id: Participant.id })
      .from(Participant)
      .where(
        and(
          eq(Participant.seriesId, input.seriesId),
          eq(Participant.status, "approved"),
          inArray(Participant.id, requiredIds),
        ),
      );
    if (found.length !== requiredIds.length) {
      throw fieldError(["requiredParticipantIds"], "requiredNotParticipant");
    }
  }
  const audit = {
    actorId: actor.personId,
    seriesId: input.seriesId,
    action: "scheduling.settings",
    details: {
      deadline: deadline.toISOString(),
      minGapDays: input.minGapDays,
      maxGapDays: input.maxGapDays,
    },
  };
  await withAudit(db, audit, async (tx) => {
    const values = {
      seriesId: input.seriesId,
      deadline,
      minGapDays: input.minGapDays,
      maxGapDays: input.maxGapDays,
      showAnswersToMembers: input.showAnswersToMembers,
      updatedAt: now,
    };
    const [poll] = await tx
      .insert(SchedulingPoll)
      .values(values)
      .onConflictDoUpdate({ target: SchedulingPoll.seriesId, set: values })
      .returning({ id: SchedulingPoll.id });
    if (!poll) throw new Error("poll upsert returned nothing");
    await tx.delete(SchedulingRequiredParticipant).where(eq(SchedulingRequiredParticipant.pollId, poll.id));
    if (requiredIds.length) {
      await tx
        .insert(SchedulingRequiredParticipant)
        .values(requiredIds.map((participantId) => ({ pollId: poll.id, participantId })));
    }
    // Keyed on the deadline: moving it schedules a new reminder, and the old one finds it stale.
    const remindAt = new Date(Math.max(now.getTime(), deadline.getTime() - POLL_REMINDER_BEFORE_MS));
    await enqueueJobs(tx, [
      {
        kind: JOB_KINDS.pollReminders,
        payload: { pollId: poll.id, deadline: deadline.toISOString() },
        idempotencyKey: `poll-reminders:${poll.id}:${deadline.toISOString()}`,
        runAt: remindAt,
      },
    ]);
  });
}
