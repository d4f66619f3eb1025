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

describe("POST /livekit/webhook", () => {
  let database: DatabaseHandle;
  let app: ReturnType<typeof createTestApp>;
  let stored = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = createTestApp(database, connection, {
      onWebhookStored: () => {
        stored += 1;
      },
    });
  });
  afterAll(() => database.close());

  const post = (body: string, authorization?: string) =>
    app.request("/livekit/webhook", {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/webhook+json",
        ...(authorization ? { Authorization: authorization } : {}),
      },
    });
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
});
