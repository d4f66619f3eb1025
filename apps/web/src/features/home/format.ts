import type { Locale } from "@reeks/models";
import { formatDateTime } from "../../lib/locale";

/** The reader's own zone: a session is shown at the hour it is where they are. */
export function readerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A moment in the reader's language and zone; the zone is named when it is not the series' own, so
 * someone abroad knows which hour is meant.
 */
export function formatMoment(
  value: string | Date,
  locale: Locale,
  seriesTimeZone: string,
  style: "full" | "time" = "full",
): string {
  const timeZone = readerTimeZone();
  const named = timeZone !== seriesTimeZone ? ({ timeZoneName: "short" } as const) : {};
  const time = { hour: "2-digit", minute: "2-digit" } as const;
  return formatDateTime(
    value,
    locale,
    style === "time"
      ? { ...time, timeZone, ...named }
      : { weekday: "long", day: "numeric", month: "long", year: "numeric", ...time, timeZone, ...named },
  );
}
