import {
  Administrator,
  Availability,
  and,
  asc,
  CandidateSlot,
  count,
  type Database,
  eq,
  inArray,
  isNull,
  ne,
  Outcome,
  Participant,
  Question,
  RoomState,
  SchedulingPoll,
  Series,
  Session,
  Theme,
} from "@reeks/db";
import type {
  LocalizedText,
  ParticipantRole,
  RegistrationStatus,
  SeriesStatus,
  SessionStatus,
} from "@reeks/models";
import { sharedOutcomes } from "../capture/groups";
import { sessionCalendarPath } from "../scheduling/calendar-feed";

/** One session as the home page shows it. Instants are ISO strings (the wire carries no Date). */
export interface HomeSession {
  id: string;
  position: number;
  themeId: string;
  themeTitle: LocalizedText;
  status: SessionStatus;
  startsAt: string | null;
  durationMinutes: number;
  /** When its room really opened and closed (null before): shown instead of the plan once it ran. */
  startedAt: string | null;
  endedAt: string | null;
  /** The session alone as an .ics (through the person's private feed token); null without a date. */
  calendarPath: string | null;
  /** What came out of it, for sessions that have ended; null before. */
  overview: { outcomes: number; actions: number; questions: number } | null;
}

/** What an organiser has to do next in one series; each count leads to the page where it is done. */
export interface OrganiserTodo {
  /** Registrations that wait for a decision. */
  toReview: number;
  /** Approved participants (organisers aside) without a single answer in the open availability poll; null: no open poll. */
  notAnswered: number | null;
  /** The open poll has candidate dates for every session and the plan is not confirmed yet. */
  planToConfirm: boolean;
  /** The next session to start (live, or the first one with a date still to come), or null. */
  nextToStart: { id: string; position: number; startsAt: string | null; status: SessionStatus } | null;
}

export interface HomeSeries {
  id: string;
  slug: string;
  title: LocalizedText;
  timeZone: string;
  seriesStatus: SeriesStatus;
  role: ParticipantRole;
  registration: RegistrationStatus;
  /** The agenda, for approved participants; null for everyone else. */
  sessions: HomeSession[] | null;
  /** For approved organisers; null for everyone else. */
  organiser: OrganiserTodo | null;
}

export interface MyHome {
  administrator: boolean;
  /** The person's private calendar feed (every session of every series of theirs). */
  calendarFeedPath: string;
  series: HomeSeries[];
}

/**
 * Everything the home page shows a signed-in person: their place in each series they registered for,
 * the agenda of the series they were approved in, and an organiser's to-do list. Nothing of a series
 * they have no place in, and only drafts they organise.
 */
export async function myHome(
  db: Database,
  personId: string,
  calendarToken: string,
  calendarFeedPath: string,
): Promise<MyHome> {
  const [administrator] = await db
    .select({ personId: Administrator.personId })
    .from(Administrator)
    .where(eq(Administrator.personId, personId));
  const places = await db
    .select({ participant: Participant, series: Series })
    .from(Participant)
    .innerJoin(Series, eq(Series.id, Participant.seriesId))
    .where(eq(Participant.personId, personId))
    .orderBy(asc(Series.createdAt));
  const visible = places.filter(
    ({ participant, series }) =>
      series.status !== "draft" || (participant.status === "approved" && participant.role === "organiser"),
  );
  const series: HomeSeries[] = [];
  for (const { participant, series: s } of visible) {
    const approved = participant.status === "approved";
    const organiser = approved && participant.role === "organiser";
    series.push({
      id: s.id,
      slug: s.slug,
      title: s.title,
      timeZone: s.timeZone,
      seriesStatus: s.status,
      role: participant.role,
      registration: participant.status,
      sessions: approved ? await agenda(db, s.id, calendarToken) : null,
      organiser: organiser ? await organiserTodo(db, s.id) : null,
    });
  }
  return { administrator: administrator !== undefined, calendarFeedPath, series };
}

async function agenda(db: Database, seriesId: string, calendarToken: string): Promise<HomeSession[]> {
  const rows = await db
    .select({ session: Session, themeTitle: Theme.title, room: RoomState })
    .from(Session)
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .leftJoin(RoomState, eq(RoomState.sessionId, Session.id))
    .where(eq(Session.seriesId, seriesId))
    .orderBy(asc(Session.position));
  const ended = rows.filter((r) => r.session.status === "ended").map((r) => r.session.id);
  const outcomes = ended.length
    ? await db
        .select({ sessionId: Outcome.sessionId, kind: Outcome.kind, n: count() })
        .from(Outcome)
        // What members see of a session: neither rejected items nor those merged into another.
        .where(
          and(
            inArray(Outcome.sessionId, ended),
            ne(Outcome.status, "rejected"),
            isNull(Outcome.mergedIntoId),
            sharedOutcomes(),
          ),
        )
        .groupBy(Outcome.sessionId, Outcome.kind)
    : [];
  const questions = ended.length
    ? await db
        .select({ sessionId: Question.sessionId, n: count() })
        .from(Question)
        .where(inArray(Question.sessionId, ended))
        .groupBy(Question.sessionId)
    : [];
  return rows.map(({ session, themeTitle, room }) => {
    const mine = outcomes.filter((o) => o.sessionId === session.id);
    return {
      id: session.id,
      position: session.position,
      themeId: session.themeId,
      themeTitle,
      status: session.status,
      startsAt: session.startsAt?.toISOString() ?? null,
      durationMinutes: session.durationMinutes,
      startedAt: room?.openedAt.toISOString() ?? null,
      endedAt: room?.endedAt?.toISOString() ?? null,
      // The feed serves the same sessions: those with a date that are not drafts.
      calendarPath:
        session.startsAt && session.status !== "draft"
          ? sessionCalendarPath(calendarToken, session.id)
          : null,
      overview:
        session.status === "ended"
          ? {
              outcomes: mine.reduce((sum, o) => sum + o.n, 0),
              actions: mine.find((o) => o.kind === "action")?.n ?? 0,
              questions: questions.find((q) => q.sessionId === session.id)?.n ?? 0,
            }
          : null,
    };
  });
}

async function organiserTodo(db: Database, seriesId: string): Promise<OrganiserTodo> {
  const [review] = await db
    .select({ n: count() })
    .from(Participant)
    .where(and(eq(Participant.seriesId, seriesId), eq(Participant.status, "interested")));
  const sessions = await db
    .select({
      id: Session.id,
      position: Session.position,
      startsAt: Session.startsAt,
      status: Session.status,
    })
    .from(Session)
    .where(eq(Session.seriesId, seriesId))
    .orderBy(asc(Session.position));
  const poll = await db.query.SchedulingPoll.findFirst({ where: eq(SchedulingPoll.seriesId, seriesId) });
  let notAnswered: number | null = null;
  let planToConfirm = false;
  if (poll && poll.status === "open" && sessions.length > 0) {
    const slots = await db
      .select({ id: CandidateSlot.id, sessionId: CandidateSlot.sessionId })
      .from(CandidateSlot)
      .where(
        inArray(
          CandidateSlot.sessionId,
          sessions.map((s) => s.id),
        ),
      );
    const people = await db
      .select({ id: Participant.id })
      .from(Participant)
      .where(
        and(
          eq(Participant.seriesId, seriesId),
          eq(Participant.status, "approved"),
          ne(Participant.role, "organiser"),
        ),
      );
    const answered = slots.length
      ? new Set(
          (
            await db
              .selectDistinct({ participantId: Availability.participantId })
              .from(Availability)
              .where(
                inArray(
                  Availability.slotId,
                  slots.map((s) => s.id),
                ),
              )
          ).map((a) => a.participantId),
        )
      : new Set<string>();
    notAnswered = slots.length ? people.filter((p) => !answered.has(p.id)).length : null;
    const withDates = new Set(slots.map((s) => s.sessionId));
    planToConfirm = sessions.every((s) => s.status === "cancelled" || withDates.has(s.id));
  }
  // Live first (it may need a moderator), then the earliest scheduled one, even if its hour has passed:
  // a session nobody started still waits for someone to start or cancel it.
  const upcoming = sessions
    .filter((s) => s.status === "live" || (s.status === "scheduled" && s.startsAt !== null))
    .sort((a, b) => (a.status === "live" ? -1 : b.status === "live" ? 1 : 0) || time(a) - time(b));
  const next = upcoming[0];
  return {
    toReview: review?.n ?? 0,
    notAnswered,
    planToConfirm,
    nextToStart: next
      ? {
          id: next.id,
          position: next.position,
          startsAt: next.startsAt?.toISOString() ?? null,
          status: next.status,
        }
      : null,
  };
}

function time(session: { startsAt: Date | null }): number {
  return session.startsAt?.getTime() ?? Number.POSITIVE_INFINITY;
}
