import {
  AttendanceInterval,
  and,
  asc,
  type Database,
  eq,
  inArray,
  isNull,
  ne,
  Participant,
  Person,
  Session,
  SessionExcusal,
  Theme,
} from "@reeks/db";
import type { LocalizedText } from "@reeks/models";
import { DomainError } from "../domain-error";

export interface Stay {
  joinedAt: Date;
  leftAt: Date | null;
}

/**
 * Milliseconds present over a set of stays: a person who left and came back counts the sum of their
 * stays, and stays that overlap (two devices, a reconnect recorded twice) count once. A stay still
 * open is counted up to `now`.
 */
export function attendedMs(stays: Stay[], now: Date): number {
  const spans = stays
    .map((s) => [s.joinedAt.getTime(), (s.leftAt ?? now).getTime()] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let start = -1;
  let end = -1;
  for (const [from, to] of spans) {
    if (from > end) {
      if (end > start) total += end - start;
      start = from;
      end = to;
    } else if (to > end) end = to;
  }
  if (end > start) total += end - start;
  return total;
}

/** Whole minutes, rounded down: nobody is certified for a minute they were not there. */
export const wholeMinutes = (ms: number) => Math.floor(ms / 60_000);

/** Meets the rule: at least `percent` of the planned minutes (compared exactly, not in rounded minutes). */
export const meetsThreshold = (ms: number, plannedMinutes: number, percent: number) =>
  ms * 100 >= plannedMinutes * 60_000 * percent;

export interface ScopeSession {
  id: string;
  position: number;
  title: LocalizedText;
  startsAt: Date | null;
  plannedMinutes: number;
}

export interface PersonEligibility {
  participantId: string;
  personId: string;
  name: string;
  email: string;
  locale: string;
  eligible: boolean;
  sessions: Array<{ sessionId: string; attendedMinutes: number; excused: boolean; met: boolean }>;
}

export interface Eligibility {
  sessions: ScopeSession[];
  people: PersonEligibility[];
}

/**
 * The sessions a certificate covers: one session, or every session of the series that was not
 * cancelled. They must all be over: a certificate speaks of attendance that happened.
 */
export async function scopeSessions(
  db: Database,
  seriesId: string,
  sessionId: string | null,
): Promise<ScopeSession[]> {
  const rows = await db
    .select({
      id: Session.id,
      position: Session.position,
      title: Theme.title,
      startsAt: Session.startsAt,
      plannedMinutes: Session.durationMinutes,
      status: Session.status,
    })
    .from(Session)
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .where(
      and(
        eq(Session.seriesId, seriesId),
        sessionId ? eq(Session.id, sessionId) : ne(Session.status, "cancelled"),
      ),
    )
    .orderBy(asc(Session.position));
  if (sessionId && rows.length === 0)
    throw new DomainError("NOT_FOUND", "sessionNotInSeries", { field: ["sessionId"] });
  if (rows.length === 0) throw new DomainError("PRECONDITION_FAILED", "certificateSeriesNotFinished");
  if (rows.some((r) => r.status !== "ended"))
    throw new DomainError(
      "PRECONDITION_FAILED",
      sessionId ? "certificateSessionNotEnded" : "certificateSeriesNotFinished",
    );
  return rows.map(({ status: _status, ...s }) => s);
}

/** Who meets the rule in the given scope, from the recorded stays; an excusal is not attendance. */
export async function computeEligibility(
  db: Database,
  input: { seriesId: string; sessionId: string | null; thresholdPercent: number },
  now: Date = new Date(),
): Promise<Eligibility> {
  const sessions = await scopeSessions(db, input.seriesId, input.sessionId);
  const sessionIds = sessions.map((s) => s.id);
  const people = await db
    .select({
      participantId: Participant.id,
      personId: Person.id,
      name: Person.name,
      email: Person.email,
      locale: Person.locale,
    })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(
      and(
        eq(Participant.seriesId, input.seriesId),
        eq(Participant.status, "approved"),
        isNull(Person.erasedAt),
      ),
    )
    .orderBy(asc(Person.name));
  const stays = await db
    .select({
      sessionId: AttendanceInterval.sessionId,
      participantId: AttendanceInterval.participantId,
      joinedAt: AttendanceInterval.joinedAt,
      leftAt: AttendanceInterval.leftAt,
    })
    .from(AttendanceInterval)
    .where(inArray(AttendanceInterval.sessionId, sessionIds));
  const excusals = await db
    .select({ sessionId: SessionExcusal.sessionId, participantId: SessionExcusal.participantId })
    .from(SessionExcusal)
    .where(inArray(SessionExcusal.sessionId, sessionIds));
  const excused = new Set(excusals.map((e) => `${e.sessionId}|${e.participantId}`));
  const staysOf = new Map<string, Stay[]>();
  for (const s of stays) {
    const key = `${s.sessionId}|${s.participantId}`;
    staysOf.set(key, [...(staysOf.get(key) ?? []), s]);
  }
  return {
    sessions,
    people: people.map((p) => {
      const lines = sessions.map((s) => {
        const key = `${s.id}|${p.participantId}`;
        const ms = attendedMs(staysOf.get(key) ?? [], now);
        return {
          sessionId: s.id,
          attendedMinutes: wholeMinutes(ms),
          excused: excused.has(key),
          met: meetsThreshold(ms, s.plannedMinutes, input.thresholdPercent),
        };
      });
      return { ...p, eligible: lines.every((l) => l.met), sessions: lines };
    }),
  };
}
