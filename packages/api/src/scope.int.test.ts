import { type DatabaseHandle, Series } from "@reeks/db";
import { createParticipant, createTestDatabase } from "@reeks/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createRoomFixture } from "./testing";

/**
 * Scoped procedures authorise on the scope they are about. A series procedure used to take its series
 * from any `sessionId` in the raw input, so naming a session of one's own series opened another series.
 */
describe("procedure scope", () => {
  let handle: DatabaseHandle;
  let fixture: Awaited<ReturnType<typeof createRoomFixture>>;
  let otherSeriesId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    fixture = await createRoomFixture(handle.db);
    const [other] = await handle.db
      .insert(Series)
      .values({ slug: "scope-other", title: { nl: "Ander" }, organiser: "X" })
      .returning();
    otherSeriesId = other?.id ?? "";
    await createParticipant(handle.db, { seriesId: otherSeriesId, role: "member", name: "Iemand Anders" });
  });
  afterAll(() => handle?.close());

  it("refuses a series procedure on another series, whatever session the input also names", async () => {
    const organiser = await createParticipant(handle.db, {
      seriesId: fixture.seriesId,
      role: "organiser",
      name: "Olga",
    });
    const caller = callerFor(handle, organiser);
    const elsewhere = { seriesId: otherSeriesId, sessionId: fixture.sessionId };
    await expect(caller.review.list(elsewhere)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.membership.members(elsewhere)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.scheduling.overview(elsewhere)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // In their own series the same organiser is let through.
    const own = { seriesId: fixture.seriesId, sessionId: fixture.sessionId };
    expect((await caller.membership.members(own)).length).toBeGreaterThan(0);
  });
});
