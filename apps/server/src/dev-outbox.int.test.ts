import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningReeks } from "./server";
import { startTestServer } from "./testing";

describe("the dev outbox", () => {
  let server: RunningReeks;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers this machine, but not a request a reverse proxy forwarded from elsewhere", async () => {
    expect((await fetch(`${server.url}/api/dev/outbox`)).status).toBe(200);
    // Caddy in front: the connection is from 127.0.0.1, the person from the internet.
    const forwarded: Array<Record<string, string>> = [
      { "x-forwarded-for": "192.0.2.10" },
      { forwarded: "for=192.0.2.10" },
    ];
    for (const headers of forwarded) {
      const response = await fetch(`${server.url}/api/dev/outbox`, { headers });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("mails");
    }
  });
});
