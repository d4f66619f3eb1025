import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type DatabaseHandle } from "../client";
import { migrate } from "../migrate";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or, when DATABASE_URL is set,
 * a new PostgreSQL database of its own on that server (dropped again by `close`).
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = createDatabase({ kind: "pglite" });
    await migrate(handle);
    return handle;
  }
  const name = `reeks_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = createDatabase({ kind: "postgres", url: dbUrl.toString(), maxConnections: 5 });
  await migrate(handle);
  const close = handle.close;
  handle.close = async () => {
    await close();
    const cleanup = new pg.Client({ connectionString: url });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
  return handle;
}
