import {
  AgendaSegment,
  AgendaTimer,
  and,
  type Database,
  eq,
  inArray,
  Participant,
  Poll,
  Question,
} from "@reeks/db";
import type { AgendaSegmentInput, AgendaView } from "@reeks/models";
import type { SessionActor } from "../actor";
import { withAudit } from "../audit";
import { VersionConflict } from "../capture/conflict";
import { cleanText, sanitizeText } from "../capture/text";
import { DomainError } from "../domain-error";
import {
  agendaAudit,
  type Clock,
  databaseClock,
  loadAgenda,
  lockTimer,
  publishAgenda,
  segmentsOf,
} from "./records";

/** Sessions that are over keep their agenda as it ran: planned vs actual must not change afterwards. */
export function assertAgendaEditable(session: { status: string }): void {
  if (session.status === "ended" || session.status === "cancelled") {
    throw new DomainError("PRECONDITION_FAILED", "agendaSessionOver");
  }
}

async function assertLinksInSession(db: Database, sessionId: string, segments: AgendaSegmentInput[]) {
  const questionIds = [...new Set(segments.flatMap((s) => s.questionIds))];
  const pollIds = [...new Set(segments.flatMap((s) => s.pollIds))];
  if (questionIds.length > 0) {
    const found = await db
      .select({ id: Question.id })
      .from(Question)
      .where(and(eq(Question.sessionId, sessionId), inArray(Question.id, questionIds)));
    if (found.length !== questionIds.length) throw new DomainError("NOT_FOUND", "questionNotFound");
  }
  if (pollIds.length > 0) {
    const found = await db
      .select({ id: Poll.id })
      .from(Poll)
      .where(and(eq(Poll.sessionId, sessionId), inArray(Poll.id, pollIds)));
    if (found.length !== pollIds.length) throw new DomainError("NOT_FOUND", "pollNotFound");
  }
}

async function assertSpeakersInSeries(db: Database, seriesId: string, segments: AgendaSegmentInput[]) {
  const ids = [...new Set(segments.flatMap((s) => (s.speakerId ? [s.speakerId] : [])))];
  if (ids.length === 0) return;
  const found = await db
    .select({ id: Participant.id })
    .from(Participant)
    .where(and(eq(Participant.seriesId, seriesId), inArray(Participant.id, ids)));
  if (found.length !== ids.length) throw new DomainError("NOT_FOUND", "agendaSpeakerNotFound");
}

/**
 * Replaces the session's agenda with the list as the editor has it: segments with an id keep their
 * actual times (the agenda may be edited while it runs), new ones are added, missing ones removed.
 * The editor names the version it started from; a concurrent edit or timer step makes that a conflict
 * that carries the agenda as it now is.
 */
export async function saveAgenda(
  db: Database,
  input: { version: number; segments: AgendaSegmentInput[] },
  actor: SessionActor,
  clock: Clock = databaseClock,
): Promise<AgendaView> {
  const session = actor.session;
  assertAgendaEditable(session);
  await assertLinksInSession(db, session.id, input.segments);
  await assertSpeakersInSeries(db, actor.seriesId, input.segments);
  await withAudit(
    db,
    (v: number) => agendaAudit(actor, "save", { version: v, segments: input.segments.length }),
    async (tx) => {
      const timer = await lockTimer(tx, session.id);
      if (timer.version !== input.version) {
        throw new VersionConflict(await loadAgenda(tx, session.id, clock));
      }
      const existing = await segmentsOf(tx, session.id);
      const known = new Set(existing.map((s) => s.id));
      const kept = new Set(input.segments.flatMap((s) => (s.id ? [s.id] : [])));
      if (input.segments.some((s) => s.id && !known.has(s.id))) {
        throw new DomainError("NOT_FOUND", "agendaSegmentNotFound");
      }
      if (kept.size !== input.segments.filter((s) => s.id).length) {
        throw new DomainError("BAD_REQUEST", "agendaSegmentTwice");
      }
      if (timer.currentSegmentId && !timer.finishedAt && !kept.has(timer.currentSegmentId)) {
        throw new DomainError("CONFLICT", "agendaSegmentRunning");
      }
      const removed = existing.filter((s) => !kept.has(s.id)).map((s) => s.id);
      if (removed.length > 0) await tx.delete(AgendaSegment).where(inArray(AgendaSegment.id, removed));
      // Out of the way first: (session, position) is unique, and the new order may swap two.
      for (const [i, s] of existing.filter((e) => kept.has(e.id)).entries()) {
        await tx
          .update(AgendaSegment)
          .set({ position: -1 - i })
          .where(eq(AgendaSegment.id, s.id));
      }
      for (const [position, s] of input.segments.entries()) {
        const en = s.title.en ? sanitizeText(s.title.en) : "";
        const values = {
          position,
          title: { nl: cleanText(s.title.nl), ...(en ? { en } : {}) },
          kind: s.kind,
          plannedMinutes: s.plannedMinutes,
          speakerId: s.speakerId,
          questionIds: [...new Set(s.questionIds)],
          pollIds: [...new Set(s.pollIds)],
        };
        if (s.id) await tx.update(AgendaSegment).set(values).where(eq(AgendaSegment.id, s.id));
        else await tx.insert(AgendaSegment).values({ ...values, sessionId: session.id });
      }
      const next = timer.version + 1;
      await tx
        .update(AgendaTimer)
        .set({ version: next, updatedAt: new Date() })
        .where(eq(AgendaTimer.sessionId, session.id));
      await publishAgenda(tx, session, next);
      return next;
    },
  );
  return loadAgenda(db, session.id, clock);
}
