/** Dates are shown in the series' time zone, whatever the browser's is. */
export function formatSessionDate(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone,
  }).format(new Date(iso));
}
