import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { processIsAlive } from "@reeks/livekit";
import { ConfigError } from "./env";

/**
 * PGlite is single-process: two processes on one data folder corrupt it. This lock makes the second
 * one stop with a clear message instead. Returns the release function.
 */
export function lockDataDir(lockFile: string): () => void {
  if (existsSync(lockFile)) {
    const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
    if (Number.isInteger(pid) && pid !== process.pid && processIsAlive(pid)) {
      throw new ConfigError(
        `The embedded database is in use by process ${pid} (a running Reeks). Stop it first, or set DATABASE_URL to share a PostgreSQL database.`,
      );
    }
  }
  mkdirSync(dirname(lockFile), { recursive: true });
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}
