import { existsSync } from "node:fs";
import { join } from "node:path";
import { createDatabase, type DatabaseHandle, migrate } from "@reeks/db";
import { lockDataDir } from "./data-dir-lock";
import type { Env } from "./env";

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
  const release = lockDataDir(join(env.REEKS_DATA_DIR, "pglite.lock"));
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    // The first start runs initdb inside this process, which leaves a few hundred MB of WebAssembly
    // memory behind (about 680 MB resident against 170 MB for a start on an existing folder). Create
    // and migrate the folder with a PGlite of its own and let it go; the one that serves starts clean.
    const first = createDatabase({ kind: "pglite", dataDir });
    try {
      migrated(await migrate(first));
    } catch (error) {
      release();
      throw error;
    } finally {
      await first.close();
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
