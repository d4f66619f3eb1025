import { describe, expect, it } from "vitest";
import { toZonedInput, zonedInputToIso } from "./zoned-time";

describe("datetime-local values in the series' time zone", () => {
  it("reads a wall-clock time in Amsterdam, in winter and in summer, whatever the process's zone", () => {
    expect(zonedInputToIso("2031-03-04T15:00", "Europe/Amsterdam")).toBe("2031-03-04T14:00:00.000Z");
    expect(zonedInputToIso("2031-07-04T15:00", "Europe/Amsterdam")).toBe("2031-07-04T13:00:00.000Z");
    expect(zonedInputToIso("2031-07-04T15:00", "America/New_York")).toBe("2031-07-04T19:00:00.000Z");
  });
  it("shows an instant as the wall-clock time of the zone, and round-trips", () => {
    expect(toZonedInput("2031-03-04T14:00:00.000Z", "Europe/Amsterdam")).toBe("2031-03-04T15:00");
    expect(toZonedInput("2031-07-04T13:00:00.000Z", "Europe/Amsterdam")).toBe("2031-07-04T15:00");
    const local = "2031-10-26T01:30";
    expect(toZonedInput(zonedInputToIso(local, "Europe/Amsterdam"), "Europe/Amsterdam")).toBe(local);
  });
});
