import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { testLivekit } from "@reeks/testing/livekit-env";
import { loadEnv, type RunningReeks, startReeks } from "../index";

const webDist = fileURLToPath(new URL("../../../web/dist", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface TestServerOptions {
  /**
   * Start a livekit-server of its own, as `pnpm start` does, with its webhook pointing at this
   * server: for tests that rely on attendance from webhooks. Its ports are REEKS_TEST_LIVEKIT_PORT + 40.
   */
  ownLivekit?: boolean;
}

/**
 * The whole app on a free port, on its own embedded database in a temporary folder (or on
 * DATABASE_URL when set), serving the built SPA; against the test run's livekit-server, or its own.
 */
export async function startTestServer(
  extraEnv: Record<string, string> = {},
  options: TestServerOptions = {},
): Promise<RunningReeks> {
  const dataDir = await mkdtemp(join(tmpdir(), "reeks-e2e-"));
  const livekitEnv: Record<string, string> = {};
  if (options.ownLivekit) {
    // The webhook URL names our port, so it must be known before LiveKit starts.
    livekitEnv.PORT = String(await freePort());
    livekitEnv.LIVEKIT_PORT = String(Number(process.env.REEKS_TEST_LIVEKIT_PORT ?? 7980) + 40);
  } else {
    const livekit = testLivekit();
    Object.assign(livekitEnv, {
      PORT: "0",
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
    });
  }
  const env = loadEnv({
    HOST: "127.0.0.1",
    // Every test calls from 127.0.0.1, many times a minute; the tests of the limit itself set one.
    API_RATE_LIMIT: "0",
    REEKS_DATA_DIR: dataDir,
    // The suites build on the demo series, also on PostgreSQL (where production starts empty).
    REEKS_SEED: "demo",
    WEB_DIST_DIR: webDist,
    ...livekitEnv,
    ...extraEnv,
  });
  // The setup link is on `reeks.setupLink`; keep it off the test output.
  const reeks = await startReeks(env, () => {}, { console: () => {} });
  const stop = reeks.stop;
  return {
    ...reeks,
    stop: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
