import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "./env";
import { startReeks } from "./server";

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0 });
    });
  });
}

describe("start-up errors", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "reeks-startup-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("names the port that is in use and the variable to change", async () => {
    const { server, port } = await listen();
    try {
      const env = loadEnv({ PORT: String(port), REEKS_DATA_DIR: dataDir });
      await expect(startReeks(env, () => {})).rejects.toThrow(
        `Port ${port} is already in use. Stop what uses it or set PORT to another port.`,
      );
    } finally {
      server.close();
    }
  });

  it("says which LiveKit port is taken, and releases the database again", async () => {
    const { server, port } = await listen();
    try {
      const env = loadEnv({ PORT: "0", REEKS_DATA_DIR: dataDir, LIVEKIT_PORT: String(port) });
      await expect(startReeks(env, () => {})).rejects.toThrow(
        `Port ${port} is in use, so livekit-server cannot start`,
      );
      // The failed start closed the embedded database and removed its lock: a second start can open it.
      const again = loadEnv({
        PORT: "0",
        REEKS_DATA_DIR: dataDir,
        LIVEKIT_URL: process.env.LIVEKIT_URL,
        LIVEKIT_API_KEY: process.env.LIVEKIT_API_KEY,
        LIVEKIT_API_SECRET: process.env.LIVEKIT_API_SECRET,
      });
      const reeks = await startReeks(again, () => {});
      const health = await fetch(`${reeks.url}/healthz`);
      expect(health.status).toBe(200);
      await reeks.stop();
    } finally {
      server.close();
    }
  });
});
