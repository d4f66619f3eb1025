import { describe, expect, it } from "vitest";
import {
  endOfLocalDay,
  instantToLocal,
  LocalTimeError,
  localDayNumber,
  localSlotToInstants,
  utcOffsetAt,
} from "./time";

const AMS = "Europe/Amsterdam";

describe("local slot times in Europe/Amsterdam", () => {
  // Daylight-saving time ends on Sunday 25 October 2026 at 03:00 CEST → 02:00 CET.
  it("stores 14:00 as 12:00 UTC before the change and 13:00 UTC after it", () => {
    const before = localSlotToInstants({ date: "2026-10-22", start: "14:00", end: "15:30" }, AMS);
    const after = localSlotToInstants({ date: "2026-10-29", start: "14:00", end: "15:30" }, AMS);
    expect(before.startsAt.toISOString()).toBe("2026-10-22T12:00:00.000Z");
    expect(after.startsAt.toISOString()).toBe("2026-10-29T13:00:00.000Z");
    expect(after.endsAt.toISOString()).toBe("2026-10-29T14:30:00.000Z");
    expect(utcOffsetAt(before.startsAt, AMS)).toBe("+02:00");
    expect(utcOffsetAt(after.startsAt, AMS)).toBe("+01:00");
  });

  it("shows the stored instants as the same local times again, whatever the machine's zone", () => {
    expect(instantToLocal(new Date("2026-10-29T13:00:00Z"), AMS)).toEqual({
      date: "2026-10-29",
      time: "14:00",
    });
    expect(instantToLocal(new Date("2026-10-22T12:00:00Z"), AMS)).toEqual({
      date: "2026-10-22",
      time: "14:00",
    });
  });

  it("counts a week across the change as seven local days, though it lasts 169 hours", () => {
    const a = localSlotToInstants({ date: "2026-10-22", start: "14:00", end: "15:00" }, AMS).startsAt;
    const b = localSlotToInstants({ date: "2026-10-29", start: "14:00", end: "15:00" }, AMS).startsAt;
    expect((b.getTime() - a.getTime()) / 3_600_000).toBe(169);
    expect(localDayNumber(b, AMS) - localDayNumber(a, AMS)).toBe(7);
    // Late evening in Amsterdam is already the next day in Kolkata (the test machine's zone).
    const late = localSlotToInstants({ date: "2026-10-29", start: "23:00", end: "23:30" }, AMS).startsAt;
    expect(localDayNumber(late, AMS)).toBe(localDayNumber(b, AMS));
  });

  it("refuses a wall-clock time that the change skips or repeats", () => {
    expect(() => localSlotToInstants({ date: "2026-10-25", start: "02:30", end: "04:00" }, AMS)).toThrow(
      LocalTimeError,
    );
    expect(() => localSlotToInstants({ date: "2026-03-29", start: "02:30", end: "04:00" }, AMS)).toThrow(
      LocalTimeError,
    );
  });

  it("refuses an end before the start and an impossible date", () => {
    expect(() => localSlotToInstants({ date: "2026-11-02", start: "15:00", end: "14:00" }, AMS)).toThrow(
      /end_before_start/,
    );
    expect(() => localSlotToInstants({ date: "2026-02-30", start: "15:00", end: "16:00" }, AMS)).toThrow(
      /invalid/,
    );
  });
});

describe("endOfLocalDay", () => {
  it("ends the deadline day at local midnight, summer or winter", () => {
    expect(endOfLocalDay("2026-10-24", AMS).toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(endOfLocalDay("2026-10-25", AMS).toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });
});
