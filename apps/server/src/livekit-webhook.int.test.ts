import { type ServerType, serve } from "@hono/node-server";
import { createWebhookInbox, type WebhookInbox } from "@reeks/api";
import { type DatabaseHandle, inArray, WebhookEvent, WebhookQuarantine } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { signWebhook } from "@reeks/livekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./test-app";

const connection = { url: "ws://127.0.0.1:9", apiKey: "reeks-test-key", apiSecret: "s".repeat(40) };

function eventBody(id: string, createdAt: string | number = String(Math.floor(Date.now() / 1000))) {
  return JSON.stringify({
    event: "participant_joined",
    id,
    createdAt,
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
  let inbox: WebhookInbox;
  beforeAll(async () => {
    database = await createTestDatabase();
    inbox = createWebhookInbox(database.db);
    app = createTestApp(database, connection, {
      webhookInbox: inbox,
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

  it("quarantines a poisoned event and stores every good one that arrived with it", async () => {
    const prefix = `EV_batch_${transport}_`;
    const good = Array.from({ length: 39 }, (_, i) => eventBody(`${prefix}${i}`));
    const poisoned = [
      // A date no clock gives (it cannot even be written as a timestamp) and a NUL in the id.
      eventBody(`${prefix}far_future`, 1e17),
      eventBody(`${prefix}nul\u0000`),
    ];
    const before = inbox.metrics();
    const quarantinedBefore = (await database.db.select().from(WebhookQuarantine)).length;
    const bodies = [...good.slice(0, 20), ...poisoned, ...good.slice(20)];
    // All at once, so that they share the inbox's batches.
    const answers = await Promise.all(
      bodies.map((body) => post(body, signWebhook(body, connection.apiKey, connection.apiSecret))),
    );
    const statusOf = new Map(bodies.map((body, i) => [body, answers[i]?.status]));
    expect(good.map((body) => statusOf.get(body))).toEqual(good.map(() => 200));
    expect(poisoned.map((body) => statusOf.get(body))).toEqual([400, 400]);
    const rows = await database.db
      .select({ id: WebhookEvent.id })
      .from(WebhookEvent)
      .where(
        inArray(
          WebhookEvent.id,
          [...good.keys()].map((i) => `${prefix}${i}`),
        ),
      );
    expect(rows).toHaveLength(39);
    const quarantined = (await database.db.select().from(WebhookQuarantine)).slice(quarantinedBefore);
    expect(quarantined.map((q) => q.reason).sort()).toEqual([
      "createdAt: createdAt is not a plausible time",
      "id: id is not a LiveKit event id",
    ]);
    // Kept as received (a NUL only escaped), for a person to look at.
    expect(quarantined.map((q) => q.body).sort()).toEqual([...poisoned].sort());
    expect(inbox.metrics()).toEqual({ stored: before.stored + 39, quarantined: before.quarantined + 2 });
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
