import { type DatabaseHandle, sql } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { testLivekit } from "@reeks/testing/livekit-env";
import { describe, expect, it } from "vitest";
import { createTestApp } from "./test-app";

// Health needs no mail: the test app's mailer points nowhere and is never used here.
function appWith(database: DatabaseHandle, livekitUrl?: string) {
  return createTestApp(database, { ...testLivekit(), ...(livekitUrl ? { url: livekitUrl } : {}) });
}

describe("GET /healthz (liveness)", () => {
  it("is ok while the process answers, even with the database and LiveKit away", async () => {
    const database = await createTestDatabase();
    const app = appWith(database, "ws://127.0.0.1:9");
    await database.close();
    const response = await app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

describe("GET /readyz", () => {
  it("is ok when the database and LiveKit answer and every migration is applied", async () => {
    const database = await createTestDatabase();
    const response = await appWith(database).request("/readyz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      db: process.env.DATABASE_URL ? "postgres" : "pglite",
      livekit: "ok",
      migrations: "applied",
    });
    await database.close();
  });

  it("is 503 naming the migrations when the database lacks one", async () => {
    const database = await createTestDatabase();
    const last = await database.db.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
    );
    expect(last).toBeDefined();
    const response = await appWith(database).request("/readyz");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: "error",
      migrations: "pending",
      reason: "1 migrations not applied",
    });
    await database.close();
  });

  it("is 503 naming LiveKit when it is unreachable", async () => {
    const database = await createTestDatabase();
    const response = await appWith(database, "ws://127.0.0.1:9").request("/readyz");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "error", livekit: "unreachable" });
    await database.close();
  });

  it("is 503 naming the database when it is unreachable", async () => {
    const database = await createTestDatabase();
    const app = appWith(database);
    await database.close();
    const response = await app.request("/readyz");
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
