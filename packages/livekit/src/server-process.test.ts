import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadOrCreateKeys } from "./server-process";

describe("the embedded livekit-server's key pair", () => {
  const dirs: string[] = [];
  const fresh = async () => {
    const dir = await mkdtemp(join(tmpdir(), "reeks-lk-keys-"));
    dirs.push(dir);
    return join(dir, "livekit");
  };
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("is made at random for a new data folder, kept owner-only, and the same after a restart", async () => {
    const dir = await fresh();
    const first = await loadOrCreateKeys(dir);
    expect(first.apiKey).not.toBe("devkey");
    expect(first.apiSecret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(join(dir, "keys.json"))).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateKeys(dir)).toEqual(first);
    const other = await loadOrCreateKeys(await fresh());
    expect(other.apiKey).not.toBe(first.apiKey);
    expect(other.apiSecret).not.toBe(first.apiSecret);
  });
});
