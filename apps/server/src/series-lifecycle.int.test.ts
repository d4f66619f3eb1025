import { randomUUID } from "node:crypto";
import { createDatabase, type DatabaseHandle, eq, migrate, Series, Session, Theme } from "@reeks/db";
import { type Postgres, startPostgres } from "@reeks/testing/postgres";
import { sleep, until } from "@reeks/testing/wait";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSeriesLifecycle } from "./series-lifecycle";

describe("the series lifecycle loop while PostgreSQL goes away and comes back", () => {
  let postgres: Postgres;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    postgres = startPostgres(Number(process.env.REEKS_TEST_PG_PORT ?? 54329) + 14);
    handle = createDatabase({ kind: "postgres", url: postgres.url, maxConnections: 3 });
    await migrate(handle);
  });
  afterAll(async () => {
    await handle?.close();
    postgres?.stop();
  });

  async function publishedSeriesStartingAt(startsAt: Date) {
    const [series] = await handle.db
      .insert(Series)
      .values({
        slug: `lus-${randomUUID().slice(0, 8)}`,
        title: { nl: "Lus" },
        organiser: "VD",
        status: "published",
      })
      .returning();
    const [theme] = await handle.db
      .insert(Theme)
      .values({
        seriesId: series?.id ?? "",
        position: 1,
        title: { nl: "T" },
        guidingQuestion: { nl: "V" },
        description: { nl: "" },
      })
      .returning();
    await handle.db.insert(Session).values({
      seriesId: series?.id ?? "",
      themeId: theme?.id ?? "",
      position: 1,
      status: "scheduled",
      startsAt,
      roomName: `rk_${randomUUID()}`,
    });
    return series?.id ?? "";
  }

  const statusOf = async (id: string) =>
    (await handle.db.select({ status: Series.status }).from(Series).where(eq(Series.id, id)))[0]?.status;

  it("keeps running through the outage, logs it once, and moves series on when the database is back", async () => {
    const lines: string[] = [];
    const loop = startSeriesLifecycle(handle.db, (line) => lines.push(line), {
      intervalMs: 200,
      backoff: { initialMs: 100, maxMs: 500 },
    });
    try {
      const before = await publishedSeriesStartingAt(new Date(Date.now() - 60_000));
      await until("the first series to run", async () => (await statusOf(before)) === "running");

      postgres.pause();
      await sleep(3_000);
      postgres.resume();

      // Written after the outage: only a loop still alive picks it up.
      const after = await until("the database to take writes again", () =>
        publishedSeriesStartingAt(new Date(Date.now() - 60_000)),
      );
      await until("the second series to run", async () => (await statusOf(after)) === "running");
      const outage = lines.filter((line) => line.includes("database unavailable"));
      expect(outage).toHaveLength(1);
      expect(lines.some((line) => /series lifecycle: database back after \d+ s/.test(line))).toBe(true);
    } finally {
      await loop.stop();
    }
  }, 60_000);
});
