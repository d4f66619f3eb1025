import { describe, expect, it } from "vitest";
import { startTiming } from "./room";

const AMSTERDAM = "Europe/Amsterdam";
const at = (iso: string) => new Date(iso);

describe("startTiming: when starting a session departs from its plan", () => {
  it("lets a room open up to an hour early on the planned day", () => {
    expect(startTiming("2027-01-12T13:00:00Z", at("2027-01-12T12:00:00Z"), AMSTERDAM)).toBe("planned");
    expect(startTiming("2027-01-12T13:00:00Z", at("2027-01-12T13:30:00Z"), AMSTERDAM)).toBe("planned");
  });

  it("asks more than an hour early, and six weeks early", () => {
    expect(startTiming("2027-01-12T13:00:00Z", at("2027-01-12T11:59:00Z"), AMSTERDAM)).toBe("early");
    expect(startTiming("2027-01-12T13:00:00Z", at("2026-12-01T13:00:00Z"), AMSTERDAM)).toBe("early");
  });

  it("counts calendar days in the series' zone: 23:30 in Amsterdam the evening before is another day", () => {
    // 00:15 on 12 January in Amsterdam is 23:15 UTC on the 11th; 23:30 Amsterdam on the 11th is 22:30 UTC.
    expect(startTiming("2027-01-11T23:15:00Z", at("2027-01-11T22:30:00Z"), AMSTERDAM)).toBe("early");
    // The same two moments are one day in UTC.
    expect(startTiming("2027-01-11T23:15:00Z", at("2027-01-11T22:30:00Z"), "UTC")).toBe("planned");
  });

  it("asks on a later day, not later on the planned day", () => {
    expect(startTiming("2027-01-12T13:00:00Z", at("2027-01-12T20:00:00Z"), AMSTERDAM)).toBe("planned");
    expect(startTiming("2027-01-12T13:00:00Z", at("2027-01-13T09:00:00Z"), AMSTERDAM)).toBe("late");
  });

  it("has no plan to depart from without a date", () => {
    expect(startTiming(null, at("2027-01-12T13:00:00Z"), AMSTERDAM)).toBe("unscheduled");
  });
});
