import { describe, expect, it } from "vitest";
import {
  handIdentities,
  indexByIdentity,
  newlyRaisedHands,
  presentIn,
  type RosterEntry,
  raisedHands,
  waitingInLobby,
} from "./roster";

function entry(identity: string, overrides: Partial<RosterEntry> = {}): RosterEntry {
  return {
    participantId: `participant-${identity}`,
    identity,
    name: identity.toUpperCase(),
    role: "member",
    onStage: false,
    handRaisedAt: null,
    lobbySince: null,
    removed: false,
    inRoom: true,
    ...overrides,
  };
}

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, "0")}:00.000Z`;
const ids = (entries: RosterEntry[]) => entries.map((e) => e.identity);

describe("raisedHands", () => {
  it("lists hands in the order they went up, not in the server's (alphabetical) order", () => {
    const roster = [
      entry("ann", { handRaisedAt: at(5) }),
      entry("bob"),
      entry("cas", { handRaisedAt: at(1) }),
      entry("dirk", { handRaisedAt: at(3) }),
    ];
    expect(ids(raisedHands(roster))).toEqual(["cas", "dirk", "ann"]);
  });

  it("leaves out the hand of someone who was removed", () => {
    const roster = [
      entry("ann", { handRaisedAt: at(1), removed: true }),
      entry("bob", { handRaisedAt: at(2) }),
    ];
    expect(ids(raisedHands(roster))).toEqual(["bob"]);
  });
});

describe("newlyRaisedHands", () => {
  it("announces nothing on the first snapshot: those hands were up before you came", () => {
    expect(newlyRaisedHands(null, [entry("ann", { handRaisedAt: at(1) })], "me")).toEqual([]);
  });

  it("announces each hand once across snapshots, and again after it went down and up", () => {
    const first = [entry("ann"), entry("bob")];
    const second = [entry("ann", { handRaisedAt: at(1) }), entry("bob")];
    const third = [entry("ann", { handRaisedAt: at(1) }), entry("bob", { handRaisedAt: at(2) })];
    const fourth = [entry("ann"), entry("bob", { handRaisedAt: at(2) })];
    const fifth = [entry("ann", { handRaisedAt: at(4) }), entry("bob", { handRaisedAt: at(2) })];

    const seen: string[][] = [];
    let known: Set<string> | null = handIdentities(first);
    for (const snapshot of [second, third, fourth, fifth]) {
      seen.push(ids(newlyRaisedHands(known, snapshot, "me")));
      known = handIdentities(snapshot);
    }
    expect(seen).toEqual([["ann"], ["bob"], [], ["ann"]]);
  });

  it("announces hands that went up together in the order they went up", () => {
    const before = handIdentities([entry("ann"), entry("bob")]);
    const after = [entry("ann", { handRaisedAt: at(7) }), entry("bob", { handRaisedAt: at(6) })];
    expect(ids(newlyRaisedHands(before, after, "me"))).toEqual(["bob", "ann"]);
  });

  it("does not announce your own hand, nor that of someone removed", () => {
    const before = handIdentities([entry("me"), entry("ann")]);
    const after = [
      entry("me", { handRaisedAt: at(1) }),
      entry("ann", { handRaisedAt: at(2), removed: true }),
    ];
    expect(newlyRaisedHands(before, after, "me")).toEqual([]);
  });
});

describe("presentIn and waitingInLobby", () => {
  it("shows who is connected, without the removed, and the lobby without those sent away", () => {
    const roster = [
      entry("ann"),
      entry("bob", { inRoom: false }),
      entry("cas", { removed: true }),
      entry("dirk", { inRoom: false, lobbySince: at(2) }),
      entry("eva", { inRoom: false, lobbySince: at(1), removed: true }),
    ];
    // LiveKit says who is connected; the roster says who was removed.
    const connected = new Set(roster.filter((e) => e.inRoom).map((e) => e.identity));
    expect(ids(presentIn(roster, connected))).toEqual(["ann"]);
    expect(ids(waitingInLobby(roster))).toEqual(["dirk"]);
  });
});

describe("indexByIdentity", () => {
  it("finds a name by LiveKit identity, and the latest entry when a snapshot repeats one", () => {
    const index = indexByIdentity([entry("ann"), entry("bob"), entry("ann", { name: "Ann B." })]);
    expect(index.get("ann")?.name).toBe("Ann B.");
    expect(index.get("bob")?.name).toBe("BOB");
    expect(index.get("nobody")).toBeUndefined();
  });
});
