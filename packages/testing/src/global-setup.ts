import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLivekitServer } from "@reeks/livekit";

/**
 * Vitest global setup: a real livekit-server for the whole run unless one is given through
 * LIVEKIT_URL (as `pnpm test` does). Workers inherit the variables set here.
 */
export default async function setup() {
  if (process.env.LIVEKIT_URL) return;
  const workDir = await mkdtemp(join(tmpdir(), "reeks-test-livekit-"));
  const base = Number(process.env.REEKS_TEST_LIVEKIT_PORT ?? 7980);
  const livekit = await startLivekitServer({
    workDir,
    ports: { http: base, rtcTcp: base + 1, rtcUdp: base + 2 },
    log: () => {},
  });
  process.env.LIVEKIT_URL = livekit.url;
  process.env.LIVEKIT_API_KEY = livekit.apiKey;
  process.env.LIVEKIT_API_SECRET = livekit.apiSecret;
  return async () => {
    await livekit.stop();
    await rm(workDir, { recursive: true, force: true });
  };
}
