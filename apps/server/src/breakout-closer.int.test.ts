import { createRoomFixture } from "@reeks/api/testing";
import {
  BreakoutRound,
  createDatabase,
  type DatabaseHandle,
  eq,
  LiveEvent,
  migrate,
  newRoomName,
  Session,
} from "@reeks/db";
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
  });

  /** An open round of a live session whose countdown ends `inMs` from now. */
  async function openRoundEnding(inMs: number) {
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
    const now = Date.now();
    const [round] = await handle.db
      .insert(BreakoutRound)
      .values({
        sessionId: session?.id ?? "",
        status: "open",
        assignment: "random",
        groupCount: 1,
        durationSeconds: 60,
        openedAt: new Date(now - 60_000),
        endsAt: new Date(now + inMs),
      })
      .returning();
    return round?.id ?? "";
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
});
