import type { LivekitConnection } from "@reeks/livekit";

/** The livekit-server of this test run, as the global setup or the test script provided it. */
export function testLivekit(): LivekitConnection {
  const { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = process.env;
  if (!LIVEKIT_URL || !LIVEKIT_API_KEY || !LIVEKIT_API_SECRET) {
    throw new Error("No livekit-server for tests: run through `pnpm test` or vitest's global setup.");
  }
  return { url: LIVEKIT_URL, apiKey: LIVEKIT_API_KEY, apiSecret: LIVEKIT_API_SECRET };
}
