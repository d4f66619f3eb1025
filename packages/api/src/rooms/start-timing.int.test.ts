import { AuditEntry, and, type DatabaseHandle, eq, Session } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { createRoomService, type LivekitConnection } from "@reeks/livekit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import { appRouter } from "../root";
import { createRoomFixture, errorOf } from "../testing";
import { createCallerFactory } from "../trpc";

function testLivekit(): LivekitConnection {
  const { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = process.env;
  if (!LIVEKIT_URL || !LIVEKIT_API_KEY || !LIVEKIT_API_SECRET) throw new Error("no test livekit-server");
  return { url: LIVEKIT_URL, apiKey: LIVEKIT_API_KEY, apiSecret: LIVEKIT_API_SECRET };
}

const HOUR = 60 * 60_000;

describe("starting a session away from its planned time", () => {
  let handle: DatabaseHandle;
  let fixture: Awaited<ReturnType<typeof createRoomFixture>>;
  const connection = testLivekit();
  const livekit = { connection, publicUrl: connection.url };
  const rooms = createRoomService(connection);
  const caller = (locale: "nl" | "en") =>
    createCallerFactory(appRouter)(
      createContextInner({
        database: handle,
        livekit,
        actor: { personId: fixture.moderator.personId },
        locale,
      }),
    );
  const plan = (startsAt: Date | null) =>
    handle.db
      .update(Session)
      .set({ startsAt, status: startsAt ? "scheduled" : "draft" })
      .where(eq(Session.id, fixture.sessionId));
  const starts = () =>
    handle.db
      .select({ details: AuditEntry.details })
      .from(AuditEntry)
      .where(and(eq(AuditEntry.action, "room.start"), eq(AuditEntry.seriesId, fixture.seriesId)));

  beforeAll(async () => {
    handle = await createTestDatabase();
    fixture = await createRoomFixture(handle.db, { members: 0 });
  });
  afterAll(async () => {
    await rooms.deleteRoom(fixture.roomName).catch(() => {});
    await handle.close();
  });

  it("refuses a start six weeks early until the moderator confirms it, and records that it was early", async () => {
    const sessionId = fixture.sessionId;
    const planned = new Date(Date.now() + 42 * 24 * HOUR);
    await plan(planned);

    const refused = await errorOf(caller("nl").room.start({ sessionId }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toBe(
      "Deze sessie staat pas later gepland. Bevestig dat je haar nu toch wilt starten.",
    );
    const inEnglish = await errorOf(caller("en").room.start({ sessionId }));
    expect(inEnglish.message).toBe(
      "This session is planned for later. Confirm that you want to start it now anyway.",
    );
    // Nothing happened: not live, no room, no audit entry.
    const [before] = await handle.db.select().from(Session).where(eq(Session.id, sessionId));
    expect(before?.status).toBe("scheduled");
    expect(await rooms.listRooms([fixture.roomName])).toEqual([]);
    expect(await starts()).toEqual([]);

    expect(await caller("nl").room.start({ sessionId, offSchedule: true })).toEqual({ status: "live" });
    expect(await starts()).toEqual([
      { details: { plannedStartsAt: planned.toISOString(), timing: "early" } },
    ]);
    await caller("nl").room.end({ sessionId });
  });

  it("starts without a question half an hour before the planned start", async () => {
    const { sessionId } = fixture;
    await plan(new Date(Date.now() + HOUR / 2));
    expect(await caller("nl").room.start({ sessionId })).toEqual({ status: "live" });
    expect((await starts()).map((s) => (s.details as { timing: string }).timing)).toEqual([
      "early",
      "planned",
    ]);
  });

  it("asks again for a session planned on an earlier day", async () => {
    const { sessionId } = fixture;
    await plan(new Date(Date.now() - 3 * 24 * HOUR));
    const refused = await errorOf(caller("en").room.start({ sessionId }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toBe(
      "This session was planned for an earlier day. Confirm that you want to start it now anyway.",
    );
  });
});
