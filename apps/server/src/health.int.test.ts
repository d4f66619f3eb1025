import { createAuth } from "@reeks/auth";
import { createTestDatabase } from "@reeks/db/testing";
import { createRoomService } from "@reeks/livekit";
import { createMailer } from "@reeks/mail";
import { describe, expect, it } from "vitest";
import { createApp } from "./app";

function testConnection() {
  const { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = process.env;
  if (!LIVEKIT_URL || !LIVEKIT_API_KEY || !LIVEKIT_API_SECRET) throw new Error("no test livekit-server");
  return { url: LIVEKIT_URL, apiKey: LIVEKIT_API_KEY, apiSecret: LIVEKIT_API_SECRET };
}

function appWith(database: Awaited<ReturnType<typeof createTestDatabase>>, livekitUrl?: string) {
  const connection = { ...testConnection(), ...(livekitUrl ? { url: livekitUrl } : {}) };
  // Health needs no mail: a mailer pointing nowhere is never used here.
  const mailer = createMailer({ smtpUrl: "smtp://127.0.0.1:9", from: "test@reeks.test" });
  const publicUrl = "http://127.0.0.1:3000";
  return createApp({
    database,
    livekit: { connection, publicUrl: connection.url },
    rooms: createRoomService(connection),
    webDistDir: "/nonexistent",
    auth: createAuth({ db: database.db, mailer, publicUrl, secret: "t".repeat(32) }),
    mailer,
    mailSink: null,
    publicUrl,
  });
}

describe("GET /healthz", () => {
  it("is ok when the database and LiveKit answer", async () => {
    const database = await createTestDatabase();
    const response = await appWith(database).request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      db: process.env.DATABASE_URL ? "postgres" : "pglite",
      livekit: "ok",
    });
    await database.close();
  });

  it("is 503 naming LiveKit when it is unreachable", async () => {
    const database = await createTestDatabase();
    const response = await appWith(database, "ws://127.0.0.1:9").request("/healthz");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "error", livekit: "unreachable" });
    await database.close();
  });

  it("is 503 naming the database when it is unreachable", async () => {
    const database = await createTestDatabase();
    const app = appWith(database);
    await database.close();
    const response = await app.request("/healthz");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: "error",
      database: "unreachable",
      livekit: "ok",
      reason: expect.stringMatching(/^database unavailable: /),
    });
  });
});

describe("POST /livekit/webhook", () => {
  it("refuses a request without a valid signature", async () => {
    const database = await createTestDatabase();
    const response = await appWith(database).request("/livekit/webhook", {
      method: "POST",
      body: JSON.stringify({ event: "room_started" }),
      headers: { "content-type": "application/webhook+json", authorization: "not-a-jwt" },
    });
    expect(response.status).toBe(401);
    await database.close();
  });
});
