import { describe, expect, it } from "vitest";
import {
  type BreakoutRound,
  formatCountdown,
  roomTarget,
  secondsLeft,
  unseenBroadcasts,
} from "./breakout-state";

function round(over: Partial<BreakoutRound>): BreakoutRound {
  return {
    id: "r",
    status: "open",
    assignment: "random",
    groupCount: 2,
    perGroup: null,
    durationSeconds: 600,
    rapporteurChoice: "moderator",
    openedAt: null,
    endsAt: null,
    closedAt: null,
    version: 1,
    myGroupId: "g1",
    groups: [
      {
        id: "g1",
        position: 1,
        name: "A",
        question: "?",
        ownQuestion: null,
        rapporteur: null,
        memberCount: 0,
        members: [],
      },
      {
        id: "g2",
        position: 2,
        name: "B",
        question: "?",
        ownQuestion: null,
        rapporteur: null,
        memberCount: 0,
        members: [],
      },
    ],
    unassigned: [],
    broadcasts: [],
    ...over,
  };
}

describe("roomTarget", () => {
  it("sends members to their group while the round is open, and back when it closes", () => {
    expect(roomTarget(round({}), null)).toEqual({ groupId: "g1", visiting: false });
    expect(roomTarget(round({ status: "closed" }), null)).toEqual({ groupId: null, visiting: false });
    expect(roomTarget(round({ status: "planned" }), null)).toEqual({ groupId: null, visiting: false });
    expect(roomTarget(null, null)).toEqual({ groupId: null, visiting: false });
  });
  it("lets a moderator's visit win while open, and ends it with the round or for a group that is gone", () => {
    expect(roomTarget(round({ myGroupId: null }), "g2")).toEqual({ groupId: "g2", visiting: true });
    expect(roomTarget(round({ status: "closed" }), "g2")).toEqual({ groupId: null, visiting: false });
    expect(roomTarget(round({ myGroupId: null }), "gone")).toEqual({ groupId: null, visiting: false });
  });
});

describe("the countdown", () => {
  it("counts by the server's clock, not the browser's", () => {
    const endsAt = "2026-11-30T10:10:00.000Z";
    // The browser is 2 minutes behind the server: the server says 10:05, so 5 minutes remain.
    const local = Date.parse("2026-11-30T10:03:00.000Z");
    expect(secondsLeft(endsAt, 120_000, local)).toBe(300);
    expect(secondsLeft(endsAt, 0, Date.parse("2026-11-30T10:11:00.000Z"))).toBe(0);
    expect(secondsLeft(null, 0, local)).toBeNull();
  });
  it("reads as minutes and seconds, with hours only when needed", () => {
    expect(formatCountdown(61)).toBe("1:01");
    expect(formatCountdown(5)).toBe("0:05");
    expect(formatCountdown(3725)).toBe("1:02:05");
  });
});

describe("unseenBroadcasts", () => {
  it("announces only broadcasts that arrive after the first look", () => {
    const a = { id: "a" };
    const b = { id: "b" };
    expect(unseenBroadcasts(null, [a])).toEqual([]);
    expect(unseenBroadcasts(new Set(["a"]), [a, b])).toEqual([b]);
  });
});
