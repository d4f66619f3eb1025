import { type Postgres, startPostgres } from "@reeks/testing/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "./client";
import { sql } from "./index";

/**
 * A transaction whose BEGIN fails must give its connection back to the pool (drizzle 0.45.4 did not:
 * see patches/drizzle-orm@0.45.4.patch). In an outage BEGIN fails on a connection that died while it
 * was idle; here PostgreSQL refuses the BEGIN itself, which takes the same path every time. With one
 * connection, a single leak would leave every later query waiting for ever.
 */
describe("transactions on PostgreSQL give their connection back", () => {
  let postgres: Postgres | null = null;
  let handle: DatabaseHandle;

  beforeAll(() => {
    let url = process.env.DATABASE_URL;
    if (!url) {
      postgres = startPostgres(Number(process.env.REEKS_TEST_PG_PORT ?? 54329) + 17);
      url = postgres.url;
    }
    handle = createDatabase({ kind: "postgres", url, maxConnections: 1 });
  });

  afterAll(async () => {
    await handle?.close();
    postgres?.stop();
  });

  const within = <T>(promise: Promise<T>, ms: number) =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms),
      ),
    ]);

  it("when BEGIN fails, when the body fails, and when the rollback fails", async () => {
    const refusedBegin = { isolationLevel: "no such level" } as unknown as { isolationLevel: "serializable" };
    for (let i = 0; i < 3; i++) {
      await expect(
        within(
          handle.db.transaction(async () => {}, refusedBegin),
          5_000,
        ),
      ).rejects.toThrow(/Failed query: begin/);
    }
    await expect(
      within(
        handle.db.transaction(async (tx) => {
          await tx.execute(sql`select 1/0`);
        }),
        5_000,
      ),
    ).rejects.toThrow();
    // The body ends the connection itself: the rollback cannot run, and the original error is the one told.
    await expect(
      within(
        handle.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
        }),
        5_000,
      ),
    ).rejects.toThrow(/terminat/);
    const rows = await within(
      handle.db.transaction(async (tx) => tx.execute(sql`select 42 as answer`)),
      5_000,
    );
    expect((rows as unknown as { rows: Array<{ answer: number }> }).rows[0]?.answer).toBe(42);
  });
});
