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
  SessionCalendar,
  sql,
  Theme,
} from "@reeks/db";
import { enqueueJobs } from "@reeks/jobs";
import {
  type AvailabilityAnswer,
  type AvailabilityInput,
  type LocalizedText,
  type LocalSlotInput,
  type PollSettingsInput,
  pickLocale,
} from "@reeks/models";
import {
  endOfLocalDay,
  instantToLocal,
  LocalTimeError,
  localDayNumber,
  localSlotToInstants,
  type Plan,
  solveSchedule,
} from "@reeks/scheduling";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../audit";
import { badRequestField } from "../errors";
import { JOB_KINDS } from "./job-kinds";

type ParticipantRow = typeof Participant.$inferSelect;

const DAY_MS = 86_400_000;
/** Non-responders get a reminder this long before the deadline. */
export const POLL_REMINDER_BEFORE_MS = 3 * DAY_MS;
export const SESSION_REMINDERS = [
  { which: "day", beforeMs: DAY_MS },
  { which: "hour", beforeMs: 3_600_000 },
] as const;

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

export interface PollView {
  seriesId: string;
  timeZone: string;
  poll: {
    status: "open" | "confirmed";
    deadline: string;
    /** The local date of the deadline's day. */
    deadlineDate: string;
    minGapDays: number;
    maxGapDays: number | null;
    showAnswersToMembers: boolean;
    requiredParticipantIds: string[];
    open: boolean;
  } | null;
  sessions: Array<{
    id: string;
    position: number;
    title: LocalizedText;
    status: string;
    startsAt: string | null;
    slots: SlotView[];
  }>;
  /** Everyone whose answers the viewer may see (only the viewer, unless answers are shared). */
  people: Array<{ participantId: string; name: string; role: string; required: boolean }>;
  answers: Array<{
    participantId: string;
    slotId: string;
    answer: AvailabilityAnswer;
    comment: string | null;
  }>;
  /** The viewer's own participant id. */
  me: string;
}

async function loadSeries(db: Database, seriesId: string) {
  const series = await db.query.Series.findFirst({ where: eq(Series.id, seriesId) });
  if (!series) throw new TRPCError({ code: "NOT_FOUND", message: "series not found" });
  return series;
}

async function loadPoll(db: Database, seriesId: string) {
  return (await db.query.SchedulingPoll.findFirst({ where: eq(SchedulingPoll.seriesId, seriesId) })) ?? null;
}

function pollIsOpen(poll: typeof SchedulingPoll.$inferSelect, now: Date): boolean {
  return poll.status === "open" && now < poll.deadline;
}

/** The poll as the viewer may see it: organisers see everyone's answers, members per the setting. */
export async function getPollView(
  db: Database,
  seriesId: string,
  viewer: ParticipantRow,
  options: { asOrganiser: boolean; now?: Date },
): Promise<PollView> {
  const series = await loadSeries(db, seriesId);
  const poll = await loadPoll(db, seriesId);
  const sessions = await db
    .select({
      id: Session.id,
      position: Session.position,
      status: Session.status,
      startsAt: Session.startsAt,
      title: Theme.title,
    })
    .from(Session)
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .where(eq(Session.seriesId, seriesId))
    .orderBy(asc(Session.position));
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
  const requiredIds = required.map((r) => r.participantId);
  const seeEveryone = options.asOrganiser || poll?.showAnswersToMembers === true;
  const people = await db
    .select({ participantId: Participant.id, name: Person.name, role: Participant.role })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(
      and(
        eq(Participant.seriesId, seriesId),
        eq(Participant.status, "approved"),
        seeEveryone ? undefined : eq(Participant.id, viewer.id),
      ),
    )
    .orderBy(asc(Person.name));
  const slotIds = slots.map((s) => s.id);
  const answers = slotIds.length
    ? await db
        .select({
          participantId: Availability.participantId,
          slotId: Availability.slotId,
          answer: Availability.answer,
          comment: Availability.comment,
        })
        .from(Availability)
        .where(
          and(
            inArray(Availability.slotId, slotIds),
            inArray(
              Availability.participantId,
              people.map((p) => p.participantId),
            ),
          ),
        )
    : [];
  const tz = series.timeZone;
  const now = options.now ?? new Date();
  return {
    seriesId,
    timeZone: tz,
    poll: poll
      ? {
          status: poll.status,
          deadline: poll.deadline.toISOString(),
          // The deadline is the end of its day: the day itself is the one before local midnight.
          deadlineDate: instantToLocal(new Date(poll.deadline.getTime() - 1), tz).date,
          minGapDays: poll.minGapDays,
          maxGapDays: poll.maxGapDays,
          showAnswersToMembers: poll.showAnswersToMembers,
          requiredParticipantIds: requiredIds,
          open: pollIsOpen(poll, now),
        }
      : null,
    sessions: sessions.map((s) => ({
      id: s.id,
      position: s.position,
      title: s.title,
      status: s.status,
      startsAt: s.startsAt?.toISOString() ?? null,
      slots: slots.filter((slot) => slot.sessionId === s.id).map((slot) => slotView(slot, tz)),
    })),
    people: people.map((p) => ({ ...p, required: requiredIds.includes(p.participantId) })),
    answers,
    me: viewer.id,
  };
}

function slotView(slot: typeof CandidateSlot.$inferSelect, timeZone: string): SlotView {
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

/** Creates or updates the poll's constraints and deadline; (re)schedules the non-responder reminder. */
export async function savePollSettings(
  db: Database,
  input: PollSettingsInput,
  actor: { personId: string },
  now: Date = new Date(),
): Promise<void> {
  const series = await loadSeries(db, input.seriesId);
  let deadline: Date;
  try {
    deadline = endOfLocalDay(input.deadline, series.timeZone);
  } catch {
    throw badRequestField(["deadline"], { nl: "Ongeldige datum", en: "Invalid date" });
  }
  if (deadline <= now) {
    throw badRequestField(["deadline"], {
      nl: "De deadline moet in de toekomst liggen",
      en: "The deadline must be in the future",
    });
  }
  if (input.requiredParticipantIds.length) {
    const found = await db
      .select({ id: Participant.id })
      .from(Participant)
      .where(
        and(
          eq(Participant.seriesId, input.seriesId),
          eq(Participant.status, "approved"),
          inArray(Participant.id, input.requiredParticipantIds),
        ),
      );
    if (found.length !== new Set(input.requiredParticipantIds).size) {
      throw badRequestField(["requiredParticipantIds"], {
        nl: "Alleen goedgekeurde deelnemers van deze reeks kunnen verplicht zijn",
        en: "Only approved participants of this series can be required",
      });
    }
  }
  await db.transaction(async (tx) => {
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
    if (input.requiredParticipantIds.length) {
      await tx.insert(SchedulingRequiredParticipant).values(
        [...new Set(input.requiredParticipantIds)].map((participantId) => ({
          pollId: poll.id,
          participantId,
        })),
      );
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
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: input.seriesId,
      action: "scheduling.settings",
      details: {
        deadline: deadline.toISOString(),
        minGapDays: input.minGapDays,
        maxGapDays: input.maxGapDays,
      },
    });
  });
}

const TIME_MESSAGES = {
  nonexistent_or_ambiguous: {
    nl: "Deze tijd bestaat niet of komt twee keer voor door de overgang naar zomer- of wintertijd",
    en: "This time does not exist or occurs twice because of the daylight-saving change",
  },
  end_before_start: { nl: "Het einde moet na het begin liggen", en: "The end must be after the start" },
  invalid: { nl: "Ongeldige datum of tijd", en: "Invalid date or time" },
} as const;

/** Adds candidate slots to one session of the series, typed in the series' local time. */
export async function addCandidateSlots(
  db: Database,
  input: { seriesId: string; sessionId: string; slots: LocalSlotInput[] },
  actor: { personId: string },
): Promise<SlotView[]> {
  const series = await loadSeries(db, input.seriesId);
  const session = await db.query.Session.findFirst({
    where: and(eq(Session.id, input.sessionId), eq(Session.seriesId, input.seriesId)),
  });
  if (!session) throw badRequestField(["sessionId"], { nl: "Onbekende sessie", en: "Unknown session" });
  const rows = input.slots.map((slot, index) => {
    try {
      return { sessionId: session.id, ...localSlotToInstants(slot, series.timeZone) };
    } catch (error) {
      if (error instanceof LocalTimeError) {
        throw badRequestField(["slots", index, error.field], TIME_MESSAGES[error.problem]);
      }
      throw error;
    }
  });
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(CandidateSlot).values(rows).returning();
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: input.seriesId,
      action: "scheduling.slots.add",
      target: `session:${session.id}`,
      details: { count: inserted.length },
    });
    return inserted.map((slot) => slotView(slot, series.timeZone));
  });
}

/** Slot ids that do not belong to the series are reported as a field error, never silently used. */
async function slotsOfSeries(db: Database, seriesId: string, slotIds: string[]) {
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
  if (rows.length !== new Set(slotIds).size) {
    throw badRequestField(["slotIds"], {
      nl: "Een of meer tijdsloten horen niet bij deze reeks",
      en: "One or more slots do not belong to this series",
    });
  }
  return rows;
}

export async function removeCandidateSlot(
  db: Database,
  input: { seriesId: string; slotId: string },
  actor: { personId: string },
): Promise<void> {
  await slotsOfSeries(db, input.seriesId, [input.slotId]);
  await db.transaction(async (tx) => {
    await tx.delete(CandidateSlot).where(eq(CandidateSlot.id, input.slotId));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: input.seriesId,
      action: "scheduling.slots.remove",
      target: `slot:${input.slotId}`,
    });
  });
}

/** A member's answers; allowed while the poll is open and before its deadline. */
export async function saveAvailability(
  db: Database,
  input: AvailabilityInput,
  participant: ParticipantRow,
  now: Date = new Date(),
): Promise<void> {
  const poll = await loadPoll(db, input.seriesId);
  if (!poll || !pollIsOpen(poll, now)) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "the poll is closed" });
  }
  await slotsOfSeries(
    db,
    input.seriesId,
    input.answers.map((a) => a.slotId),
  );
  await db.transaction(async (tx) => {
    await tx
      .insert(Availability)
      .values(
        input.answers.map((a) => ({
          participantId: participant.id,
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
  });
}

export interface SuggestedPlan {
  slots: SlotView[];
  score: Plan["score"];
  /** Per session (in order): who would miss it, by name. */
  missing: Array<{ sessionId: string; people: Array<{ participantId: string; name: string }> }>;
  ifNeedBe: Array<{ sessionId: string; people: Array<{ participantId: string; name: string }> }>;
}

export interface Suggestion {
  plans: SuggestedPlan[];
  /** People counted: approved participants who answered at least once, plus required people. */
  respondents: number;
  sessionsWithoutSlots: number[];
}

/** Runs the exact solver over the poll's answers. */
export async function suggestSchedule(db: Database, seriesId: string, maxPlans = 4): Promise<Suggestion> {
  const series = await loadSeries(db, seriesId);
  const poll = await loadPoll(db, seriesId);
  const sessions = await db.query.Session.findMany({
    where: eq(Session.seriesId, seriesId),
    orderBy: asc(Session.position),
  });
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
  const sessionsWithoutSlots = sessions
    .filter((s) => !slots.some((slot) => slot.sessionId === s.id))
    .map((s) => s.position);
  const people = await db
    .select({ participantId: Participant.id, name: Person.name })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(and(eq(Participant.seriesId, seriesId), eq(Participant.status, "approved")));
  const answers = slots.length
    ? await db
        .select()
        .from(Availability)
        .where(
          inArray(
            Availability.slotId,
            slots.map((s) => s.id),
          ),
        )
    : [];
  const required = poll
    ? (
        await db
          .select({ id: SchedulingRequiredParticipant.participantId })
          .from(SchedulingRequiredParticipant)
          .where(eq(SchedulingRequiredParticipant.pollId, poll.id))
      ).map((r) => r.id)
    : [];
  const answersByPerson = new Map<string, Record<string, AvailabilityAnswer>>();
  for (const a of answers) {
    const own = answersByPerson.get(a.participantId) ?? {};
    own[a.slotId] = a.answer;
    answersByPerson.set(a.participantId, own);
  }
  // Someone who never answered would count as missing everywhere and change nothing but the noise.
  const counted = people.filter(
    (p) => answersByPerson.has(p.participantId) || required.includes(p.participantId),
  );
  const names = new Map(people.map((p) => [p.participantId, p.name]));
  const tz = series.timeZone;
  if (sessionsWithoutSlots.length > 0)
    return { plans: [], respondents: counted.length, sessionsWithoutSlots };
  const result = solveSchedule({
    sessions: sessions.map((s) =>
      slots
        .filter((slot) => slot.sessionId === s.id)
        .map((slot) => ({
          id: slot.id,
          startsAt: slot.startsAt.getTime(),
          endsAt: slot.endsAt.getTime(),
          localDay: localDayNumber(slot.startsAt, tz),
        })),
    ),
    people: counted.map((p) => ({
      id: p.participantId,
      answers: answersByPerson.get(p.participantId) ?? {},
    })),
    requiredPeople: required,
    minGapDays: poll?.minGapDays ?? 0,
    maxGapDays: poll?.maxGapDays ?? null,
    maxPlans,
  });
  const slotById = new Map(slots.map((s) => [s.id, s]));
  const named = (ids: string[]) =>
    ids.map((participantId) => ({ participantId, name: names.get(participantId) ?? "?" }));
  return {
    respondents: counted.length,
    sessionsWithoutSlots,
    plans: result.plans.map((plan) => ({
      slots: plan.slotIds.flatMap((id) => {
        const slot = slotById.get(id);
        return slot ? [slotView(slot, tz)] : [];
      }),
      score: plan.score,
      missing: plan.sessions.map((s, i) => ({ sessionId: sessions[i]?.id ?? "", people: named(s.missing) })),
      ifNeedBe: plan.sessions.map((s, i) => ({
        sessionId: sessions[i]?.id ?? "",
        people: named(s.ifNeedBe),
      })),
    })),
  };
}

/**
 * Schedules the sessions on the chosen slots (the recommended plan or the organiser's own pick):
 * one slot per session, in the sessions' order. Invitations and reminders are queued in the same
 * transaction, so a confirmed schedule always has its mails on the way.
 */
export async function confirmSchedule(
  db: Database,
  input: { seriesId: string; slotIds: string[] },
  actor: { personId: string },
): Promise<{ sessions: Array<{ id: string; startsAt: string; sequence: number }> }> {
  const chosen = await slotsOfSeries(db, input.seriesId, input.slotIds);
  const sessions = await db.query.Session.findMany({
    where: eq(Session.seriesId, input.seriesId),
    orderBy: asc(Session.position),
  });
  const ordered = sessions.map((s) => chosen.find((c) => c.sessionId === s.id));
  if (chosen.length !== sessions.length || ordered.some((c) => !c)) {
    throw badRequestField(["slotIds"], {
      nl: "Kies precies één tijdslot voor elke sessie",
      en: "Choose exactly one slot for every session",
    });
  }
  const picks = ordered.filter((c): c is NonNullable<typeof c> => c !== undefined);
  for (let i = 1; i < picks.length; i++) {
    const previous = picks[i - 1];
    const next = picks[i];
    if (previous && next && next.startsAt < previous.endsAt) {
      throw badRequestField(["slotIds"], {
        nl: "De sessies moeten in volgorde plaatsvinden",
        en: "The sessions must take place in order",
      });
    }
  }
  return db.transaction(async (tx) => {
    const out: Array<{ id: string; startsAt: string; sequence: number }> = [];
    const jobs: Parameters<typeof enqueueJobs>[1] = [];
    for (const [index, session] of sessions.entries()) {
      const pick = picks[index];
      if (!pick) continue;
      const unchanged =
        session.status === "scheduled" &&
        session.startsAt?.getTime() === pick.startsAt.getTime() &&
        session.durationMinutes === Math.round((pick.endsAt.getTime() - pick.startsAt.getTime()) / 60_000);
      const [calendar] = await tx
        .insert(SessionCalendar)
        .values({ sessionId: session.id, sequence: 0 })
        .onConflictDoUpdate({
          target: SessionCalendar.sessionId,
          // An unchanged session keeps its sequence: calendars already have the right event.
          set: { sequence: sql`${SessionCalendar.sequence} + ${unchanged ? 0 : 1}`, updatedAt: sql`now()` },
        })
        .returning({ sequence: SessionCalendar.sequence });
      const sequence = calendar?.sequence ?? 0;
      await tx
        .update(Session)
        .set({
          startsAt: pick.startsAt,
          durationMinutes: Math.round((pick.endsAt.getTime() - pick.startsAt.getTime()) / 60_000),
          status: "scheduled",
        })
        .where(eq(Session.id, session.id));
      out.push({ id: session.id, startsAt: pick.startsAt.toISOString(), sequence });
      if (unchanged) continue;
      jobs.push({
        kind: JOB_KINDS.invitations,
        payload: { sessionId: session.id, sequence, method: "REQUEST" },
        idempotencyKey: `invitations:${session.id}:${sequence}:REQUEST`,
      });
      for (const reminder of SESSION_REMINDERS) {
        jobs.push({
          kind: JOB_KINDS.sessionReminders,
          payload: { sessionId: session.id, startsAt: pick.startsAt.toISOString(), which: reminder.which },
          idempotencyKey: `session-reminders:${session.id}:${pick.startsAt.toISOString()}:${reminder.which}`,
          runAt: new Date(pick.startsAt.getTime() - reminder.beforeMs),
        });
      }
    }
    await enqueueJobs(tx, jobs);
    await tx
      .update(SchedulingPoll)
      .set({ status: "confirmed", confirmedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(SchedulingPoll.seriesId, input.seriesId));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: input.seriesId,
      action: "scheduling.confirm",
      details: { slotIds: picks.map((p) => p.id) },
    });
    return { sessions: out };
  });
}

/** Cancels a scheduled session: everyone gets a CANCEL for the same UID with a higher SEQUENCE. */
export async function cancelSession(
  db: Database,
  input: { seriesId: string; sessionId: string },
  actor: { personId: string },
): Promise<{ sequence: number }> {
  const session = await db.query.Session.findFirst({
    where: and(eq(Session.id, input.sessionId), eq(Session.seriesId, input.seriesId)),
  });
  if (!session) throw badRequestField(["sessionId"], { nl: "Onbekende sessie", en: "Unknown session" });
  if (session.status !== "scheduled") {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "only a scheduled session can be cancelled",
    });
  }
  return db.transaction(async (tx) => {
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
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: input.seriesId,
      action: "session.cancel",
      target: `session:${session.id}`,
    });
    return { sequence };
  });
}

export function sessionTitle(title: LocalizedText, position: number, locale: "nl" | "en"): string {
  return `${locale === "nl" ? "Sessie" : "Session"} ${position}: ${pickLocale(title, locale)}`;
}
