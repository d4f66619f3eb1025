/**
 * One side of the webhook ingestion benchmark, run as its own process so the load generator does not
 * share its CPU time: `reeks` serves our real POST /livekit/webhook (signature check, group-committed
 * insert into PGlite on disk, the attendance worker processing behind it); `bare` is a node:http
 * server that reads the body and answers 200. Prints {"port": N} when ready.
 */

import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createWebhookInbox, startAttendanceWorker } from "@reeks/api";
import { createRoomFixture } from "@reeks/api/testing";
import { createDatabase, migrate, RoomSeat } from "@reeks/db";
import { createParticipant, createTestDatabase } from "@reeks/db/testing";
import { createRoomService } from "@reeks/livekit";
import { createTestApp } from "@reeks/server";

const mode = process.argv[2];
const ready = (port: number) => process.stdout.write(`${JSON.stringify({ port })}\n`);

if (mode === "bare") {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}'));
  });
  server.listen(0, "127.0.0.1", () => ready((server.address() as AddressInfo).port));
} else {
  const [apiKey, apiSecret, roomName, identities] = process.argv.slice(3);
  if (!apiKey || !apiSecret || !roomName || !identities) throw new Error("usage: reeks KEY SECRET ROOM IDS");
  // DATABASE_URL: a fresh database on that PostgreSQL server; else PGlite on disk, the default engine.
  const database = process.env.DATABASE_URL
    ? await createTestDatabase()
    : createDatabase({ kind: "pglite", dataDir: await mkdtemp(join(tmpdir(), "reeks-bench-webhook-")) });
  if (database.kind === "pglite") await migrate(database);
  const fixture = await createRoomFixture(database.db, { members: 0, roomName });
  // Seats for the identities the generator uses, so processing does its real work.
  for (const identity of identities.split(",")) {
    const p = await createParticipant(database.db, { seriesId: fixture.seriesId });
    await database.db
      .insert(RoomSeat)
      .values({ sessionId: fixture.sessionId, participantId: p.participantId, identity });
  }
  // LiveKit is not running here: kicks and reconciles are not part of this measurement.
  const connection = { url: "ws://127.0.0.1:9", apiKey, apiSecret };
  const rooms = createRoomService(connection);
  // Wired as startReeks wires it.
  const webhookInbox = createWebhookInbox(database.db);
  const worker = startAttendanceWorker({
    ...(process.env.BENCH_NO_WORKER ? { pollMs: 3_600_000 } : {}),
    db: database.db,
    rooms,
    reconcileMs: 3_600_000,
    onError: () => {},
    // As startReeks: only the one-connection PGlite needs processing to make way for storing.
    ...(database.kind === "pglite" ? { yieldTo: () => webhookInbox.quiet(25, 1_000) } : {}),
  });
  const app = createTestApp(database, connection, {
    rooms,
    webhookInbox,
    // BENCH_NO_WORKER=1 measures storing alone, without processing competing for the database.
    onWebhookStored: () => (process.env.BENCH_NO_WORKER ? undefined : void worker.kick()),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => ready(info.port));
  process.on("SIGTERM", () => {
    server.close();
    void worker
      .stop()
      .then(() => database.close())
      .then(() => process.exit(0));
  });
}
