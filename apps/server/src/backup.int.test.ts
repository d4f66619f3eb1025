import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { LIVE_EVENT_PRUNE_JOB } from "@reeks/api";
import {
  AuditEntry,
  createDatabase,
  type Database,
  type DatabaseHandle,
  DEMO_SERIES_SLUG,
  eq,
  LiveEvent,
  migrate,
  Person,
  SessionNoteUpdate,
  sql,
} from "@reeks/db";
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import { testLivekit } from "@reeks/testing/livekit-env";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpTables } from "./backup";
import { loadEnv } from "./env";
import { type RunningReeks, startReeks } from "./server";

const serverDir = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

/**
 * A database of the engine this run is on: a PGlite data folder, or a new database on DATABASE_URL's
 * server. `env` is what the app and the CLI need to reach it.
 */
async function freshDatabase(dir: string) {
  const url = process.env.DATABASE_URL;
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  if (!url) {
    return {
      env: { REEKS_DATA_DIR: dir } as Record<string, string>,
      cliEnv: { ...inherited, REEKS_DATA_DIR: dir },
      open: async (): Promise<DatabaseHandle> => {
        const handle = createDatabase({ kind: "pglite", dataDir: join(dir, "pglite") });
        await migrate(handle);
        return handle;
      },
      drop: async () => {},
    };
  }
  const name = `reeks_backup_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    // The demo series, which these starts need, is seeded on PostgreSQL only when asked for.
    env: { REEKS_DATA_DIR: dir, DATABASE_URL: own.toString(), REEKS_SEED: "demo" } as Record<string, string>,
    cliEnv: { ...inherited, REEKS_DATA_DIR: dir, DATABASE_URL: own.toString() },
    open: async (): Promise<DatabaseHandle> => {
      const handle = createDatabase({ kind: "postgres", url: own.toString() });
      await migrate(handle);
      return handle;
    },
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * Every table's rows, sorted, as PostgreSQL's JSON text; without the running app's hourly pruning
 * jobs, which it enqueues by itself on the hour (a run that crosses xx:00 would otherwise differ).
 */
async function snapshot(db: Database): Promise<Record<string, string[]>> {
  const own = (table: string, row: string) =>
    table === "job" && (JSON.parse(row) as { kind: string }).kind === LIVE_EVENT_PRUNE_JOB;
  return Object.fromEntries(
    [...(await dumpTables(db))].map(([table, rows]) => [table, rows.filter((r) => !own(table, r)).sort()]),
  );
}

describe(`backup and restore (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  let dir: string;
  let source: Awaited<ReturnType<typeof freshDatabase>>;
  let target: Awaited<ReturnType<typeof freshDatabase>>;
  let reeks: RunningReeks;
  const reeksCli = (env: NodeJS.ProcessEnv, ...args: string[]) =>
    run("pnpm", ["exec", "tsx", "src/cli.ts", ...args], { cwd: serverDir, env });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "reeks-backup-"));
    source = await freshDatabase(join(dir, "source"));
    target = await freshDatabase(join(dir, "target"));
    const livekit = testLivekit();
    reeks = await startReeks(
      loadEnv({
        PORT: "0",
        LIVEKIT_URL: livekit.url,
        LIVEKIT_API_KEY: livekit.apiKey,
        LIVEKIT_API_SECRET: livekit.apiSecret,
        ...source.env,
      }),
      () => {},
      { console: () => {} },
    );
    // Rows of every awkward kind: identity bigints, bytes, JSON, time stamps with microseconds, NULLs.
    const db = reeks.database.db;
    const anne = await createParticipant(db, {
      email: "anne@zuidhorn.test",
      role: "organiser",
      seriesSlug: DEMO_SERIES_SLUG,
    });
    const { session } = await firstDemoSession(db);
    await db.insert(SessionNoteUpdate).values([
      { sessionId: session.id, authorId: anne.participant.id, update: new Uint8Array([0, 1, 2, 254, 255]) },
      { sessionId: session.id, authorId: null, update: new Uint8Array(randomBytes(3000)) },
    ]);
    await db.insert(LiveEvent).values({
      seriesId: session.seriesId,
      sessionId: session.id,
      type: "note",
      data: { text: 'Één "quote" en een\nnieuwe regel', big: "9007199254740993", nested: [1, { a: null }] },
    });
    await db.execute(sql`update live_event set at = '2026-03-01 10:15:30.123456+00'`);
    await db.insert(AuditEntry).values({ actorId: null, seriesId: null, action: "test.backup", details: {} });
  }, 240_000);
  afterAll(async () => {
    await reeks?.stop();
    await source?.drop();
    await target?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("round-trips every table row for row, from the running app into an empty database", async () => {
    const file = join(dir, "reeks.backup.gz");
    const backedUp = await reeksCli(source.cliEnv, "backup", "--out", file);
    expect(backedUp.stdout).toMatch(/^Wrote \d+ rows of \d+ tables to /);
    expect(existsSync(`${file}.partial`)).toBe(false);
    const before = await snapshot(reeks.database.db);
    expect(before.session_note_update).toHaveLength(2);
    expect(before.live_event).toHaveLength(1);
    expect(before.setup_token).toHaveLength(1);

    const restored = await reeksCli(target.cliEnv, "restore", file);
    expect(restored.stdout).toMatch(/^Restored \d+ rows of \d+ tables from /);
    const handle = await target.open();
    try {
      expect(await snapshot(handle.db)).toEqual(before);
      // Identities go on after the restored rows.
      const [next] = await handle.db
        .insert(LiveEvent)
        .values({ seriesId: (await firstDemoSession(handle.db)).series.id, type: "after", data: {} })
        .returning({ id: LiveEvent.id });
      const highest = Math.max(...(before.live_event ?? []).map((r) => Number(JSON.parse(r).id)));
      expect(Number(next?.id)).toBeGreaterThan(highest);
    } finally {
      await handle.close();
    }
  }, 240_000);

  it("refuses a database that holds data unless --force, then replaces it, app running", async () => {
    const file = join(dir, "reeks.backup.gz");
    const before = await snapshot(reeks.database.db);
    // Changed after the backup: gone again after the restore.
    await reeks.database.db.delete(Person).where(eq(Person.email, "anne@zuidhorn.test"));
    const refused = await reeksCli(source.cliEnv, "restore", file).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr.trim()).toMatch(
      /^The database is not empty \(\d+ tables hold rows: .*\)\. Restoring replaces everything in it: run again with --force to do so\.$/,
    );
    const forced = await reeksCli(source.cliEnv, "restore", file, "--force");
    expect(forced.stdout).toContain("Restored");
    expect(await snapshot(reeks.database.db)).toEqual(before);
    expect((await fetch(`${reeks.url}/healthz`)).status).toBe(200);
  }, 240_000);

  it("says so in one line when the file is not a backup", async () => {
    const bogus = join(dir, "not-a-backup.gz");
    await writeFile(bogus, "hello");
    const failed = await reeksCli(source.cliEnv, "restore", bogus, "--force").then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim()).toMatch(/^.*not-a-backup\.gz is not a readable Reeks backup \(.*\)\.$/);
  }, 60_000);
});
