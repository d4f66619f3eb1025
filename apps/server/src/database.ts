import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { createDatabase, type DatabaseHandle, migrate, PGLITE_START_PARAMS } from "@reeks/db";
import { dataDirOwner, lockDataDir } from "./data-dir-lock";
import { DATABASE_SOCKET_PORT, databaseSocketDir } from "./database-socket";
import type { Env } from "./env";

/**
 * PGlite's initdb, in a worker thread of its own. Run in this process it leaves a few hundred MB of
 * WebAssembly memory behind (about 680 MB resident, against 170 MB for a start on an existing folder)
 * until a garbage collection that may never come; a worker's memory goes when the worker ends.
 */
async function initPgliteDataDir(dataDir: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const code = `
    const { workerData } = require("node:worker_threads");
    (async () => {
      const { PGlite } = await import(workerData.pglite);
      const db = new PGlite(workerData.dataDir, { startParams: workerData.startParams });
      await db.waitReady;
      await db.close();
    })().catch((error) => { process.exitCode = 1; throw error; });
  `;
  const worker = new Worker(code, {
    eval: true,
    workerData: {
      pglite: import.meta.resolve("@electric-sql/pglite"),
      dataDir,
      startParams: PGLITE_START_PARAMS,
    },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`creating the embedded database failed (exit ${code})`)),
    );
  });
}

/** Opens the configured database (PGlite under REEKS_DATA_DIR, or DATABASE_URL) and migrates it. */
export async function openDatabase(
  env: Env,
  log: (line: string) => void = () => {},
): Promise<DatabaseHandle> {
  const migrated = (applied: number) => {
    if (applied > 0) log(`Applied ${applied} database migrations.`);
  };
  if (env.DATABASE_URL) {
    const handle = createDatabase({ kind: "postgres", url: env.DATABASE_URL });
    try {
      await handle.ping();
    } catch (error) {
      await handle.close();
      throw new Error(`Cannot reach PostgreSQL at DATABASE_URL: ${(error as Error).message}`);
    }
    try {
      migrated(await migrate(handle));
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle;
  }
  const dataDir = join(env.REEKS_DATA_DIR, "pglite");
  const release = lockDataDir(pgliteLockFile(env));
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    try {
      await initPgliteDataDir(dataDir);
    } catch (error) {
      release();
      throw error;
    }
  }
  const handle = createDatabase({ kind: "pglite", dataDir });
  const close = handle.close;
  handle.close = async () => {
    await close();
    release();
  };
  try {
    migrated(await migrate(handle));
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function pgliteLockFile(env: Env): string {
  return join(env.REEKS_DATA_DIR, "pglite.lock");
}

/**
 * The database for a CLI command. On PostgreSQL, and on PGlite while no app runs, it opens it as the
 * app does. While the app runs on PGlite (which only one process may open), the command reaches the
 * app's database through the app's socket in the data folder, with the pg driver, like PostgreSQL:
 * every command runs the same code either way.
 */
export async function openCliDatabase(env: Env): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return openDatabase(env);
  const owner = dataDirOwner(pgliteLockFile(env));
  if (owner === null) return openDatabase(env);
  const url = `postgresql://postgres@localhost:${DATABASE_SOCKET_PORT}/postgres?host=${encodeURIComponent(databaseSocketDir(env.REEKS_DATA_DIR))}`;
  // One connection: the app serves one client at a time, and a command's queries are sequential.
  const handle = createDatabase({ kind: "postgres", url, maxConnections: 1 });
  try {
    await handle.ping();
  } catch (error) {
    await handle.close();
    throw new Error(
      `Reeks (process ${owner}) holds the embedded database, but its socket in ${databaseSocketDir(env.REEKS_DATA_DIR)} does not answer (${(error as Error).message}). Is it still starting? Run the command as the user that runs Reeks.`,
    );
  }
  return handle;
}
