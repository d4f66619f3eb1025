import type { Locale } from "@reeks/models";
import { useTranslation } from "react-i18next";

/** Where the series take place: moments are shown in this zone, whatever the browser's zone is. */
export const HOME_TIME_ZONE = "Europe/Amsterdam";

/** The interface language as one of ours: Dutch unless English was chosen. */
export function localeOf(language: string | undefined): Locale {
  return language === "en" ? "en" : "nl";
}

/** The Intl tag: British English, so dates read day-month and times on a 24-hour clock, as in Dutch. */
function intlTag(locale: Locale): string {
  return locale === "en" ? "en-GB" : "nl-NL";
}

/** The interface language; components re-render when it changes. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return localeOf(i18n.resolvedLanguage);
}

/**
 * A moment in words, in Europe/Amsterdam unless `options.timeZone` names the series' own zone.
 * `style` is Intl's: { dateStyle: "long", timeStyle: "short" }, { hour: "2-digit", ... }.
 */
export function formatDateTime(
  value: string | Date,
  locale: Locale,
  style: Intl.DateTimeFormatOptions,
): string {
  return new Intl.DateTimeFormat(intlTag(locale), { timeZone: HOME_TIME_ZONE, ...style }).format(
    new Date(value),
  );
}

/** A share (0.25) as a whole percentage ("25%"). */
export function formatPercent(share: number, locale: Locale): string {
  return new Intl.NumberFormat(intlTag(locale), { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/**
 * A calendar date ("2026-12-15", a deadline's day, an action's due date) in words: a day, not a
 * moment, so no time zone can move it to the day before.
 */
export function formatDate(
  isoDate: string,
  locale: Locale,
  style: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric" },
): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number);
  if (!year || !month || !day) return isoDate;
  return new Intl.DateTimeFormat(intlTag(locale), { ...style, timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** Names or numbers as a sentence lists them: "Anna, Piet en Carla" / "Anna, Piet and Carla". */
export function formatList(items: string[], locale: Locale): string {
  return new Intl.ListFormat(intlTag(locale), { style: "long", type: "conjunction" }).format(items);
}
