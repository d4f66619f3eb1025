import { type ServerType, serve } from "@hono/node-server";
import { type DatabaseHandle, WebhookEvent } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { signWebhook } from "@reeks/livekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./test-app";

const connection = { url: "ws://127.0.0.1:9", apiKey: "reeks-test-key", apiSecret: "s".repeat(40) };

function eventBody(id: string) {
  return JSON.stringify({
    event: "participant_joined",
    id,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { sid: "RM_x", name: "rk_nowhere" },
    participant: { sid: "PA_x", identity: "p_x", joinedAt: String(Math.floor(Date.now() / 1000)) },
  });
}

// On Node the handler reads and answers the raw request; through app.request, fetch objects.
describe.each(["node", "fetch"] as const)("POST /livekit/webhook (%s)", (transport) => {
  let database: DatabaseHandle;
  let app: ReturnType<typeof createTestApp>;
  let server: ServerType | null = null;
  let baseUrl = "";
  let stored = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = createTestApp(database, connection, {
      onWebhookStored: () => {
        stored += 1;
      },
    });
    if (transport === "node") {
      baseUrl = await new Promise<string>((resolve) => {
        server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
          resolve(`http://127.0.0.1:${info.port}`),
        );
      });
    }
  });
  afterAll(async () => {
    server?.close();
    await database.close();
  });

  const post = (body: string, authorization?: string) => {
    const init = {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/webhook+json",
        ...(authorization ? { Authorization: authorization } : {}),
      },
    };
    return transport === "node"
      ? fetch(`${baseUrl}/livekit/webhook`, init)
      : app.request("/livekit/webhook", init);
  };
  const count = async () => (await database.db.select().from(WebhookEvent)).length;

  it("stores a correctly signed event once, however often it is delivered", async () => {
    const body = eventBody("EV_once");
    const auth = signWebhook(body, connection.apiKey, connection.apiSecret);
    expect((await post(body, auth)).status).toBe(200);
    expect((await post(body, auth)).status).toBe(200);
    const rows = await database.db.select().from(WebhookEvent);
    expect(rows.map((r) => [r.id, r.event, r.roomName, r.body])).toEqual([
      ["EV_once", "participant_joined", "rk_nowhere", body],
    ]);
    expect(rows[0]?.processedAt).toBeNull();
    expect(stored).toBe(2);
  });

  it("refuses a tampered body, a wrong key, an expired signature or none, and stores nothing", async () => {
    const before = await count();
    const body = eventBody("EV_bad");
    const good = signWebhook(body, connection.apiKey, connection.apiSecret);
    const tampered = body.replace("p_x", "p_y");
    expect((await post(tampered, good)).status).toBe(401);
    expect((await post(body, signWebhook(body, connection.apiKey, "w".repeat(40)))).status).toBe(401);
    expect((await post(body, signWebhook(body, "other-key", connection.apiSecret))).status).toBe(401);
    expect(
      (
        await post(
          body,
          signWebhook(body, connection.apiKey, connection.apiSecret, { expiresInSeconds: -120 }),
        )
      ).status,
    ).toBe(401);
    expect((await post(body)).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it("answers a signed body it cannot use with 400, and one far too big with 413, storing nothing", async () => {
    const before = await count();
    const noId = JSON.stringify({ event: "room_started", room: { name: "rk_nowhere" } });
    const response = await post(noId, signWebhook(noId, connection.apiKey, connection.apiSecret));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "unusable event" });
    if (transport === "node") {
      const huge = eventBody("EV_huge").replace('"p_x"', `"${"x".repeat(2 << 20)}"`);
      expect((await post(huge, signWebhook(huge, connection.apiKey, connection.apiSecret))).status).toBe(413);
    }
    expect(await count()).toBe(before);
  });
});
