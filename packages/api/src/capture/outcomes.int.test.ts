import { createParticipant } from "@reeks/db/testing";
import type { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { callerFor, errorOf } from "../testing";
import { useCaptureWorld } from "../testing/use-capture-world";
import { VersionConflict } from "./conflict";

describe("outcome items", () => {
  const t = useCaptureWorld();

  it("a member proposes, a moderator confirms; the theme defaults to the session's", async () => {
    const member = callerFor(t.handle, t.world.member);
    const item = await member.capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "problem",
      text: "Wachtlijsten bij de WMO",
    });
    expect(item).toMatchObject({
      status: "proposed",
      themeId: t.world.sessions[0]?.themeId,
      mine: true,
      version: 1,
    });
    const confirmed = await callerFor(t.handle, t.world.moderator).capture.outcome.setStatus({
      sessionId: t.sessionId,
      outcomeId: item.id,
      status: "confirmed",
    });
    expect(confirmed.status).toBe("confirmed");
    const snapshot = await callerFor(t.handle, t.world.member2).capture.session({ sessionId: t.sessionId });
    expect(snapshot.outcomes.find((o) => o.id === item.id)).toMatchObject({
      status: "confirmed",
      mine: false,
    });
  });

  it("a moderator's own capture is confirmed at once", async () => {
    const item = await callerFor(t.handle, t.world.moderator).capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "insight",
      text: "Inzicht",
    });
    expect(item.status).toBe("confirmed");
  });

  it("members cannot confirm, edit, merge or link", async () => {
    const member = callerFor(t.handle, t.world.member);
    const item = await member.capture.outcome.capture({ sessionId: t.sessionId, kind: "problem", text: "x" });
    // One at a time: a rejection must always have its handler attached before it happens.
    const calls = [
      () =>
        member.capture.outcome.setStatus({ sessionId: t.sessionId, outcomeId: item.id, status: "confirmed" }),
      () =>
        member.capture.outcome.update({
          sessionId: t.sessionId,
          outcomeId: item.id,
          expectedVersion: 1,
          text: "y",
        }),
      () =>
        member.capture.outcome.merge({ sessionId: t.sessionId, outcomeId: item.id, duplicateId: item.id }),
      () => member.capture.outcome.link({ sessionId: t.sessionId, outcomeId: item.id, otherId: item.id }),
    ];
    for (const call of calls) {
      expect((await errorOf(call())).code).toBe("FORBIDDEN");
    }
  });

  it("people outside the series, or not yet approved, cannot read or write", async () => {
    const stranger = await createParticipant(t.handle.db, {
      seriesId: t.world.seriesId,
      name: "Nog niet",
      status: "interested",
      organisation: "Gemeente Nog niet",
    });
    for (const caller of [callerFor(t.handle, stranger), callerFor(t.handle, null)]) {
      const read = await errorOf(caller.capture.session({ sessionId: t.sessionId }));
      expect(["FORBIDDEN", "UNAUTHORIZED"]).toContain(read.code);
      const write = await errorOf(
        caller.capture.outcome.capture({ sessionId: t.sessionId, kind: "problem", text: "x" }),
      );
      expect(["FORBIDDEN", "UNAUTHORIZED"]).toContain(write.code);
    }
  });

  it("two moderators editing the same item: one wins, the other gets CONFLICT with the newer text", async () => {
    const item = await callerFor(t.handle, t.world.member).capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "problem",
      text: "Oud",
    });
    const a = callerFor(t.handle, t.world.moderator).capture.outcome.update({
      sessionId: t.sessionId,
      outcomeId: item.id,
      expectedVersion: item.version,
      text: "Tekst van Mo",
    });
    const b = callerFor(t.handle, t.world.moderator2).capture.outcome.update({
      sessionId: t.sessionId,
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
    const again = await callerFor(t.handle, t.world.moderator2).capture.outcome.update({
      sessionId: t.sessionId,
      outcomeId: item.id,
      expectedVersion: current.version,
      text: `${current.text} + Mira`,
    });
    expect(again.text).toBe(`${winner.text} + Mira`);
  });

  it("merging keeps the provenance of both, moves links, and leaves the duplicate marked merged", async () => {
    const member = callerFor(t.handle, t.world.member);
    const moderator = callerFor(t.handle, t.world.moderator);
    const keep = await member.capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "problem",
      text: "Loketten sluiten",
    });
    const dup = await callerFor(t.handle, t.world.member2).capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "problem",
      text: "Loket dicht",
    });
    const action = await moderator.capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "action",
      text: "Loket open houden",
    });
    await moderator.capture.outcome.link({ sessionId: t.sessionId, outcomeId: dup.id, otherId: action.id });
    const merged = await moderator.capture.outcome.merge({
      sessionId: t.sessionId,
      outcomeId: keep.id,
      duplicateId: dup.id,
    });
    expect(merged.provenance.map((p) => p.outcomeId).sort()).toEqual([keep.id, dup.id].sort());
    expect(merged.links.map((l) => l.id)).toEqual([action.id]);
    const snapshot = await moderator.capture.session({ sessionId: t.sessionId });
    expect(snapshot.outcomes.find((o) => o.id === dup.id)).toMatchObject({
      status: "merged",
      mergedIntoId: keep.id,
    });
    const again = await errorOf(
      moderator.capture.outcome.merge({ sessionId: t.sessionId, outcomeId: keep.id, duplicateId: dup.id }),
    );
    expect(again.code).toBe("CONFLICT");
  });

  it("links items across sessions and moves an item to another theme of the series; the theme page follows", async () => {
    const [s1, s2] = t.world.sessions;
    if (!s1 || !s2) throw new Error("sessions");
    const moderator = callerFor(t.handle, t.world.moderator);
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
    const theme = await callerFor(t.handle, t.world.member).capture.theme({
      seriesId: t.world.seriesId,
      themeId: s2.themeId,
    });
    expect(theme.outcomes.map((o) => o.id)).toEqual(expect.arrayContaining([problem.id, action.id]));
    expect(theme.outcomes.find((o) => o.id === action.id)).toMatchObject({
      owner: { type: "organisation", name: "VNG" },
      dueDate: "2027-03-01",
    });
  });
});
