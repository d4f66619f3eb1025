import type { Locale } from "@reeks/models";

/**
 * Dates and numbers as people in the export's language expect them, always in the series' time zone
 * (Europe/Amsterdam): the server's own zone never leaks into a document.
 */
export interface Formatter {
  locale: Locale;
  timeZone: string;
  /** 14-03-2026 15:42 (nl) or 14/03/2026 15:42 (en). */
  dateTime(date: Date): string;
  /** 14 maart 2026 (nl) or 14 March 2026 (en). */
  longDate(date: Date): string;
  /** A calendar date `YYYY-MM-DD` as 14-03-2026 (nl) or 14/03/2026 (en); no time zone involved. */
  calendarDate(isoDate: string): string;
  integer(value: number): string;
  /** 0.875 → 87,5% (nl) or 87.5% (en). */
  percent(share: number): string;
  /** The wall-clock time in the time zone, as a Date whose UTC fields carry it (for spreadsheet cells). */
  wallClock(date: Date): Date;
}

export function createFormatter(locale: Locale, timeZone: string): Formatter {
  const tag = locale === "nl" ? "nl-NL" : "en-GB";
  const dateTimeParts = new Intl.DateTimeFormat(tag, {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const longDate = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: "long" });
  const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
  const separator = locale === "nl" ? "-" : "/";

  function parts(date: Date): Record<string, string> {
    const out: Record<string, string> = {};
    for (const part of dateTimeParts.formatToParts(date)) out[part.type] = part.value;
    return out;
  }

  return {
    locale,
    timeZone,
    dateTime(date) {
      const p = parts(date);
      return `${p.day}${separator}${p.month}${separator}${p.year} ${p.hour}:${p.minute}`;
    },
    longDate: (date) => longDate.format(date),
    calendarDate(isoDate) {
      const [year, month, day] = isoDate.split("-");
      return `${day}${separator}${month}${separator}${year}`;
    },
    integer: (value) => integer.format(value),
    percent: (share) => percent.format(share),
    wallClock(date) {
      const p = parts(date);
      return new Date(
        Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)),
      );
    },
  };
}
