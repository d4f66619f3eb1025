import { type Database, eq, Session, SessionCalendar, sql } from "@reeks/db";
import { enqueueJobs } from "@reeks/jobs";
import { withAudit } from "../audit";
import { DomainError } from "../domain-error";
import { sessionOfSeries } from "./aggregate";
import { JOB_KINDS } from "./job-kinds";

/** Cancels a scheduled session: everyone gets a CANCEL for the same UID with a higher SEQUENCE. */
export async function cancelSession(
  db: Database,
  input: { seriesId: string; sessionId: string },
  actor: { personId: string },
): Promise<{ sequence: number }> {
  const session = await sessionOfSeries(db, input);
  if (session.status !== "scheduled") throw new DomainError("PRECONDITION_FAILED", "onlyScheduledCancel");
  const cancelled = {
    actorId: actor.personId,
    seriesId: input.seriesId,
    action: "session.cancel",
    target: `session:${session.id}`,
  };
  return withAudit(db, cancelled, async (tx) => {
    const [calendar] = await tx
      .insert(SessionCalendar)
      .values({ sessionId: session.id, sequence: 1 })
      .onConflictDoUpdate({
        target: SessionCalendar.sessionId,
        set: { sequence: sql`${SessionCalendar.sequence} + 1`, updatedAt: sql`now()` },
      })
      .returning({ sequence: SessionCalendar.sequence });
    const sequence = calendar?.sequence ?? 1;
    await tx.update(Session).set({ status: "cancelled" }).where(eq(Session.id, session.id));
    await enqueueJobs(tx, [
      {
        kind: JOB_KINDS.invitations,
        payload: { sessionId: session.id, sequence, method: "CANCEL" },
        idempotencyKey: `invitations:${session.id}:${sequence}:CANCEL`,
      },
    ]);
    return { sequence };
  });
}
