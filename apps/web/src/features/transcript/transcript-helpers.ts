import { formatDateTime, useLocale } from "../../lib/locale";

/** A line's moment as 15:42:07 on the series' clock: seconds matter when finding it in a recording. */
export function useLineTime(): (iso: string) => string {
  const locale = useLocale();
  return (iso) =>
    formatDateTime(iso, locale, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
}
