import type { DatabaseHandle } from "@reeks/db";
import { createParticipant, createTestDatabase } from "@reeks/db/testing";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CaptureWorld, callerFor, captureWorld, errorOf } from "../testing";
import { VersionConflict } from "./conflict";

describe("outcome items", () => {
  let handle: DatabaseHandle;
  let world: CaptureWorld;
  let sessionId: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    world = await captureWorld(handle);
    sessionId = world.sessions[0]?.id ?? "";
  });
  afterAll(() => handle.close());

  it("a member proposes, a moderator confirms; the theme defaults to the session's", async () => {
    const member = callerFor(handle, world.member);
    const item = await member.capture.outcome.capture({
      sessionId,
      kind: "problem",
      text: "Wachtlijsten bij de WMO",
    });
    expect(item).toMatchObject({
      status: "proposed",
      themeId: world.sessions[0]?.themeId,
      mine: true,
      version: 1,
    });
    const confirmed = await callerFor(handle, world.moderator).capture.outcome.setStatus({
      sessionId,
      outcomeId: item.id,
      status: "confirmed",
    });
    expect(confirmed.status).toBe("confirmed");
    const snapshot = await callerFor(handle, world.member2).capture.session({ sessionId });
    expect(snapshot.outcomes.find((o) => o.id === item.id)).toMatchObject({
      status: "confirmed",
      mine: false,
    });
  });

  it("a moderator's own capture is confirmed at once", async () => {
    const item = await callerFor(handle, world.moderator).capture.outcome.capture({
      sessionId,
      kind: "insight",
      text: "Inzicht",
    });
    expect(item.status).toBe("confirmed");
  });

  it("members cannot confirm, edit, merge or link", async () => {
    const member = callerFor(handle, world.member);
    const item = await member.capture.outcome.capture({ sessionId, kind: "problem", text: "x" });
    // One at a time: a rejection must always have its handler attached before it happens.
    const calls = [
      () => member.capture.outcome.setStatus({ sessionId, outcomeId: item.id, status: "confirmed" }),
      () => member.capture.outcome.update({ sessionId, outcomeId: item.id, expectedVersion: 1, text: "y" }),
      () => member.capture.outcome.merge({ sessionId, outcomeId: item.id, duplicateId: item.id }),
      () => member.capture.outcome.link({ sessionId, outcomeId: item.id, otherId: item.id }),
    ];
    for (const call of calls) {
      expect((await errorOf(call())).code).toBe("FORBIDDEN");
    }
  });

  it("people outside the series, or not yet approved, cannot read or write", async () => {
    const stranger = await createParticipant(handle.db, {
      seriesId: world.seriesId,
      name: "Nog niet",
      status: "interested",
      organisation: "Gemeente Nog niet",
    });
    for (const caller of [callerFor(handle, stranger), callerFor(handle, null)]) {
      const read = await errorOf(caller.capture.session({ sessionId }));
      expect(["FORBIDDEN", "UNAUTHORIZED"]).toContain(read.code);
      const write = await errorOf(caller.capture.outcome.capture({ sessionId, kind: "problem", text: "x" }));
      expect(["FORBIDDEN", "UNAUTHORIZED"]).toContain(write.code);
    }
  });

  it("two moderators editing the same item: one wins, the other gets CONFLICT with the newer text", async () => {
    const item = await callerFor(handle, world.member).capture.outcome.capture({
      sessionId,
      kind: "problem",
      text: "Oud",
    });
    const a = callerFor(handle, world.moderator).capture.outcome.update({
      sessionId,
      outcomeId: item.id,
      expectedVersion: item.version,
      text: "Tekst van Mo",
    });
    const b = callerFor(handle, world.moderator2).capture.outcome.update({
      sessionId,
      outcomeId: item.id,
      expectedVersion: item.version,
      text: "Tekst van Mira",
    });
    const results = await Promise.allSettled([a, b]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ text: string; version: number }>).value;
    const error = (lost[0] as PromiseRejectedResult).reason as TRPCError;
    expect(error.code).toBe("CONFLICT");
    // The loser is told what won, so they can redo their edit on top of it.
    if (!(error.cause instanceof VersionConflict)) throw new Error("the CONFLICT carries no newer version");
    const current = error.cause.current as { text: string; version: number };
    expect(current).toMatchObject({ text: winner.text, version: winner.version });
    // The loser re-applies on the newer version: both edits have been seen, nothing vanished.
    const again = await callerFor(handle, world.moderator2).capture.outcome.update({
      sessionId,
      outcomeId: item.id,
      expectedVersion: current.version,
      text: `${current.text} + Mira`,
    });
    expect(again.text).toBe(`${winner.text} + Mira`);
  });

  it("merging keeps the provenance of both, moves links, and leaves the duplicate marked merged", async () => {
    const member = callerFor(handle, world.member);
    const moderator = callerFor(handle, world.moderator);
    const keep = await member.capture.outcome.capture({
      sessionId,
      kind: "problem",
      text: "Loketten sluiten",
    });
    const dup = await callerFor(handle, world.member2).capture.outcome.capture({
      sessionId,
      kind: "problem",
      text: "Loket dicht",
    });
    const action = await moderator.capture.outcome.capture({
      sessionId,
      kind: "action",
      text: "Loket open houden",
    });
    await moderator.capture.outcome.link({ sessionId, outcomeId: dup.id, otherId: action.id });
    const merged = await moderator.capture.outcome.merge({
      sessionId,
      outcomeId: keep.id,
      duplicateId: dup.id,
    });
    expect(merged.provenance.map((p) => p.outcomeId).sort()).toEqual([keep.id, dup.id].sort());
    expect(merged.links.map((l) => l.id)).toEqual([action.id]);
    const snapshot = await moderator.capture.session({ sessionId });
    expect(snapshot.outcomes.find((o) => o.id === dup.id)).toMatchObject({
      status: "merged",
      mergedIntoId: keep.id,
    });
    const again = await errorOf(
      moderator.capture.outcome.merge({ sessionId, outcomeId: keep.id, duplicateId: dup.id }),
    );
    expect(again.code).toBe("CONFLICT");
  });

  it("links items across sessions and moves an item to another theme of the series; the theme page follows", async () => {
    const [s1, s2] = world.sessions;
    if (!s1 || !s2) throw new Error("sessions");
    const moderator = callerFor(handle, world.moderator);
    const problem = await moderator.capture.outcome.capture({
      sessionId: s1.id,
      kind: "problem",
      text: "Silo's",
    });
    const action = await moderator.capture.outcome.capture({
      sessionId: s2.id,
      kind: "action",
      text: "Ketenoverleg",
      owner: { type: "organisation", name: "VNG" },
      dueDate: "2027-03-01",
    });
    const linked = await moderator.capture.outcome.link({
      sessionId: s1.id,
      outcomeId: problem.id,
      otherId: action.id,
    });
    expect(linked.links).toEqual([
      expect.objectContaining({ id: action.id, sessionId: s2.id, kind: "action", text: "Ketenoverleg" }),
    ]);
    const moved = await moderator.capture.outcome.update({
      sessionId: s1.id,
      outcomeId: problem.id,
      expectedVersion: linked.version,
      themeId: s2.themeId,
      key: true,
    });
    expect(moved).toMatchObject({ themeId: s2.themeId, key: true, sessionId: s1.id });
    const theme = await callerFor(handle, world.member).capture.theme({
      seriesId: world.seriesId,
      themeId: s2.themeId,
    });
    expect(theme.outcomes.map((o) => o.id)).toEqual(expect.arrayContaining([problem.id, action.id]));
    expect(theme.outcomes.find((o) => o.id === action.id)).toMatchObject({
      owner: { type: "organisation", name: "VNG" },
      dueDate: "2027-03-01",
    });
  });
});
