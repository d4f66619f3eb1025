import { describe, expect, it } from "vitest";
import { type ConnectionFacts, mergeConnections, RECONNECT_GRACE_MS } from "./merge-connections";

const t = (s: number) => new Date(Date.UTC(2026, 0, 15, 13, 0, s));
const conn = (
  j: number,
  l: number | null,
  leftSource: ConnectionFacts["leftSource"] = "webhook",
): ConnectionFacts => ({
  joinedAt: t(j),
  leftAt: l === null ? null : t(l),
  leftSource: l === null ? null : leftSource,
  source: "webhook",
});

describe("mergeConnections", () => {
  it("merges a reconnect shorter than the grace into one stay, but not a longer break", () => {
    const gap = RECONNECT_GRACE_MS / 1000;
    expect(mergeConnections([conn(0, 10), conn(10 + gap - 1, 100)])).toEqual([
      { joinedAt: t(0), leftAt: t(100), source: "webhook" },
    ]);
    expect(mergeConnections([conn(0, 10), conn(10 + gap + 1, 100)])).toHaveLength(2);
  });

  it("gives the same stays whatever the order of the connections", () => {
    const list = [conn(50, 60), conn(0, 10), conn(5, 20), conn(200, null)];
    const expected = mergeConnections(list);
    expect(mergeConnections([...list].reverse())).toEqual(expected);
    expect(expected).toEqual([
      { joinedAt: t(0), leftAt: t(20), source: "webhook" },
      { joinedAt: t(50), leftAt: t(60), source: "webhook" },
      { joinedAt: t(200), leftAt: null, source: "webhook" },
    ]);
  });

  it("closes an open connection at the first room_finished after its join", () => {
    expect(mergeConnections([conn(0, null)], [t(-100), t(300), t(120)])).toEqual([
      { joinedAt: t(0), leftAt: t(120), source: "webhook" },
    ]);
  });

  it("prefers a webhook's exact leave over the reconciler's estimate, and marks estimates", () => {
    expect(mergeConnections([conn(0, 30, "webhook")], [t(20)])[0]?.leftAt).toEqual(t(30));
    expect(mergeConnections([conn(0, 30, "reconcile")], [t(20)])).toEqual([
      { joinedAt: t(0), leftAt: t(20), source: "reconcile" },
    ]);
  });
});
