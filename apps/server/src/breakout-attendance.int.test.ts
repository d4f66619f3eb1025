import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dispose } from "@livekit/rtc-node";
import {
  type AttendanceWorker,
  appRouter,
  createCallerFactory,
  createContextInner,
  listAttendance,
  liveAttendanceCount,
  startAttendanceWorker,
} from "@reeks/api";
import { createRoomFixture } from "@reeks/api/testing";
import { BreakoutGroup, type DatabaseHandle, eq, newRoomName, Session } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import {
  createRoomService,
  type LivekitConnection,
  type RunningLivekit,
  startLivekitServer,
} from "@reeks/livekit";
import { type Bot, joinBot } from "@reeks/livekit/testing";
import { WebhookEvent as LivekitWebhookEvent } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./test-app";

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Longer than the reconnect grace (15 s): a move that was not one stay would show as two. */
const IN_GROUPS_MS = 17_000;

describe("attendance across breakout moves, from a real livekit-server's webhooks", () => {
  const port = Number(process.env.REEKS_TEST_LIVEKIT_PORT ?? 7980) + 30;
  const roomName = newRoomName();
  let livekit: RunningLivekit;
  let workDir: string;
  let connection: LivekitConnection;
  let capture: Server;
  let handle: DatabaseHandle;
  let worker: AttendanceWorker;
  let fixture: Awaited<ReturnType<typeof createRoomFixture>>;
  const events: LivekitWebhookEvent[] = [];
  const createCaller = createCallerFactory(appRouter);
  const as = (personId: string) =>
    createCaller(
      createContextInner({
        database: handle,
        livekit: { connection, publicUrl: connection.url },
        actor: { personId },
        locale: "en",
      }),
    );

  beforeAll(async () => {
    handle = await createTestDatabase();
    fixture = await createRoomFixture(handle.db, { members: 3, roomName });
    await handle.db.update(Session).set({ status: "live" }).where(eq(Session.id, fixture.sessionId));
    let app: ReturnType<typeof createTestApp> | null = null;
    capture = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      req.on("end", async () => {
        events.push(LivekitWebhookEvent.fromJsonString(body, { ignoreUnknownFields: true }));
        app ??= createTestApp(handle, connection, { onWebhookStored: () => void worker.kick() });
        const response = await app.request("/livekit/webhook", {
          method: "POST",
          body,
          headers: {
            Authorization: req.headers.authorization ?? "",
            "Content-Type": "application/webhook+json",
          },
        });
        res.writeHead(response.status).end();
      });
    });
    await new Promise<void>((resolve) => capture.listen(0, "127.0.0.1", resolve));
    workDir = await mkdtemp(join(tmpdir(), "reeks-bo-livekit-"));
    livekit = await startLivekitServer({
      workDir,
      ports: { http: port, rtcTcp: port + 1, rtcUdp: port + 2 },
      webhookUrl: `http://127.0.0.1:${(capture.address() as AddressInfo).port}/livekit/webhook`,
      log: () => {},
    });
    connection = { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret };
    // The reconciler runs when the test says so.
    worker = startAttendanceWorker({
      db: handle.db,
      rooms: createRoomService(connection),
      pollMs: 500,
      reconcileMs: 3_600_000,
    });
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await livekit?.stop();
    await new Promise((r) => capture?.close(r));
    await handle?.close();
    await dispose();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const seen = (type: string, room?: string) =>
    events.filter((e) => e.event === type && (!room || e.room?.name === room)).length;

  it("keeps one stay per person across two rounds of moves, while the main room empties and finishes", async () => {
    const { sessionId } = fixture;
    const rooms = createRoomService(connection);
    // The main room finishes a second after the last one leaves it: LiveKit's room_finished comes
    // while everyone is in a group, and must not end their stays.
    await rooms.createRoom({ name: roomName, emptyTimeout: 60, departureTimeout: 1 });
    const moderator = as(fixture.moderator.personId);
    const firstJoin = new Map<string, Date>();
    const bots = new Map<string, Bot>();

    async function toMain(personId: string) {
      const answer = await as(personId).room.join({ sessionId });
      if (answer.kind !== "token") throw new Error(`main room: ${answer.kind}`);
      await bots.get(personId)?.leave();
      const bot = await joinBot(answer.url, answer.token, answer.identity);
      bots.set(personId, bot);
      if (!firstJoin.has(personId)) firstJoin.set(personId, bot.joinedAt);
    }
    async function toGroup(personId: string) {
      const answer = await as(personId).breakout.join({ sessionId });
      if (answer.kind !== "group") throw new Error(`group: ${answer.kind}`);
      await bots.get(personId)?.leave();
      bots.set(personId, await joinBot(answer.url, answer.token, answer.identity));
    }

    for (const m of fixture.members) await toMain(m.personId);
    await waitFor(() => seen("participant_joined", roomName) === 3, "three joined the main room");
    await waitFor(async () => (await liveAttendanceCount(handle.db, sessionId)) === 3, "three attending");

    for (let round = 1; round <= 2; round++) {
      const planned = await moderator.breakout.plan({
        sessionId,
        assignment: "random",
        groupCount: 2,
        durationMinutes: 10,
        rapporteurChoice: "group",
      });
      await moderator.breakout.open({ sessionId, roundId: planned.roundId, version: planned.version });
      const finishedBefore = seen("room_finished", roomName);
      for (const m of fixture.members) await toGroup(m.personId);
      await waitFor(() => seen("room_finished", roomName) > finishedBefore, "the main room finished", 30_000);
      await new Promise((r) => setTimeout(r, IN_GROUPS_MS));
      // Everyone is in a group room: the reconciler must find them there, not close them as gone.
      await worker.reconcileLive();
      await worker.kick();
      expect(await liveAttendanceCount(handle.db, sessionId)).toBe(3);
      await moderator.breakout.close({ sessionId, roundId: planned.roundId });
      for (const m of fixture.members) await toMain(m.personId);
    }
    await waitFor(() => seen("participant_joined", roomName) === 9, "everyone back in the main room twice");

    const leftAt = new Map<string, Date>();
    for (const m of fixture.members)
      leftAt.set(m.personId, (await bots.get(m.personId)?.leave()) ?? new Date());
    const groupRooms = (await handle.db.select().from(BreakoutGroup)).map((g) => g.roomName);
    for (const room of [roomName, ...groupRooms]) await rooms.deleteRoom(room).catch(() => {});
    await waitFor(
      () => seen("participant_left") >= 15,
      "every connection's leave (3 people × 5 connections)",
    );
    await worker.kick();

    const stays = await listAttendance(handle.db, sessionId);
    for (const m of fixture.members) {
      const own = stays.filter((s) => s.participantId === m.participantId);
      expect(own, `${m.name}: one stay across four moves`).toHaveLength(1);
      const [stay] = own;
      expect(
        Math.abs((stay?.joinedAt.getTime() ?? 0) - (firstJoin.get(m.personId)?.getTime() ?? 0)),
      ).toBeLessThan(1_500);
      expect(
        Math.abs((stay?.leftAt?.getTime() ?? 0) - (leftAt.get(m.personId)?.getTime() ?? 0)),
      ).toBeLessThan(2_000);
    }
  }, 180_000);
});
