import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import {
  type AttendanceWorker,
  createWebhookInbox,
  liveEventRetentionHandlers,
  scheduleLiveEventPruning,
  startAttendanceWorker,
} from "@reeks/api";
import { createAuth } from "@reeks/auth";
import { type DatabaseHandle, seedDemoSeries } from "@reeks/db";
import { createRoomService } from "@reeks/livekit";
import type { SmtpSink } from "@reeks/mail";
import type { Hono } from "hono";
import { createApp } from "./app";
import { loadAuthSecret } from "./auth-secret";
import { openDatabase } from "./database";
import { apiLimitsOf } from "./edge-limits";
import type { Env } from "./env";
import { type ProvidedLivekit, provideLivekit } from "./livekit";
import { provideMail } from "./mail";
import { addressOf, startMailWorker } from "./mail-worker";
import { startMaintenance } from "./maintenance";
import { assertPortFree } from "./ports";

export interface RunningReeks {
  url: string;
  port: number;
  database: DatabaseHandle;
  livekit: ProvidedLivekit;
  attendance: AttendanceWorker;
  /** The local SMTP sink when SMTP_URL is unset (always in tests): read sent mails from it. */
  mailSink: SmtpSink | null;
  stop(): Promise<void>;
}

/** Boots everything in order: database → migrations → seed → LiveKit → mail → HTTP. */
export async function startReeks(env: Env, log: (line: string) => void = console.log): Promise<RunningReeks> {
  if (env.PORT !== 0) await assertPortFree(env.HOST, env.PORT, "PORT");
  const database = await openDatabase(env);
  const cleanups: Array<() => Promise<void>> = [() => database.close()];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((error) => log(`shutdown: ${String(error)}`));
  };
  try {
    const seed = env.REEKS_SEED ?? (env.DATABASE_URL ? "none" : "demo");
    const seeded = seed === "demo" ? await seedDemoSeries(database.db) : { created: false };
    if (seeded.created) log("Seeded the demo series “Uitvoering op z'n Kop”.");
    const livekit = await provideLivekit(env, log);
    cleanups.push(() => livekit.stop());
    const rooms = createRoomService(livekit.connection);
    // Picks up events an earlier run stored but did not process.
    const webhookInbox = createWebhookInbox(database.db);
    const attendance = startAttendanceWorker({
      db: database.db,
      rooms,
      log,
      // One PGlite connection: storing webhooks (LiveKit waits for the answer) goes first; processing
      // runs in the pauses between them.
      ...(database.kind === "pglite" ? { yieldTo: () => webhookInbox.quiet(25, 1_000) } : {}),
    });
    cleanups.push(() => attendance.stop());
    // After a crash the media server may have gone on without us (it is adopted, or was restarted):
    // bring every live room in line with what LiveKit has now, before anyone is answered from a
    // stale picture (people counted who left, a connection that went on shown as a gap).
    // Leaves LiveKit gave up delivering meanwhile end the stays when they happened, not now.
    const undelivered = await livekit.undeliveredLeaves().catch((error: unknown) => {
      log(`could not read livekit-server's log: ${String(error)}`);
      return [];
    });
    await attendance.reconcileLive(new Map(undelivered.map((l) => [l.sid, l.leftAt])));
    const mail = await provideMail(env, log);
    cleanups.push(() => mail.stop());
    // The app needs the public URL (links in mails, trusted origin), which with PORT=0 is only known
    // once listening: listen first, answer with the app as soon as it exists.
    let app: Hono | null = null;
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve(
        {
          fetch: (request, bindings) =>
            app ? app.fetch(request, bindings) : new Response("starting", { status: 503 }),
          port: env.PORT,
          hostname: env.HOST,
        },
        () => resolve(s),
      );
      s.once("error", reject);
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Long-lived connections (SSE) must not keep shutdown waiting.
          (server as import("node:http").Server).closeAllConnections?.();
        }),
    );
    const port = (server.address() as AddressInfo).port;
    const url = `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${port}`;
    const publicUrl = env.PUBLIC_URL?.replace(/\/$/, "") ?? url;
    const auth = createAuth({
      db: database.db,
      mailer: mail.mailer,
      publicUrl,
      secret: loadAuthSecret(env),
    });
    app = createApp({
      database,
      livekit: { connection: livekit.connection, publicUrl: livekit.publicUrl },
      rooms,
      webDistDir: env.WEB_DIST_DIR,
      webhookInbox,
      onWebhookStored: () => void attendance.kick(),
      auth,
      mailer: mail.mailer,
      mailSink: mail.sink,
      publicUrl,
      organizerEmail: addressOf(env.MAIL_FROM),
      limits: apiLimitsOf(env),
      redirectLoopbackAliases: env.PUBLIC_URL === undefined,
    });
    // Durable jobs (scheduling mails, reminders); stopped before the mailer it sends through.
    const jobs = startMailWorker(
      database,
      mail.mailer,
      { appUrl: publicUrl, organizerEmail: addressOf(env.MAIL_FROM) },
      log,
      liveEventRetentionHandlers(database.db, { retentionDays: env.LIVE_EVENT_RETENTION_DAYS }, log),
    );
    cleanups.push(() => jobs.stop());
    // Recurring on the durable queue: each run enqueues the next; this starts (or rejoins) the chain.
    await scheduleLiveEventPruning(database.db);
    const stopMaintenance = startMaintenance(database.db, log);
    cleanups.push(() => stopMaintenance());
    return { url, port, database, livekit, attendance, mailSink: mail.sink, stop: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
