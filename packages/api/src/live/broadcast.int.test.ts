import { randomUUID } from "node:crypto";
import { type DatabaseHandle, LiveEvent, sql } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import type { LiveEventView } from "@reeks/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiInstance,
  captureWorld,
  startApiInstance,
  TEST_PERSON_HEADER,
  trpcClientFor,
} from "../testing";
import { LIVE_CHANNEL } from "./index";

/** A raw SSE stream of `capture.live`: the bytes as they arrive, cut into events. */
async function openRawStream(baseUrl: string, personId: string, input: unknown) {
  const controller = new AbortController();
  const url = `${baseUrl}/api/trpc/capture.live?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(url, {
    headers: { [TEST_PERSON_HEADER]: personId, accept: "text/event-stream" },
    signal: controller.signal,
  });
  let text = "";
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
      }
    } catch {
      // aborted
    }
  })();
  return {
    response,
    /** Events without pings (their timing differs between any two streams). */
    events: () =>
      text.split(/\n\n+/).filter((block) => block.trim() !== "" && !block.startsWith("event: ping")),
    raw: () => text,
    async close() {
      controller.abort();
      await reading;
    },
  };
}

describe("capture.live served by the instance's broadcaster", () => {
  let database: DatabaseHandle;
  let broadcast: ApiInstance;
  let plain: ApiInstance;
  let world: Awaited<ReturnType<typeof captureWorld>>;
  let sessionId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await captureWorld(database);
    sessionId = world.sessions[0]?.id ?? "";
    [broadcast, plain] = await Promise.all([
      startApiInstance(database),
      startApiInstance(database, { liveBroadcast: false }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([broadcast?.stop(), plain?.stop()]);
    await database?.close();
  });

  it("sends the same bytes as tRPC's own subscription, headers included", async () => {
    const { cursor } = await trpcClientFor(plain.url, world.member2.personId).capture.session.query({
      sessionId,
    });
    const input = { sessionId, lastEventId: cursor };
    const ours = await openRawStream(broadcast.url, world.member2.personId, input);
    const theirs = await openRawStream(plain.url, world.member2.personId, input);
    try {
      const poster = trpcClientFor(plain.url, world.member.personId);
      const moderator = trpcClientFor(plain.url, world.moderator.personId);
      const item = await poster.capture.outcome.capture.mutate({
        sessionId,
        kind: "problem",
        text: "Één loket",
      });
      await moderator.capture.outcome.setStatus.mutate({
        sessionId,
        outcomeId: item.id,
        status: "confirmed",
      });
      await poster.capture.question.ask.mutate({ sessionId, text: "Wie betaalt?", anonymous: true });
      // The connected event and three data events, on both.
      await expect.poll(() => ours.events().length, { timeout: 10_000 }).toBe(4);
      await expect.poll(() => theirs.events().length, { timeout: 10_000 }).toBe(4);
      expect(ours.events()).toEqual(theirs.events());
      expect(ours.raw().replaceAll("event: ping\ndata: \n\n\n", "")).toBe(
        theirs.raw().replaceAll("event: ping\ndata: \n\n\n", ""),
      );
      for (const header of ["content-type", "cache-control", "x-accel-buffering"]) {
        expect(ours.response.headers.get(header)).toBe(theirs.response.headers.get(header));
      }
    } finally {
      await Promise.all([ours.close(), theirs.close()]);
    }
  });

  it("shows each viewer their own view of an event: the author's item is `mine` to the author only", async () => {
    const { cursor } = await trpcClientFor(broadcast.url, world.member.personId).capture.session.query({
      sessionId,
    });
    const seen = new Map<string, LiveEventView[]>();
    const viewers = [world.member, world.member2, world.moderator];
    const subscriptions = viewers.map((viewer) => {
      const received: LiveEventView[] = [];
      seen.set(viewer.personId, received);
      return trpcClientFor(broadcast.url, viewer.personId).capture.live.subscribe(
        { sessionId, lastEventId: cursor },
        { onData: (event) => received.push(event.data as LiveEventView) },
      );
    });
    try {
      await trpcClientFor(broadcast.url, world.member.personId).capture.outcome.capture.mutate({
        sessionId,
        kind: "action",
        text: "Pilot starten",
        attribution: "anonymous",
      });
      for (const viewer of viewers) {
        await expect.poll(() => seen.get(viewer.personId)?.length, { timeout: 10_000 }).toBe(1);
      }
      const outcomeOf = (personId: string) => {
        const event = seen.get(personId)?.[0];
        return event?.type === "outcome" ? event.outcome : null;
      };
      expect(outcomeOf(world.member.personId)).toMatchObject({ mine: true, text: "Pilot starten" });
      expect(outcomeOf(world.member2.personId)).toMatchObject({ mine: false, author: null });
      expect(outcomeOf(world.moderator.personId)).toMatchObject({ mine: false });
    } finally {
      for (const subscription of subscriptions) subscription.unsubscribe();
    }
  });

  it("reads the log again when the instance may have missed notifications", async () => {
    const { cursor } = await trpcClientFor(broadcast.url, world.member.personId).capture.session.query({
      sessionId,
    });
    const received: Array<{ id: string; data: LiveEventView }> = [];
    const subscription = trpcClientFor(broadcast.url, world.member.personId).capture.live.subscribe(
      { sessionId, lastEventId: cursor },
      { onData: (event) => received.push(event as { id: string; data: LiveEventView }) },
    );
    try {
      await trpcClientFor(broadcast.url, world.member2.personId).capture.question.ask.mutate({
        sessionId,
        text: "Eerst",
      });
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
      // An event in the log that no notification announced, then a notification the hub cannot read:
      // it tells its streams to catch up from the log, which must bring the silent event.
      const [silent] = await database.db
        .insert(LiveEvent)
        .values({
          seriesId: world.seriesId,
          sessionId,
          type: "session",
          data: { sessionId, reviewDeadline: "2026-12-01T12:00:00.000Z" },
        })
        .returning({ id: LiveEvent.id });
      await database.db.execute(sql`select pg_notify(${LIVE_CHANNEL}, 'not json')`);
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(2);
      expect(received[1]).toMatchObject({
        id: silent?.id.toString(),
        data: { type: "session", sessionId, reviewDeadline: "2026-12-01T12:00:00.000Z" },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toHaveLength(2);
    } finally {
      subscription.unsubscribe();
    }
  });

  it("leaves what it may not serve to tRPC, which refuses it in its own words", async () => {
    const stranger = await openRawStream(broadcast.url, randomUUID(), { sessionId });
    try {
      await expect.poll(() => stranger.raw(), { timeout: 10_000 }).toContain("event: serialized-error");
      expect(stranger.raw()).toContain('"code":"UNAUTHORIZED"');
    } finally {
      await stranger.close();
    }
    const badInput = await openRawStream(broadcast.url, world.member.personId, { sessionId: "nope" });
    try {
      await expect.poll(() => badInput.raw(), { timeout: 10_000 }).toContain('"code":"BAD_REQUEST"');
    } finally {
      await badInput.close();
    }
  });
});
