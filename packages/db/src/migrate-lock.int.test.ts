import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Postgres, startPostgres } from "@reeks/testing/postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "./client";
import { migrate, migrationStatus, migrationsFolder } from "./migrate";

/**
 * Upgrades on PostgreSQL: several instances start at once on one database, and a migration can fail.
 * Runs on the cluster of DATABASE_URL, or on one of its own when the suite runs on PGlite.
 */
describe("migrations at start-up on PostgreSQL", () => {
  let postgres: Postgres | null = null;
  let serverUrl = "";
  const made: string[] = [];
  const handles: DatabaseHandle[] = [];
  let folders: string[] = [];

  async function freshDatabase(): Promise<string> {
    const name = `reeks_migrate_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    made.push(name);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  function open(url: string): DatabaseHandle {
    const handle = createDatabase({ kind: "postgres", url, maxConnections: 2 });
    handles.push(handle);
    return handle;
  }

  async function tables(handle: DatabaseHandle): Promise<string[]> {
    const result = await handle.pool?.query<{ name: string }>(
      "select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') order by 1",
    );
    return result?.rows.map((r) => r.name) ?? [];
  }

  /** The committed migrations plus extra ones, as drizzle-kit would have written them. */
  function folderWith(extra: Array<{ tag: string; sql: string }>): string {
    const folder = mkdtempSync(join(tmpdir(), "reeks-migrations-"));
    folders.push(folder);
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalPath = join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as {
      entries: Array<{ idx: number; version: string; when: number; tag: string; breakpoints: boolean }>;
    };
    let last = journal.entries.at(-1);
    for (const migration of extra) {
      const entry = {
        idx: (last?.idx ?? -1) + 1,
        version: last?.version ?? "7",
        when: (last?.when ?? 0) + 1_000,
        tag: migration.tag,
        breakpoints: true,
      };
      journal.entries.push(entry);
      writeFileSync(join(folder, `${migration.tag}.sql`), migration.sql);
      last = entry;
    }
    writeFileSync(journalPath, JSON.stringify(journal));
    return folder;
  }

  beforeAll(() => {
    if (process.env.DATABASE_URL) {
      serverUrl = process.env.DATABASE_URL;
    } else {
      postgres = startPostgres(Number(process.env.REEKS_TEST_PG_PORT ?? 54329) + 11);
      serverUrl = postgres.url;
    }
  });

  afterAll(async () => {
    for (const handle of handles) await handle.close().catch(() => {});
    if (!postgres) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      for (const name of made) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    postgres?.stop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    folders = [];
  });

  it("lets exactly one of several instances starting at once migrate; the others find it done", async () => {
    const url = await freshDatabase();
    const instances = [open(url), open(url), open(url)];
    const total = (await migrationStatus(instances[0] as DatabaseHandle)).total;
    expect(total).toBeGreaterThan(0);
    const applied = await Promise.all(instances.map((handle) => migrate(handle)));
    expect(applied.filter((n) => n > 0)).toEqual([total]);
    expect(applied.filter((n) => n === 0)).toHaveLength(instances.length - 1);
    for (const handle of instances) expect(await migrationStatus(handle)).toEqual({ pending: 0, total });
    const rows = await instances[0]?.pool?.query<{ n: number }>(
      "select count(*)::int as n from drizzle.__drizzle_migrations",
    );
    expect(rows?.rows[0]?.n).toBe(total);
  });

  it("stops at a failing migration with its reason and leaves the database as it was", async () => {
    const url = await freshDatabase();
    const handle = open(url);
    await migrate(handle);
    const before = await tables(handle);
    const broken = folderWith([
      { tag: "9998_add_table", sql: "CREATE TABLE upgrade_probe (id integer primary key);" },
      { tag: "9999_broken", sql: "ALTER TABLE no_such_table ADD COLUMN x integer;" },
    ]);
    expect((await migrationStatus(handle, { migrationsFolder: broken })).pending).toBe(2);
    await expect(migrate(handle, { migrationsFolder: broken })).rejects.toThrow(/no_such_table/);
    // The first new migration was rolled back with the failing one: nothing half-applied.
    expect(await tables(handle)).toEqual(before);
    expect((await migrationStatus(handle, { migrationsFolder: broken })).pending).toBe(2);
    // The lock was given back: the next attempt (after the fix) is not blocked.
    const fixed = folderWith([
      { tag: "9998_add_table", sql: "CREATE TABLE upgrade_probe (id integer primary key);" },
    ]);
    expect(await migrate(open(url), { migrationsFolder: fixed })).toBe(1);
    expect(await tables(handle)).toContain("public.upgrade_probe");
  });
});
