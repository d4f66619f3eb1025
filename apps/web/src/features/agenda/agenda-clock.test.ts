import type { AgendaView } from "@reeks/models";
import { describe, expect, it } from "vitest";
import { formatClock, readTimer } from "./agenda-clock";

const agenda = (
  status: AgendaView["timer"]["status"],
  elapsedMs: number,
): Pick<AgendaView, "segments" | "timer"> => ({
  segments: [
    {
      id: "a",
      position: 0,
      title: { nl: "Een" },
      kind: "welcome",
      plannedMinutes: 5,
      speaker: null,
      questionIds: [],
      pollIds: [],
      actualStartedAt: "2026-03-02T10:00:00.000Z",
      actualEndedAt: "2026-03-02T10:06:00.000Z",
      actualMs: 360_000,
    },
    {
      id: "b",
      position: 1,
      title: { nl: "Twee" },
      kind: "plenary",
      plannedMinutes: 10,
      speaker: null,
      questionIds: [],
      pollIds: [],
      actualStartedAt: "2026-03-02T10:06:00.000Z",
      actualEndedAt: null,
      actualMs: null,
    },
  ],
  timer: {
    status,
    currentSegmentId: "b",
    elapsedMs,
    runningSince: null,
    startedAt: "2026-03-02T10:00:00.000Z",
    finishedAt: null,
    serverNow: "2026-03-02T10:10:00.000Z",
  },
});

describe("the agenda timer as a browser shows it", () => {
  it("counts down from the server's elapsed time plus the time since it arrived, only while running", () => {
    expect(readTimer(agenda("running", 60_000), 0).secondsLeft).toBe(540);
    expect(readTimer(agenda("running", 60_000), 30_500).secondsLeft).toBe(510);
    expect(readTimer(agenda("paused", 60_000), 30_500).secondsLeft).toBe(540);
  });
  it("gives the notice at two minutes left and not after the time is up", () => {
    expect(readTimer(agenda("running", 479_000), 0).noticeDue).toBe(false);
    expect(readTimer(agenda("running", 480_000), 0).noticeDue).toBe(true);
    expect(readTimer(agenda("running", 600_000), 0).noticeDue).toBe(false);
  });
  it("counts the over-run of ended segments and of the current one against the plan", () => {
    expect(readTimer(agenda("running", 60_000), 0).driftMs).toBe(60_000);
    const over = readTimer(agenda("running", 660_000), 0);
    expect(over.secondsLeft).toBe(-60);
    expect(over.driftMs).toBe(120_000);
  });
  it("formats whole seconds", () => {
    expect(formatClock(65_000)).toBe("1:05");
    expect(formatClock(3_723_000)).toBe("1:02:03");
  });
});
