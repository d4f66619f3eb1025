import { randomUUID } from "node:crypto";
import {
  AuditEntry,
  and,
  type DatabaseHandle,
  eq,
  Participant,
  Person,
  Series,
  Session,
  Theme,
} from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import type { SeriesStatus } from "@reeks/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeExpiredSeries } from "../accounts/retention";
import { advanceSeriesLifecycle } from "./auto-lifecycle";

const HOUR = 60 * 60 * 1000;
type SessionStatus = "draft" | "scheduled" | "live" | "ended" | "cancelled";

describe("series move to running and finished by their sessions", () => {
  let handle: DatabaseHandle;
  let n = 0;
  const now = new Date("2027-03-10T14:00:00Z");
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR);

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle?.close());

  /** A series with one theme and these sessions (90 minutes each). */
  async function series(
    status: SeriesStatus,
    sessions: Array<{ status: SessionStatus; startsAt: Date | null }>,
    extra: Partial<typeof Series.$inferInsert> = {},
  ) {
    n += 1;
    const [row] = await handle.db
      .insert(Series)
      .values({ slug: `levensloop-${n}`, title: { nl: `Reeks ${n}` }, organiser: "VD", status, ...extra })
      .returning();
    if (!row) throw new Error("no series");
    const [theme] = await handle.db
      .insert(Theme)
      .values({
        seriesId: row.id,
        position: 1,
        title: { nl: "T" },
        guidingQuestion: { nl: "V" },
        description: { nl: "" },
      })
      .returning();
    for (const [i, s] of sessions.entries()) {
      await handle.db.insert(Session).values({
        seriesId: row.id,
        themeId: theme?.id ?? "",
        position: i + 1,
        status: s.status,
        startsAt: s.startsAt,
        roomName: `rk_${randomUUID()}`,
      });
    }
    return row.id;
  }

  async function statusOf(id: string) {
    const [row] = await handle.db.select({ status: Series.status }).from(Series).where(eq(Series.id, id));
    return row?.status;
  }

  const audits = (id: string, action: string) =>
    handle.db
      .select()
      .from(AuditEntry)
      .where(and(eq(AuditEntry.seriesId, id), eq(AuditEntry.action, action)));

  it("starts a published series when its first session's date arrives, or a moderator opens it early", async () => {
    const future = await series("published", [
      { status: "scheduled", startsAt: at(1) },
      { status: "draft", startsAt: null },
    ]);
    const arrived = await series("published", [
      { status: "scheduled", startsAt: at(-0.5) },
      { status: "scheduled", startsAt: at(24 * 7) },
    ]);
    const openedEarly = await series("published", [{ status: "live", startsAt: at(0.25) }]);
    const onlyCancelled = await series("published", [{ status: "cancelled", startsAt: at(-2) }]);
    const draft = await series("draft", [{ status: "scheduled", startsAt: at(-1) }]);

    const result = await advanceSeriesLifecycle(handle.db, now);
    expect(result.started.sort()).toEqual([arrived, openedEarly].sort());
    expect(await statusOf(future)).toBe("published");
    expect(await statusOf(arrived)).toBe("running");
    expect(await statusOf(openedEarly)).toBe("running");
    expect(await statusOf(onlyCancelled)).toBe("published");
    expect(await statusOf(draft)).toBe("draft");
    const [entry] = await audits(arrived, "series.start");
    expect(entry).toMatchObject({
      actorId: null,
      details: { before: { status: "published" }, after: { status: "running" }, automatic: true },
    });
  });

  it("finishes a running series once every session that is not cancelled is over", async () => {
    const done = await series("running", [
      { status: "ended", startsAt: at(-48) },
      // Never opened, but its planned end has passed.
      { status: "scheduled", startsAt: at(-3) },
      { status: "cancelled", startsAt: null },
    ]);
    const undated = await series("running", [
      { status: "ended", startsAt: at(-48) },
      { status: "draft", startsAt: null },
    ]);
    // Planned end passed, but the room is still open: the series runs over with it.
    const overrunning = await series("running", [{ status: "live", startsAt: at(-2) }]);
    const lastUnderway = await series("running", [
      { status: "ended", startsAt: at(-48) },
      { status: "scheduled", startsAt: at(-1) },
    ]);
    await advanceSeriesLifecycle(handle.db, now);
    expect(await statusOf(done)).toBe("finished");
    expect(await statusOf(undated)).toBe("running");
    expect(await statusOf(overrunning)).toBe("running");
    expect(await statusOf(lastUnderway)).toBe("running");
    await advanceSeriesLifecycle(handle.db, at(1));
    expect(await statusOf(lastUnderway)).toBe("finished");
    expect(await audits(lastUnderway, "series.finish")).toHaveLength(1);
  });

  it("takes a series that passed both points while nothing ran through both steps, each audited", async () => {
    const missed = await series("published", [{ status: "scheduled", startsAt: at(-30) }]);
    await advanceSeriesLifecycle(handle.db, now);
    expect(await statusOf(missed)).toBe("finished");
    expect(await audits(missed, "series.start")).toHaveLength(1);
    expect(await audits(missed, "series.finish")).toHaveLength(1);
  });

  it("changes a series once when several instances run at the same moment, and never touches archived ones", async () => {
    const raced = await series("published", [{ status: "scheduled", startsAt: at(-1) }]);
    const archived = await series("archived", [{ status: "scheduled", startsAt: at(-30) }]);
    const results = await Promise.all([1, 2, 3, 4].map(() => advanceSeriesLifecycle(handle.db, now)));
    expect(results.flatMap((r) => r.started).filter((id) => id === raced)).toHaveLength(1);
    expect(await audits(raced, "series.start")).toHaveLength(1);
    await advanceSeriesLifecycle(handle.db, now);
    expect(await audits(raced, "series.start")).toHaveLength(1);
    expect(await statusOf(archived)).toBe("archived");
  });

  it("purges an archived series' personal data once its retention has passed, and not before", async () => {
    const archived = await series(
      "archived",
      [{ status: "ended", startsAt: new Date("2020-01-01T10:00:00Z") }],
      {
        retentionMonths: 12,
      },
    );
    const personId = randomUUID();
    await handle.db
      .insert(Person)
      .values({ id: personId, name: "Anne", email: `anne-${n}@test.nl`, emailVerified: true });
    await handle.db.insert(Participant).values({
      seriesId: archived,
      personId,
      organisation: "Gemeente",
      jobTitle: "Secretaris",
      status: "approved",
    });
    expect(await purgeExpiredSeries(handle.db, new Date("2020-12-01T00:00:00Z"))).not.toContain(archived);
    expect(await purgeExpiredSeries(handle.db, new Date("2021-01-02T00:00:00Z"))).toContain(archived);
    const [participant] = await handle.db
      .select()
      .from(Participant)
      .where(eq(Participant.seriesId, archived));
    expect(participant).toMatchObject({ organisation: "", jobTitle: "" });
    const [person] = await handle.db.select().from(Person).where(eq(Person.id, personId));
    expect(person?.name).toBe("");
  });
});
