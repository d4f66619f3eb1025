import { Temporal } from "temporal-polyfill";

/** The product's home time zone; series carry their own, this is only the default. */
export const DEFAULT_TIME_ZONE = "Europe/Amsterdam";

export interface LocalSlot {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** Local wall-clock times, HH:mm. */
  start: string;
  end: string;
}

export type LocalTimeProblem = "nonexistent_or_ambiguous" | "end_before_start" | "invalid";

export class LocalTimeError extends Error {
  constructor(
    readonly problem: LocalTimeProblem,
    readonly field: "start" | "end" | "date",
  ) {
    super(`${field}: ${problem}`);
  }
}

function toInstant(date: string, time: string, timeZone: string, field: "start" | "end"): Temporal.Instant {
  let local: Temporal.PlainDateTime;
  try {
    local = Temporal.PlainDateTime.from(`${date}T${time}`, { overflow: "reject" });
  } catch {
    throw new LocalTimeError("invalid", field);
  }
  try {
    // A wall-clock time skipped or repeated by a daylight-saving change is refused rather than guessed:
    // an organiser who types 02:30 on the last Sunday of March means something we cannot know.
    return local.toZonedDateTime(timeZone, { disambiguation: "reject" }).toInstant();
  } catch {
    throw new LocalTimeError("nonexistent_or_ambiguous", field);
  }
}

/** The instants of a slot the organiser typed as local date and times in the series' time zone. */
export function localSlotToInstants(slot: LocalSlot, timeZone: string): { startsAt: Date; endsAt: Date } {
  const start = toInstant(slot.date, slot.start, timeZone, "start");
  const end = toInstant(slot.date, slot.end, timeZone, "end");
  if (Temporal.Instant.compare(end, start) <= 0) throw new LocalTimeError("end_before_start", "end");
  return { startsAt: new Date(start.epochMilliseconds), endsAt: new Date(end.epochMilliseconds) };
}

/** Local date (YYYY-MM-DD) and time (HH:mm) of an instant in the given time zone. */
export function instantToLocal(instant: Date, timeZone: string): { date: string; time: string } {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
  return {
    date: zoned.toPlainDate().toString(),
    time: zoned.toPlainTime().toString({ smallestUnit: "minute" }),
  };
}

/** Days since 1970-01-01 of the instant's local calendar date: gaps in days ignore DST changes. */
export function localDayNumber(instant: Date, timeZone: string): number {
  const date = Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

/** Offset of the time zone at the instant, e.g. "+02:00" in summer and "+01:00" in winter in Amsterdam. */
export function utcOffsetAt(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).offset;
}

/** The instant a local day ends (midnight that starts the next day) in the time zone: a deadline. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  let day: Temporal.PlainDate;
  try {
    day = Temporal.PlainDate.from(date, { overflow: "reject" });
  } catch {
    throw new LocalTimeError("invalid", "date");
  }
  const next = day.add({ days: 1 }).toZonedDateTime({ timeZone });
  return new Date(next.epochMilliseconds);
}
