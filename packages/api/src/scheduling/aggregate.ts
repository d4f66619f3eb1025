/**
 * The scheduling aggregate of a series (its poll, sessions, candidate slots and answers) and the
 * small lookups the use cases share. Each use case loads what it needs through here, once.
 */
import {
  Availability,
  and,
  asc,
  CandidateSlot,
  type Database,
  eq,
  inArray,
  Participant,
  Person,
  SchedulingPoll,
  SchedulingRequiredParticipant,
  Series,
  Session,
  Theme,
  type Transaction,
} from "@reeks/db";
import type { AvailabilityAnswer } from "@reeks/models";
import { instantToLocal } from "@reeks/scheduling";
import { DomainError, fieldError } from "../domain-error";

export type ParticipantRow = typeof Participant.$inferSelect;
export type PollRow = typeof SchedulingPoll.$inferSelect;
type SlotRow = typeof CandidateSlot.$inferSelect;

/** The moment a request is handled; tests pass their own. */
export interface At {
  now?: Date;
}

export interface SlotView {
  id: string;
  sessionId: string;
  /** Local date and times in the series' time zone, as the organiser typed them. */
  date: string;
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
}

export async function loadSeries(db: Database, seriesId: string) {
  const series = await db.query.Series.findFirst({ where: eq(Series.id, seriesId) });
  if (!series) throw new DomainError("NOT_FOUND", "seriesNotFound");
  return series;
}

export async function loadPoll(db: Database, seriesId: string): Promise<PollRow | null> {
  return (await db.query.SchedulingPoll.findFirst({ where: eq(SchedulingPoll.seriesId, seriesId) })) ?? null;
}

export function pollIsOpen(poll: PollRow, now: Date): boolean {
  return poll.status === "open" && now < poll.deadline;
}

/** The series' sessions in order, with their theme's title. */
export async function sessionsOfSeries(db: Database | Transaction, seriesId: string) {
  const rows = await db
    .select({ session: Session, title: Theme.title })
    .from(Session)
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .where(eq(Session.seriesId, seriesId))
    .orderBy(asc(Session.position));
  return rows.map((row) => ({ ...row.session, title: row.title }));
}

/** A session id from the input that is not of this series is a field error, never used. */
export async function sessionOfSeries(db: Database, input: { seriesId: string; sessionId: string }) {
  const session = await db.query.Session.findFirst({
    where: and(eq(Session.id, input.sessionId), eq(Session.seriesId, input.seriesId)),
  });
  if (!session) throw fieldError(["sessionId"], "unknownSession");
  return session;
}

/** Slot ids that do not belong to the series are reported as a field error, never silently used. */
export async function slotsOfSeries(db: Database, seriesId: string, slotIds: string[]) {
  if (slotIds.length === 0) return [];
  const rows = await db
    .select({
      id: CandidateSlot.id,
      sessionId: CandidateSlot.sessionId,
      startsAt: CandidateSlot.startsAt,
      endsAt: CandidateSlot.endsAt,
      position: Session.position,
    })
    .from(CandidateSlot)
    .innerJoin(Session, eq(Session.id, CandidateSlot.sessionId))
    .where(and(eq(Session.seriesId, seriesId), inArray(CandidateSlot.id, slotIds)));
  if (rows.length !== new Set(slotIds).size) throw fieldError(["slotIds"], "slotsNotInSeries");
  return rows;
}

export function slotView(slot: SlotRow, timeZone: string): SlotView {
  const start = instantToLocal(slot.startsAt, timeZone);
  const end = instantToLocal(slot.endsAt, timeZone);
  return {
    id: slot.id,
    sessionId: slot.sessionId,
    date: start.date,
    start: start.time,
    end: end.time,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
  };
}

/** One participant's answer for one candidate slot. */
export interface AnswerRow {
  participantId: string;
  slotId: string;
  answer: AvailabilityAnswer;
  comment: string | null;
}

export interface SchedulingAggregate {
  series: typeof Series.$inferSelect;
  poll: PollRow | null;
  sessions: Awaited<ReturnType<typeof sessionsOfSeries>>;
  /** Every candidate slot of the series, earliest first. */
  slots: SlotRow[];
  requiredIds: string[];
  /** The approved participants, by name. */
  people: Array<{ participantId: string; name: string; role: ParticipantRow["role"] }>;
  /** The approved participants' answers. */
  answers: AnswerRow[];
}

/** Everything the poll view and the solver read, loaded once. */
export async function loadSchedulingAggregate(db: Database, seriesId: string): Promise<SchedulingAggregate> {
  const series = await loadSeries(db, seriesId);
  const poll = await loadPoll(db, seriesId);
  const sessions = await sessionsOfSeries(db, seriesId);
  const slots = sessions.length
    ? await db
        .select()
        .from(CandidateSlot)
        .where(
          inArray(
            CandidateSlot.sessionId,
            sessions.map((s) => s.id),
          ),
        )
        .orderBy(asc(CandidateSlot.startsAt))
    : [];
  const required = poll
    ? await db
        .select({ participantId: SchedulingRequiredParticipant.participantId })
        .from(SchedulingRequiredParticipant)
        .where(eq(SchedulingRequiredParticipant.pollId, poll.id))
    : [];
  const people = await db
    .select({ participantId: Participant.id, name: Person.name, role: Participant.role })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(and(eq(Participant.seriesId, seriesId), eq(Participant.status, "approved")))
    .orderBy(asc(Person.name));
  const approved = new Set(people.map((p) => p.participantId));
  const answers = slots.length
    ? await db
        .select({
          participantId: Availability.participantId,
          slotId: Availability.slotId,
          answer: Availability.answer,
          comment: Availability.comment,
        })
        .from(Availability)
        .where(
          inArray(
            Availability.slotId,
            slots.map((s) => s.id),
          ),
        )
    : [];
  return {
    series,
    poll,
    sessions,
    slots,
    requiredIds: required.map((r) => r.participantId),
    people,
    answers: answers.filter((a) => approved.has(a.participantId)),
  };
}
