import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_SOCKET_PORT, type DatabaseSocket, serveDatabaseSocket } from "./database-socket";

describe("the embedded database's socket", () => {
  let dir: string;
  let pglite: PGlite;
  let socket: DatabaseSocket;
  const client = () =>
    new pg.Client({
      host: join(dir, "run"),
      port: DATABASE_SOCKET_PORT,
      user: "postgres",
      database: "postgres",
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "reeks-socket-"));
    pglite = new PGlite();
    await pglite.exec("create table note (id int primary key, text text not null)");
    socket = await serveDatabaseSocket(pglite, dir, () => {});
  });
  afterAll(async () => {
    await socket.close();
    await pglite.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps the app's writes out of a client's transaction, and the client's out of the app's", async () => {
    const cli = client();
    await cli.connect();
    try {
      await cli.query("begin");
      await cli.query("insert into note values (1, 'from the CLI')");
      // The app writes while the client's transaction is open: it must wait, not join it.
      const appWrite = pglite.transaction(async (tx) => {
        await tx.query("insert into note values (2, 'from the app')");
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await cli.query("rollback");
      await appWrite;
      const rows = await pglite.query<{ id: number }>("select id from note order by id");
      expect(rows.rows.map((r) => r.id)).toEqual([2]);

      // And a client's statement waits for the app's open transaction instead of landing in it.
      let finishApp: () => void = () => {};
      const appTransaction = pglite.transaction(async (tx) => {
        await tx.query("insert into note values (3, 'app, rolled back')");
        await new Promise<void>((resolve) => {
          finishApp = resolve;
        });
        await tx.rollback();
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const cliWrite = cli.query("insert into note values (4, 'from the CLI')");
      await new Promise((resolve) => setTimeout(resolve, 100));
      finishApp();
      await appTransaction.catch(() => {});
      await cliWrite;
      const after = await pglite.query<{ id: number }>("select id from note order by id");
      expect(after.rows.map((r) => r.id)).toEqual([2, 4]);
    } finally {
      await cli.end();
    }
  });

  it("rolls back what a client that went away left open, and lets the app on", async () => {
    const cli = client();
    await cli.connect();
    await cli.query("begin");
    await cli.query("insert into note values (5, 'never committed')");
    // Gone without a word (a killed CLI).
    (cli as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await cli.end().catch(() => {});
    const rows = await pglite.query<{ id: number }>("select id from note where id = 5");
    expect(rows.rows).toEqual([]);
    await pglite.query("insert into note values (6, 'the app goes on')");
  });

  it("is reachable only by its owner", async () => {
    const { stat } = await import("node:fs/promises");
    expect((await stat(socket.path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, "run"))).mode & 0o777).toBe(0o700);
  });
});
