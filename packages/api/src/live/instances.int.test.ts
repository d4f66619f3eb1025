import { createDatabase, type DatabaseHandle } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import type { LiveEventView } from "@reeks/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiInstance, callerFor, captureWorld, startApiInstance, trpcClientFor } from "../testing";

/**
 * A second handle on the same database, as a second API instance would open: on PostgreSQL its own
 * pool (and so its own LISTEN connection); on PGlite, which lives in this process, the same engine
 * under a handle of its own (and so its own listener).
 */
function secondHandle(handle: DatabaseHandle): DatabaseHandle {
  if (handle.pool) {
    const url = handle.pool.options.connectionString;
    if (!url) throw new Error("no connection string");
    return createDatabase({ kind: "postgres", url, maxConnections: 5 });
  }
  return { ...handle, close: async () => {} };
}

interface Received {
  id: string;
  data: LiveEventView;
}

function collect() {
  const received: Received[] = [];
  return {
    received,
    onData: (event: Received) => received.push(event),
    texts: () => received.flatMap((e) => (e.data.type === "outcome" ? [e.data.outcome.text] : [])),
  };
}

describe("live events across two API instances on one database", () => {
  let primary: DatabaseHandle;
  let secondary: DatabaseHandle;
  let a: ApiInstance;
  let b: ApiInstance;
  let world: Awaited<ReturnType<typeof captureWorld>>;
  let sessionId: string;
  beforeAll(async () => {
    primary = await createTestDatabase();
    secondary = secondHandle(primary);
    world = await captureWorld(primary);
    sessionId = world.sessions[0]?.id ?? "";
    [a, b] = await Promise.all([startApiInstance(primary), startApiInstance(secondary)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await secondary?.close();
    await primary?.close();
  });

  it("an item posted through one instance reaches a subscriber on the other", async () => {
    const watcher = trpcClientFor(b.url, world.member2.personId);
    const { cursor } = await watcher.capture.session.query({ sessionId });
    const seen = collect();
    const subscription = watcher.capture.live.subscribe(
      { sessionId, lastEventId: cursor },
      { onData: seen.onData },
    );
    try {
      const poster = trpcClientFor(a.url, world.member.personId);
      const item = await poster.capture.outcome.capture.mutate({
        sessionId,
        kind: "problem",
        text: "Via instantie A",
      });
      await expect.poll(() => seen.texts(), { timeout: 10_000 }).toEqual(["Via instantie A"]);
      const first = seen.received[0]?.data;
      expect(first?.type === "outcome" && first.outcome).toMatchObject({
        id: item.id,
        mine: false,
        status: "proposed",
      });
    } finally {
      subscription.unsubscribe();
    }
  });

  it("a subscriber whose connection drops resumes from its last event: nothing missed, nothing twice", async () => {
    const watcher = trpcClientFor(b.url, world.member2.personId);
    const poster = trpcClientFor(a.url, world.moderator.personId);
    const { cursor } = await watcher.capture.session.query({ sessionId });
    const seen = collect();
    const subscription = watcher.capture.live.subscribe(
      { sessionId, lastEventId: cursor },
      { onData: seen.onData },
    );
    const expected: string[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        expected.push(`voor ${i}`);
        await poster.capture.outcome.capture.mutate({ sessionId, kind: "insight", text: `voor ${i}` });
      }
      await expect.poll(() => seen.texts().length, { timeout: 10_000 }).toBe(5);
      // The network drops the stream; while the client reconnects, more items are posted.
      b.dropConnections();
      const during = Array.from({ length: 5 }, (_, i) => `tijdens ${i}`);
      await Promise.all(
        during.map((text) => poster.capture.outcome.capture.mutate({ sessionId, kind: "insight", text })),
      );
      expected.push(...during);
      for (let i = 0; i < 5; i++) {
        expected.push(`na ${i}`);
        await poster.capture.outcome.capture.mutate({ sessionId, kind: "insight", text: `na ${i}` });
      }
      await expect.poll(() => seen.texts().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(15);
      // Give a duplicate the chance to show up before judging.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect([...seen.texts()].sort()).toEqual([...expected].sort());
      const ids = seen.received.map((e) => BigInt(e.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort((x, y) => (x < y ? -1 : 1))).toEqual(ids);
    } finally {
      subscription.unsubscribe();
    }
  });

  it("a subscriber that unsubscribes and later resumes with its last event id gets exactly the rest", async () => {
    const watcher = trpcClientFor(b.url, world.member.personId);
    const poster = trpcClientFor(a.url, world.moderator.personId);
    const { cursor } = await watcher.capture.session.query({ sessionId });
    const first = collect();
    const subscription = watcher.capture.live.subscribe(
      { sessionId, lastEventId: cursor },
      { onData: first.onData },
    );
    await poster.capture.question.ask.mutate({ sessionId, text: "Vraag 1" });
    await expect.poll(() => first.received.length, { timeout: 10_000 }).toBe(1);
    subscription.unsubscribe();
    const lastEventId = first.received[0]?.id ?? "";
    await poster.capture.question.ask.mutate({ sessionId, text: "Vraag 2" });
    await poster.capture.question.ask.mutate({ sessionId, text: "Vraag 3" });
    const second = collect();
    const resumed = watcher.capture.live.subscribe({ sessionId, lastEventId }, { onData: second.onData });
    try {
      await poster.capture.question.ask.mutate({ sessionId, text: "Vraag 4" });
      await expect.poll(() => second.received.length, { timeout: 10_000 }).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const questions = second.received.map((e) => (e.data.type === "question" ? e.data.question.text : "?"));
      expect(questions).toEqual(["Vraag 2", "Vraag 3", "Vraag 4"]);
    } finally {
      resumed.unsubscribe();
    }
  });

  it("a member of another series cannot subscribe", async () => {
    const caller = callerFor(primary, null);
    await expect(caller.capture.live({ sessionId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
