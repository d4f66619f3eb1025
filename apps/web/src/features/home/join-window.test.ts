import { describe, expect, it } from "vitest";
import { joinState, nextSession, type TimedSession, timeUntil } from "./join-window";

const START = "2027-03-10T13:00:00.000Z";
const at = (iso: string) => Date.parse(iso);
const scheduled = { status: "scheduled" as const, startsAt: START, durationMinutes: 90 };

describe("the join window", () => {
  it("opens 15 minutes before the start and closes at the end", () => {
    expect(joinState(scheduled, at("2027-03-10T12:44:59Z"))).toEqual({
      kind: "before",
      opensAt: new Date("2027-03-10T12:45:00Z"),
      startsAt: new Date(START),
    });
    expect(joinState(scheduled, at("2027-03-10T12:45:00Z"))).toEqual({ kind: "open" });
    expect(joinState(scheduled, at("2027-03-10T14:29:59Z"))).toEqual({ kind: "open" });
    expect(joinState(scheduled, at("2027-03-10T14:30:00Z"))).toEqual({ kind: "closed" });
  });

  it("is open whenever the session is live, and closed without a confirmed date", () => {
    expect(joinState({ ...scheduled, status: "live" }, at("2027-01-01T00:00:00Z"))).toEqual({ kind: "open" });
    expect(joinState({ ...scheduled, status: "draft" }, at(START))).toEqual({ kind: "closed" });
    expect(joinState({ ...scheduled, startsAt: null }, at(START))).toEqual({ kind: "closed" });
    expect(joinState({ ...scheduled, status: "cancelled" }, at(START))).toEqual({ kind: "closed" });
  });

  it("picks the live session, else the earliest scheduled one not yet over", () => {
    const sessions: Array<{ id: string } & TimedSession> = [
      { id: "a", status: "ended" as const, startsAt: "2027-01-10T13:00:00Z", durationMinutes: 90 },
      { id: "b", status: "scheduled" as const, startsAt: "2027-04-10T13:00:00Z", durationMinutes: 90 },
      { id: "c", status: "scheduled" as const, startsAt: START, durationMinutes: 90 },
      { id: "d", status: "draft" as const, startsAt: "2027-02-01T13:00:00Z", durationMinutes: 90 },
    ];
    expect(nextSession(sessions, at("2027-02-01T00:00:00Z"))?.id).toBe("c");
    expect(nextSession(sessions, at("2027-03-10T14:00:00Z"))?.id).toBe("c");
    expect(nextSession(sessions, at("2027-03-10T14:30:00Z"))?.id).toBe("b");
    expect(nextSession(sessions, at("2027-05-01T00:00:00Z"))).toBeNull();
    const live = { id: "e", status: "live" as const, startsAt: null, durationMinutes: 90 };
    expect(nextSession([...sessions, live], 0)?.id).toBe("e");
  });

  it("counts down in whole days, hours and minutes", () => {
    expect(timeUntil(new Date(START), at("2027-03-08T10:59:30Z"))).toEqual({ days: 2, hours: 2, minutes: 1 });
    expect(timeUntil(new Date(START), at("2027-03-10T12:15:00Z"))).toEqual({
      days: 0,
      hours: 0,
      minutes: 45,
    });
    expect(timeUntil(new Date(START), at("2027-03-10T13:05:00Z"))).toEqual({ days: 0, hours: 0, minutes: 0 });
  });
});
