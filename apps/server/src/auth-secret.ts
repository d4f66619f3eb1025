import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Env } from "./env";

/**
 * AUTH_SECRET, or one generated once and kept (readable by the owner only) in the data folder, so
 * that sessions survive a restart without anyone having to configure a secret for a local run.
 * Several instances must share AUTH_SECRET: set it explicitly in production.
 */
export function loadAuthSecret(env: Env): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  mkdirSync(env.REEKS_DATA_DIR, { recursive: true });
  const file = join(env.REEKS_DATA_DIR, "auth-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  }
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
