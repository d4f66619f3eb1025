import { createDatabase, type DatabaseHandle } from "@reeks/db";
import { type Postgres, startPostgres } from "@reeks/testing/postgres";
import { sleep, until } from "@reeks/testing/wait";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVE_CHANNEL, LiveHub } from "./index";

/** The LISTEN connection of a LiveHub on PostgreSQL (PGlite has no connection to lose). */
describe("LiveHub when PostgreSQL restarts", () => {
  let postgres: Postgres;
  let database: DatabaseHandle;

  beforeAll(() => {
    postgres = startPostgres(Number(process.env.REEKS_TEST_PG_PORT ?? 54329) + 8);
    database = createDatabase({ kind: "postgres", url: postgres.url, maxConnections: 2 });
  });
  afterAll(async () => {
    await database?.close();
    try {
      postgres?.stop();
    } catch {
      // Left paused by a failed test; its folder is removed all the same.
    }
  });

  const notify = (id: string) =>
    database.pool?.query("select pg_notify($1, $2)", [
      LIVE_CHANNEL,
      JSON.stringify({ id, seriesId: "series-1", sessionId: null, type: "test", data: {} }),
    ]);

  it("starts listening once the database is back when it was away at first", async () => {
    postgres.pause();
    const hub = new LiveHub(database);
    await expect(hub.ready()).rejects.toThrow();
    postgres.resume();
    const heard: string[] = [];
    hub.subscribe("series-1", { event: (record) => heard.push(record.id), resync: () => {} });
    await hub.ready();
    await notify("1");
    await until("the notification", () => heard.includes("1"));
    await hub.close();
  });

  it("listens again after a restart and asks every subscriber to read the log", async () => {
    const hub = new LiveHub(database);
    const heard: string[] = [];
    let resyncs = 0;
    hub.subscribe("series-1", {
      event: (record) => heard.push(record.id),
      resync: () => {
        resyncs += 1;
      },
    });
    await hub.ready();
    postgres.pause();
    await sleep(3_000);
    postgres.resume();
    await until("a resync", () => resyncs > 0);
    await notify("2");
    await until("the notification after the restart", () => heard.includes("2"));
    expect(heard).toEqual(["2"]);
    await hub.close();
  }, 30_000);
});
