/**
 * A `datetime-local` field's value is a wall-clock time without a zone; the series has one. These
 * convert between the two in the series' own zone, whatever zone the organiser's browser is in.
 */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** "2031-03-04T15:00" in `timeZone` as an ISO instant. */
export function zonedInputToIso(local: string, timeZone: string): string {
  const [date = "", time = ""] = local.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  // Twice: the offset at the guess may differ from the offset at the answer around a DST change.
  let instant = wall - offsetMinutes(wall, timeZone) * 60_000;
  instant = wall - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** An ISO instant as the `datetime-local` value it is in `timeZone`. */
export function toZonedInput(iso: string, timeZone: string): string {
  const instant = new Date(iso).getTime();
  const shifted = new Date(instant + offsetMinutes(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
