import { randomUUID } from "node:crypto";
import { asc, type DatabaseHandle, eq, Job, LiveEvent, RoomState, Session } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { startWorker } from "@reeks/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureWorld } from "../testing";
import {
  LIVE_EVENT_PRUNE_EVERY_MS,
  LIVE_EVENT_PRUNE_JOB,
  liveEventRetentionHandlers,
  pruneLiveEvents,
  scheduleLiveEventPruning,
} from "./retention";

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

describe("pruning the live event log", () => {
  let handle: DatabaseHandle;
  let seriesId: string;
  let themeId: string;
  let position = 100;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const world = await captureWorld(handle);
    seriesId = world.seriesId;
    themeId = world.sessions[0]?.themeId ?? "";
  });
  afterAll(() => handle.close());

  async function session(
    status: "draft" | "scheduled" | "live" | "ended" | "cancelled",
    times: { startsAt?: Date; roomEndedAt?: Date | null } = {},
  ): Promise<string> {
    const [row] = await handle.db
      .insert(Session)
      .values({
        seriesId,
        themeId,
        position: position++,
        status,
        startsAt: times.startsAt ?? null,
        roomName: `rk_${randomUUID()}`,
      })
      .returning({ id: Session.id });
    if (!row) throw new Error("no session");
    if (times.roomEndedAt !== undefined) {
      await handle.db
        .insert(RoomState)
        .values({ sessionId: row.id, openedAt: daysAgo(60), endedAt: times.roomEndedAt });
    }
    return row.id;
  }

  /** Writes events and returns their ids, tagged with what the test expects of them. */
  async function events(sessionId: string | null, ages: number[], label: string) {
    const rows = await handle.db
      .insert(LiveEvent)
      .values(
        ages.map((age) => ({ seriesId, sessionId, type: "outcome", data: { label }, at: daysAgo(age) })),
      )
      .returning({ id: LiveEvent.id });
    return rows.map((r) => r.id);
  }

  async function remaining(): Promise<Set<bigint>> {
    const rows = await handle.db.select({ id: LiveEvent.id }).from(LiveEvent);
    return new Set(rows.map((r) => r.id));
  }

  it("deletes old events of long-ended sessions and old series-wide events, in batches, and nothing else", async () => {
    const endedLongAgo = await session("ended", { startsAt: daysAgo(31), roomEndedAt: daysAgo(30) });
    // Ended without a room (or before rooms kept their end): the scheduled end counts.
    const endedBySchedule = await session("ended", { startsAt: daysAgo(40) });
    const endedYesterday = await session("ended", { startsAt: daysAgo(40), roomEndedAt: daysAgo(1) });
    // Reopened: the room's end was cleared and the session is live again.
    const liveAgain = await session("live", { startsAt: daysAgo(40), roomEndedAt: null });
    const scheduled = await session("scheduled", { startsAt: daysAgo(20) });
    const ended = await session("ended");

    const gone = [
      ...(await events(endedLongAgo, [29, 20, 10, 9, 8], "old, of a session ended 30 days ago")),
      ...(await events(endedBySchedule, [39], "old, of a session that ended by schedule")),
      ...(await events(null, [8, 30], "old, series-wide")),
    ];
    const kept = [
      // A late event (a review) of a long-ended session: a reconnecting client may still need it.
      ...(await events(endedLongAgo, [2, 0], "recent, of a long-ended session")),
      ...(await events(endedYesterday, [20, 1], "of a session that ended yesterday")),
      ...(await events(liveAgain, [35, 20], "of a live session")),
      ...(await events(scheduled, [25], "of a session that has not ended")),
      ...(await events(ended, [25], "of an ended session whose end is unknown")),
      ...(await events(null, [6, 0], "recent, series-wide")),
    ];
    const before = await remaining();

    // Batches of 2: the loop must keep going until a short batch.
    expect(await pruneLiveEvents(handle.db, { retentionDays: 7, batchSize: 2 })).toBe(gone.length);
    const after = await remaining();
    for (const id of gone) expect(after.has(id)).toBe(false);
    for (const id of kept) expect(after.has(id)).toBe(true);
    // Only what was due went: everything else (the demo series' own events too) is still there.
    expect(after.size).toBe(before.size - gone.length);
    // Idempotent.
    expect(await pruneLiveEvents(handle.db, { retentionDays: 7 })).toBe(0);
    // A longer window keeps more.
    const recent = await events(endedLongAgo, [8], "kept under a 10-day window");
    expect(await pruneLiveEvents(handle.db, { retentionDays: 10 })).toBe(0);
    expect((await remaining()).has(recent[0] ?? 0n)).toBe(true);
  });

  it("runs as a recurring job on the durable queue, one per hour cluster-wide", async () => {
    const endedLongAgo = await session("ended", { startsAt: daysAgo(31), roomEndedAt: daysAgo(30) });
    const [old] = await events(endedLongAgo, [20], "pruned by the job");

    const now = new Date();
    await scheduleLiveEventPruning(handle.db, now);
    // A second instance starting in the same hour adds nothing.
    await scheduleLiveEventPruning(handle.db, now);
    const scheduled = await handle.db.select().from(Job).where(eq(Job.kind, LIVE_EVENT_PRUNE_JOB));
    expect(scheduled).toHaveLength(1);

    const worker = startWorker({
      database: handle,
      handlers: liveEventRetentionHandlers(handle.db, { retentionDays: 7 }),
      pollIntervalMs: 60_000,
    });
    try {
      await expect.poll(async () => (await remaining()).has(old ?? 0n), { timeout: 10_000 }).toBe(false);
    } finally {
      await worker.stop();
    }
    const jobs = await handle.db
      .select({ status: Job.status, runAt: Job.runAt })
      .from(Job)
      .where(eq(Job.kind, LIVE_EVENT_PRUNE_JOB))
      .orderBy(asc(Job.runAt));
    expect(jobs.map((j) => j.status)).toEqual(["done", "pending"]);
    // The next run is the start of the next hour.
    const next = jobs[1]?.runAt.getTime() ?? 0;
    expect(next).toBeGreaterThan(Date.now());
    expect(next % LIVE_EVENT_PRUNE_EVERY_MS).toBe(0);
    expect(next - (jobs[0]?.runAt.getTime() ?? 0)).toBe(LIVE_EVENT_PRUNE_EVERY_MS);
  });
});
