import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dispose } from "@livekit/rtc-node";
import {
  type AttendanceRow,
  type AttendanceWorker,
  inboxEventOf,
  listAttendance,
  startAttendanceWorker,
  storeWebhookEvents,
} from "@reeks/api";
import { createRoomFixture } from "@reeks/api/testing";
import { type DatabaseHandle, eq, RoomSeat, Session, WebhookEvent } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import {
  createRoomService,
  type LivekitConnection,
  mintRoomToken,
  newOpaqueIdentity,
  type RunningLivekit,
  readWebhookBody,
  startLivekitServer,
} from "@reeks/livekit";
import { type Bot, joinBot } from "@reeks/livekit/testing";
import { mulberry32 } from "@reeks/testing/random";
import { WebhookEvent as LivekitWebhookEvent } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./test-app";

/**
 * Tolerances, stated: joins come from LiveKit's own millisecond join time; leaves from the webhook's
 * creation time, which LiveKit gives in whole seconds. So a stay may start up to ~1 s before the
 * bot's connect() resolved and end up to 1 s before its disconnect() resolved.
 */
const JOIN_TOLERANCE_MS = 1_500;
const LEAVE_TOLERANCE_MS = 2_000;
/** The perturbed run reconciles this often; an end the reconciler estimated is at most that late. */
const RECONCILE_EVERY_MS = 500;

interface Captured {
  body: string;
  authorization: string;
  event: LivekitWebhookEvent;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000, what = "condition") {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function byParticipant(rows: AttendanceRow[]): Map<string, AttendanceRow[]> {
  const map = new Map<string, AttendanceRow[]>();
  for (const row of rows) map.set(row.participantId, [...(map.get(row.participantId) ?? []), row]);
  return map;
}

describe("attendance from a real livekit-server's webhooks, with rtc-node bots", () => {
  const port = Number(process.env.REEKS_TEST_LIVEKIT_PORT ?? 7980) + 20;
  const roomName = `rk_att_${newOpaqueIdentity().slice(2)}`;
  let livekit: RunningLivekit;
  let workDir: string;
  let connection: LivekitConnection;
  let capture: Server;
  const captured: Captured[] = [];
  const deliveries: Promise<unknown>[] = [];
  let clean: DatabaseHandle;
  let perturbed: DatabaseHandle;
  let cleanWorker: AttendanceWorker;
  let perturbedWorker: AttendanceWorker;
  let fixture: Awaited<ReturnType<typeof createRoomFixture>>;
  const seatIdentity = new Map<string, string>();
  const bots: Record<string, { joinedAt: Date; leftAt: Date }> = {};

  /** What the perturbed database never gets: chosen so each kind of gap is exercised. */
  let dropped: (c: Captured) => boolean = () => false;

  beforeAll(async () => {
    [clean, perturbed] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    fixture = await createRoomFixture(clean.db, { members: 3, roomName });
    await createRoomFixture(perturbed.db, { members: 0, roomName });
    // The perturbed database knows the same people under the same opaque identities.
    for (const member of fixture.members) {
      const identity = newOpaqueIdentity();
      seatIdentity.set(member.participantId, identity);
      await clean.db
        .insert(RoomSeat)
        .values({ sessionId: fixture.sessionId, participantId: member.participantId, identity });
    }
    const [perturbedSession] = await perturbed.db
      .select()
      .from(Session)
      .where(eq(Session.roomName, roomName));
    if (!perturbedSession) throw new Error("no perturbed session");
    // Copy persons, participants and seats so both databases map identities the same way.
    const { Participant, Person } = await import("@reeks/db");
    for (const member of fixture.members) {
      const [person] = await clean.db.select().from(Person).where(eq(Person.id, member.personId));
      const [participant] = await clean.db
        .select()
        .from(Participant)
        .where(eq(Participant.id, member.participantId));
      if (!person || !participant) throw new Error("fixture incomplete");
      await perturbed.db.insert(Person).values(person);
      await perturbed.db.insert(Participant).values({ ...participant, seriesId: perturbedSession.seriesId });
      await perturbed.db.insert(RoomSeat).values({
        sessionId: perturbedSession.id,
        participantId: member.participantId,
        identity: seatIdentity.get(member.participantId) ?? "",
      });
    }
    for (const db of [clean.db, perturbed.db]) {
      await db.update(Session).set({ status: "live" }).where(eq(Session.roomName, roomName));
    }

    capture = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      req.on("end", async () => {
        const authorization = req.headers.authorization ?? "";
        const event = LivekitWebhookEvent.fromJsonString(body, { ignoreUnknownFields: true });
        const entry = { body, authorization, event };
        captured.push(entry);
        const response = await cleanApp().request("/livekit/webhook", {
          method: "POST",
          body,
          headers: { Authorization: authorization, "Content-Type": "application/webhook+json" },
        });
        deliverPerturbed(entry);
        res.writeHead(response.status).end();
      });
    });
    await new Promise<void>((resolve) => capture.listen(0, "127.0.0.1", resolve));
    const capturePort = (capture.address() as AddressInfo).port;
    workDir = await mkdtemp(join(tmpdir(), "reeks-att-livekit-"));
    livekit = await startLivekitServer({
      workDir,
      ports: { http: port, rtcTcp: port + 1, rtcUdp: port + 2 },
      webhookUrl: `http://127.0.0.1:${capturePort}/livekit/webhook`,
      log: () => {},
    });
    connection = { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret };
    const rooms = createRoomService(connection);
    cleanWorker = startAttendanceWorker({ db: clean.db, rooms, pollMs: 1_000, reconcileMs: 3_600_000 });
    perturbedWorker = startAttendanceWorker({
      db: perturbed.db,
      rooms,
      pollMs: 1_000,
      reconcileMs: RECONCILE_EVERY_MS,
    });
  }, 90_000);

  let app: ReturnType<typeof createTestApp> | null = null;
  function cleanApp() {
    app ??= createTestApp(clean, connection, { onWebhookStored: () => void cleanWorker.kick() });
    return app;
  }

  const random = mulberry32(4);
  let perturbedApp: ReturnType<typeof createTestApp> | null = null;
  /** Delivers to the perturbed database late, out of order, twice or three times, or not at all. */
  function deliverPerturbed(entry: Captured) {
    if (dropped(entry)) return;
    perturbedApp ??= createTestApp(perturbed, connection, {
      onWebhookStored: () => void perturbedWorker.kick(),
    });
    const target = perturbedApp;
    const copies = 1 + Math.floor(random() * 3);
    for (let i = 0; i < copies; i += 1) {
      const delay = Math.floor(random() * 1_500);
      deliveries.push(
        new Promise((r) => setTimeout(r, delay)).then(() =>
          target.request("/livekit/webhook", {
            method: "POST",
            body: entry.body,
            headers: { Authorization: entry.authorization },
          }),
        ),
      );
    }
  }

  afterAll(async () => {
    await cleanWorker?.stop();
    await perturbedWorker?.stop();
    await livekit?.stop();
    await new Promise((r) => capture?.close(r));
    await clean?.close();
    await perturbed?.close();
    await dispose();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("records each bot's stay, merges a short reconnect, and survives a perturbed stream", async () => {
    const [a, b, c] = fixture.members;
    if (!a || !b || !c) throw new Error("fixture");
    const identityOf = (p: { participantId: string }) => seatIdentity.get(p.participantId) ?? "";
    const token = async (p: { participantId: string }) =>
      (await mintRoomToken(connection, { room: roomName, identity: identityOf(p), canPublish: false })).token;
    const events = (type: string, identity?: string) =>
      captured.filter(
        (e) => e.event.event === type && (!identity || e.event.participant?.identity === identity),
      );

    dropped = (e) =>
      (e.event.event === "participant_joined" && e.event.participant?.identity === identityOf(a)) ||
      (e.event.event === "participant_left" && e.event.participant?.identity === identityOf(c)) ||
      (e.event.event === "participant_joined" &&
        e.event.participant?.identity === identityOf(b) &&
        events("participant_joined", identityOf(b)).indexOf(e) === 1) ||
      e.event.event === "room_finished";

    const botA = await joinBot(connection.url, await token(a), identityOf(a));
    const botB1 = await joinBot(connection.url, await token(b), identityOf(b));
    await waitFor(() => events("participant_joined").length >= 2, 30_000, "two joins");
    const botC = await joinBot(connection.url, await token(c), identityOf(c));
    await waitFor(() => events("participant_joined", identityOf(c)).length === 1, 30_000, "C joined");
    // B's network blips: out and straight back in, under a new connection.
    const bBlipOut = await botB1.leave();
    await waitFor(() => events("participant_left", identityOf(b)).length === 1, 30_000, "B left");
    const botB2: Bot = await joinBot(connection.url, await token(b), identityOf(b));
    await waitFor(() => events("participant_joined", identityOf(b)).length === 2, 30_000, "B back");
    // Let the reconciler of the perturbed run see everyone present at least once.
    await new Promise((r) => setTimeout(r, 2 * RECONCILE_EVERY_MS + 200));
    bots.a = { joinedAt: botA.joinedAt, leftAt: await botA.leave() };
    await waitFor(() => events("participant_left", identityOf(a)).length === 1, 30_000, "A left");
    bots.c = { joinedAt: botC.joinedAt, leftAt: await botC.leave() };
    await waitFor(() => events("participant_left", identityOf(c)).length === 1, 30_000, "C left");
    bots.b = { joinedAt: botB1.joinedAt, leftAt: await botB2.leave() };
    await waitFor(() => events("participant_left", identityOf(b)).length === 2, 30_000, "B left again");
    await createRoomService(connection).deleteRoom(roomName);
    await waitFor(() => events("room_finished").length === 1, 30_000, "room_finished");
    expect(bBlipOut.getTime() - botB1.joinedAt.getTime()).toBeGreaterThan(0);

    await Promise.all(deliveries);
    await cleanWorker.kick();
    await perturbedWorker.kick();
    await perturbedWorker.reconcileLive();

    // 1. The clean stream matches what the bots did, within the stated tolerance.
    const cleanRows = byParticipant(await listAttendance(clean.db, fixture.sessionId));
    for (const [member, key] of [
      [a, "a"],
      [b, "b"],
      [c, "c"],
    ] as const) {
      const stays = cleanRows.get(member.participantId) ?? [];
      expect(stays, `one stay for ${key} (a reconnect is not a second stay)`).toHaveLength(1);
      const [stay] = stays;
      const bot = bots[key];
      if (!stay || !bot) throw new Error("missing");
      expect(Math.abs(stay.joinedAt.getTime() - bot.joinedAt.getTime())).toBeLessThanOrEqual(
        JOIN_TOLERANCE_MS,
      );
      expect(stay.leftAt).not.toBeNull();
      expect(Math.abs((stay.leftAt?.getTime() ?? 0) - bot.leftAt.getTime())).toBeLessThanOrEqual(
        LEAVE_TOLERANCE_MS,
      );
      expect(stay.source).toBe("webhook");
    }

    // 2. Duplicated, shuffled, with joins, a leave and room_finished dropped, then reconciled:
    // the same stays; exact where a webhook said it, within a reconcile period where none did.
    const [perturbedSession] = await perturbed.db
      .select()
      .from(Session)
      .where(eq(Session.roomName, roomName));
    const perturbedRows = byParticipant(await listAttendance(perturbed.db, perturbedSession?.id ?? ""));
    for (const member of [a, b, c]) {
      const expected = cleanRows.get(member.participantId) ?? [];
      const actual = perturbedRows.get(member.participantId) ?? [];
      expect(actual.map((s) => s.joinedAt.getTime())).toEqual(expected.map((s) => s.joinedAt.getTime()));
      actual.forEach((stay, i) => {
        const want = expected[i]?.leftAt?.getTime() ?? 0;
        const got = stay.leftAt?.getTime() ?? Number.NaN;
        if (member === c) expect(Math.abs(got - want)).toBeLessThanOrEqual(1_000 + RECONCILE_EVERY_MS * 2);
        else expect(got).toBe(want);
      });
    }

    // 3. The captured stream replayed into a fresh database, every event twice, shuffled, and
    // processed only after a "restart": identical to the clean run, to the millisecond.
    const replay = await createTestDatabase();
    try {
      await createRoomFixture(replay.db, { members: 0, roomName });
      const [replaySession] = await replay.db.select().from(Session).where(eq(Session.roomName, roomName));
      const { Participant, Person } = await import("@reeks/db");
      for (const member of [a, b, c]) {
        const [person] = await clean.db.select().from(Person).where(eq(Person.id, member.personId));
        const [participant] = await clean.db
          .select()
          .from(Participant)
          .where(eq(Participant.id, member.participantId));
        if (!person || !participant || !replaySession) throw new Error("fixture incomplete");
        await replay.db.insert(Person).values(person);
        await replay.db.insert(Participant).values({ ...participant, seriesId: replaySession.seriesId });
        await replay.db.insert(RoomSeat).values({
          sessionId: replaySession.id,
          participantId: member.participantId,
          identity: identityOf(member),
        });
      }
      const shuffle = mulberry32(99);
      const stream = [...captured, ...captured]
        .map((e) => ({ e, k: shuffle() }))
        .sort((x, y) => x.k - y.k)
        .map(({ e }) => inboxEventOf(readWebhookBody(e.body), e.body));
      for (const event of stream) await storeWebhookEvents(replay.db, [event]);
      const stored = await replay.db.select().from(WebhookEvent);
      expect(stored).toHaveLength(new Set(captured.map((e) => e.event.id)).size);
      // The worker picks up what was stored before it started.
      const worker = startAttendanceWorker({
        db: replay.db,
        rooms: createRoomService(connection),
        reconcileMs: 3_600_000,
      });
      await worker.kick();
      await worker.stop();
      const replayed = await listAttendance(replay.db, replaySession?.id ?? "");
      const strip = (rows: AttendanceRow[]) =>
        rows
          .map((r) => ({ p: r.participantId, j: r.joinedAt.getTime(), l: r.leftAt?.getTime() ?? null }))
          .sort((x, y) => x.p.localeCompare(y.p) || x.j - y.j);
      expect(strip(replayed)).toEqual(strip(await listAttendance(clean.db, fixture.sessionId)));
    } finally {
      await replay.close();
    }
  }, 120_000);
});
