import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadEnv, type RunningReeks, startReeks } from "@reeks/server";
import { testLivekit } from "./livekit-env";

const webDist = fileURLToPath(new URL("../../../apps/web/dist", import.meta.url));

/**
 * The whole app on a free port, on its own embedded database in a temporary folder (or on
 * DATABASE_URL when set), against the test run's livekit-server and serving the built SPA.
 */
export async function startTestServer(extraEnv: Record<string, string> = {}): Promise<RunningReeks> {
  const dataDir = await mkdtemp(join(tmpdir(), "reeks-e2e-"));
  const livekit = testLivekit();
  const env = loadEnv({
    PORT: "0",
    HOST: "127.0.0.1",
    REEKS_DATA_DIR: dataDir,
    WEB_DIST_DIR: webDist,
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
    ...extraEnv,
  });
  const reeks = await startReeks(env, () => {});
  const stop = reeks.stop;
  return {
    ...reeks,
    stop: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
