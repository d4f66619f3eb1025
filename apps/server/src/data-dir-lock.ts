import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { processIsAlive } from "@reeks/livekit";
import { ConfigError } from "./env";

/** The pid of the live process (not this one) that holds the lock, or null. */
export function dataDirOwner(lockFile: string): number | null {
  if (!existsSync(lockFile)) return null;
  const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
  return Number.isInteger(pid) && pid !== process.pid && processIsAlive(pid) ? pid : null;
}

/**
 * PGlite is single-process: two processes on one data folder corrupt it. This lock makes the second
 * app stop with a clear message instead (the CLI goes through the running app's socket). Returns the
 * release function.
 */
export function lockDataDir(lockFile: string): () => void {
  const pid = dataDirOwner(lockFile);
  if (pid !== null) {
    throw new ConfigError(
      `The embedded database is in use by process ${pid} (a running Reeks). Stop it first, or set DATABASE_URL to share a PostgreSQL database.`,
    );
  }
  mkdirSync(dirname(lockFile), { recursive: true });
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}
