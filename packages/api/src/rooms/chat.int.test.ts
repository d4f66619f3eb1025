import { ChatMessage, type DatabaseHandle } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { CHAT_PAGE_SIZE, type LiveEventView } from "@reeks/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveEventView } from "../capture/views";
import { createContextInner } from "../context";
import { latestEventId, liveStream } from "../live";
import { appRouter } from "../root";
import { createRoomFixture } from "../testing";
import { createCallerFactory } from "../trpc";

describe("the room's chat and roster: pages by cursor, changes on the live stream", () => {
  let handle: DatabaseHandle;
  let fixture: Awaited<ReturnType<typeof createRoomFixture>>;
  // The global test livekit-server (setStage tells it too); chat and roster go through the live log.
  const { LIVEKIT_URL = "", LIVEKIT_API_KEY = "", LIVEKIT_API_SECRET = "" } = process.env;
  const connection = { url: LIVEKIT_URL, apiKey: LIVEKIT_API_KEY, apiSecret: LIVEKIT_API_SECRET };
  const livekit = { connection, publicUrl: LIVEKIT_URL };
  const createCaller = createCallerFactory(appRouter);
  const as = (personId: string) =>
    createCaller(createContextInner({ database: handle, livekit, actor: { personId } }));

  beforeAll(async () => {
    handle = await createTestDatabase();
    fixture = await createRoomFixture(handle.db, { members: 2 });
  });
  afterAll(() => handle.close());

  it("pages from the newest back with no duplicate and no gap while messages keep arriving", async () => {
    const { sessionId } = fixture;
    const [m1, m2] = fixture.members;
    if (!m1 || !m2) throw new Error("fixture");
    const writer = as(m1.personId);
    const reader = as(m2.personId);
    const sent: string[] = [];
    for (let i = 0; i < 70; i++)
      sent.push((await writer.room.sendChat({ sessionId, body: `vooraf ${i}` })).id);
    // Messages with the very same time: the cursor must still split them exactly (ties go by id).
    const tied = await handle.db
      .insert(ChatMessage)
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          sessionId,
          authorId: m2.personId,
          body: `tegelijk ${i}`,
          sentAt: new Date("2026-01-01T10:00:00.123Z"),
        })),
      )
      .returning({ id: ChatMessage.id });
    const all = new Set([...sent, ...tied.map((t) => t.id)]);

    const first = await reader.room.chat({ sessionId });
    expect(first.messages).toHaveLength(CHAT_PAGE_SIZE);
    // The newest page ends with the newest message.
    expect(first.messages.at(-1)?.id).toBe(sent.at(-1));
    const seen = first.messages.map((m) => m.id);
    let cursor = first.older;
    let pages = 1;
    while (cursor) {
      // New messages arrive between pages (the browser gets them on the stream): older pages are unmoved.
      await writer.room.sendChat({ sessionId, body: `tussendoor ${pages}` });
      const page = await reader.room.chat({ sessionId, cursor });
      expect(page.messages.length).toBeGreaterThan(0);
      // Oldest first within a page, and every page older than the one before.
      const times = page.messages.map((m) => Date.parse(m.sentAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      seen.unshift(...page.messages.map((m) => m.id));
      cursor = page.older;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(all);
  });

  it("refuses a cursor from another session's chat or an unknown one", async () => {
    const [m1] = fixture.members;
    if (!m1) throw new Error("fixture");
    await expect(
      as(m1.personId).room.chat({
        sessionId: fixture.sessionId,
        cursor: "00000000-0000-4000-8000-000000000000",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("sends a chat message and every roster change on the session's live stream", async () => {
    const { sessionId, seriesId } = fixture;
    const [m1, m2] = fixture.members;
    if (!m1 || !m2) throw new Error("fixture");
    const abort = new AbortController();
    const stream = liveStream({
      database: handle,
      seriesId,
      lastEventId: await latestEventId(handle, seriesId),
      signal: abort.signal,
    });
    const received: LiveEventView[] = [];
    const reading = (async () => {
      for await (const event of stream) {
        const view = liveEventView(event, { participantId: m2.participantId, moderator: false });
        if (view && event.sessionId === sessionId) received.push(view);
        if (received.length === 3) break;
      }
    })();

    const message = await as(m1.personId).room.sendChat({ sessionId, body: "Hoort iemand mij?" });
    await as(m1.personId).room.raiseHand({ sessionId, raised: true });
    await as(fixture.moderator.personId).room.setStage({
      sessionId,
      participantId: m1.participantId,
      onStage: true,
    });
    await reading;
    abort.abort();

    expect(received[0]).toEqual({ type: "chat", message });
    expect(received[1]).toMatchObject({
      type: "roster",
      sessionId,
      entry: { participantId: m1.participantId, name: m1.name, onStage: false, removed: false },
    });
    expect(received[1]?.type === "roster" && received[1].entry.handRaisedAt).toBeTruthy();
    expect(received[2]).toMatchObject({
      type: "roster",
      entry: { participantId: m1.participantId, onStage: true, handRaisedAt: null },
    });
    // What the stream says is what the roster query answers.
    const roster = await as(m2.personId).room.roster({ sessionId });
    expect(roster.find((r) => r.participantId === m1.participantId)).toEqual(
      received[2]?.type === "roster" ? received[2].entry : null,
    );
  });
});
