import { randomUUID } from "node:crypto";
import { dispose } from "@livekit/rtc-node";
import { createRoomFixture } from "@reeks/api/testing";
import {
  BreakoutGroup,
  BreakoutRound,
  createDatabase,
  type DatabaseHandle,
  eq,
  LiveEvent,
  migrate,
  newRoomName,
  Session,
} from "@reeks/db";
import { createRoomService, mintRoomToken } from "@reeks/livekit";
import { joinBot } from "@reeks/livekit/testing";
import { testLivekit } from "@reeks/testing/livekit-env";
import { type Postgres, startPostgres } from "@reeks/testing/postgres";
import { sleep, until } from "@reeks/testing/wait";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBreakoutCloser } from "./breakout-closer";

describe("the breakout closer while PostgreSQL goes away and comes back", () => {
  let postgres: Postgres;
  let handle: DatabaseHandle;
  let sessions = 0;

  beforeAll(async () => {
    postgres = startPostgres(Number(process.env.REEKS_TEST_PG_PORT ?? 54329) + 16);
    handle = createDatabase({ kind: "postgres", url: postgres.url, maxConnections: 3 });
    await migrate(handle);
  });
  afterAll(async () => {
    await handle?.close();
    postgres?.stop();
    await dispose();
  });

  /** An open round of a live session whose countdown ends `inMs` from now. */
  async function openRoundEnding(inMs: number) {
    return (await roundOfNewSession({ status: "open", endsAt: new Date(Date.now() + inMs) })).id;
  }

  async function roundOfNewSession(round: { status: "open" | "closed"; endsAt: Date; closedAt?: Date }) {
    const fixture = await createRoomFixture(handle.db, { members: 0 });
    const [demo] = await handle.db.select().from(Session).where(eq(Session.id, fixture.sessionId));
    // A session of its own: a session has one active round at a time.
    const [session] = await handle.db
      .insert(Session)
      .values({
        seriesId: fixture.seriesId,
        themeId: demo?.themeId ?? "",
        position: 100 + sessions++,
        status: "live",
        roomName: newRoomName(),
      })
      .returning();
    const [row] = await handle.db
      .insert(BreakoutRound)
      .values({
        sessionId: session?.id ?? "",
        assignment: "random",
        groupCount: 1,
        durationSeconds: 60,
        openedAt: new Date(round.endsAt.getTime() - 60_000),
        ...round,
      })
      .returning();
    if (!row) throw new Error("round not stored");
    return row;
  }

  const statusOf = async (id: string) =>
    (
      await handle.db
        .select({ status: BreakoutRound.status })
        .from(BreakoutRound)
        .where(eq(BreakoutRound.id, id))
    )[0]?.status;

  it("closes rounds whose time is up, keeps going through the outage, and closes the next one after it", async () => {
    const lines: string[] = [];
    const loop = startBreakoutCloser(handle.db, (line) => lines.push(line), {
      intervalMs: 200,
      backoff: { initialMs: 100, maxMs: 500 },
    });
    try {
      const running = await openRoundEnding(60_000);
      const due = await openRoundEnding(300);
      await until("the due round to close", async () => (await statusOf(due)) === "closed");
      expect(await statusOf(running)).toBe("open");
      // Everyone in the session hears it, so their clients move back.
      const closedEvents = (
        await handle.db.select().from(LiveEvent).where(eq(LiveEvent.type, "breakout"))
      ).filter((e) => (e.data as { roundId: string; change: string }).roundId === due);
      expect(closedEvents.map((e) => (e.data as { change: string }).change)).toEqual(["closed"]);

      postgres.pause();
      await sleep(3_000);
      postgres.resume();

      // Due after the outage: only a loop still alive closes it.
      const after = await until("the database to take writes again", () => openRoundEnding(200));
      await until("the round after the outage to close", async () => (await statusOf(after)) === "closed");
      const outage = lines.filter((line) => line.includes("database unavailable"));
      expect(outage).toHaveLength(1);
      expect(lines.some((line) => /breakout closer: database back after \d+ s/.test(line))).toBe(true);
    } finally {
      await loop.stop();
    }
  }, 60_000);

  it("deletes the groups' rooms of a round closed longer than the grace ago, with whoever stayed in them", async () => {
    const livekit = testLivekit();
    const rooms = createRoomService(livekit);
    /** A group of the round, with a bot in its LiveKit room. */
    async function groupWithStraggler(roundId: string, sessionId: string) {
      const roomName = newRoomName();
      await handle.db
        .insert(BreakoutGroup)
        .values({ roundId, sessionId, position: 1, name: "Groep 1", roomName });
      const identity = `straggler-${randomUUID()}`;
      const { token } = await mintRoomToken(livekit, { room: roomName, identity, canPublish: false });
      const bot = await joinBot(livekit.url, token, identity);
      let disconnected = false;
      bot.room.on("disconnected", () => {
        disconnected = true;
      });
      return { roomName, bot, gone: () => disconnected };
    }
    const longAgo = new Date(Date.now() - 5 * 60_000);
    const old = await roundOfNewSession({ status: "closed", endsAt: longAgo, closedAt: longAgo });
    const recent = await roundOfNewSession({ status: "closed", endsAt: new Date(), closedAt: new Date() });
    const stayedOn = await groupWithStraggler(old.id, old.sessionId);
    const movingBack = await groupWithStraggler(recent.id, recent.sessionId);
    const cleared = async (id: string) =>
      (
        await handle.db
          .select({ at: BreakoutRound.roomsClearedAt })
          .from(BreakoutRound)
          .where(eq(BreakoutRound.id, id))
      )[0]?.at ?? null;
    const listed = async (room: string) => (await rooms.listRooms([room])).length;

    const loop = startBreakoutCloser(handle.db, () => {}, { intervalMs: 200, rooms });
    try {
      await until("the old round's group room to be deleted", async () => (await cleared(old.id)) !== null);
      await until("the straggler to be disconnected", async () => stayedOn.gone());
      expect(await listed(stayedOn.roomName)).toBe(0);
      // Within the grace the room stays: people are still on their way back.
      await sleep(1_000);
      expect(await cleared(recent.id)).toBeNull();
      expect(movingBack.gone()).toBe(false);
      expect(await listed(movingBack.roomName)).toBe(1);
    } finally {
      await loop.stop();
      await movingBack.bot.leave();
      await rooms.deleteRoom(movingBack.roomName).catch(() => {});
    }
  }, 60_000);

  it("keeps closing rounds every second while LiveKit is unreachable, and says so once", async () => {
    // A real room service pointed at a port where no LiveKit listens: LiveKit gone.
    const away = createRoomService({ ...testLivekit(), url: "http://127.0.0.1:9" });
    const longAgo = new Date(Date.now() - 5 * 60_000);
    const old = await roundOfNewSession({ status: "closed", endsAt: longAgo, closedAt: longAgo });
    await handle.db.insert(BreakoutGroup).values({
      roundId: old.id,
      sessionId: old.sessionId,
      position: 1,
      name: "Groep 1",
      roomName: newRoomName(),
    });
    const lines: string[] = [];
    const loop = startBreakoutCloser(handle.db, (line) => lines.push(line), { intervalMs: 200, rooms: away });
    try {
      await until("LiveKit's absence to be noticed", async () =>
        lines.some((l) => l.includes("LiveKit unavailable")),
      );
      const due = await openRoundEnding(300);
      const closedBy = Date.now() + 3_000;
      await until("the due round to close", async () => (await statusOf(due)) === "closed");
      expect(Date.now()).toBeLessThan(closedBy);
      const [row] = await handle.db.select().from(BreakoutRound).where(eq(BreakoutRound.id, old.id));
      expect(row?.roomsClearedAt).toBeNull();
      expect(lines.filter((l) => l.includes("LiveKit unavailable"))).toHaveLength(1);
    } finally {
      await loop.stop();
    }
  }, 60_000);
});
