import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import {
  type AttendanceWorker,
  createWebhookInbox,
  issueSetupLink,
  liveEventRetentionHandlers,
  SETUP_PATH,
  scheduleLiveEventPruning,
  seatJobHandlers,
  startAttendanceWorker,
} from "@reeks/api";
import { createAuth } from "@reeks/auth";
import { type DatabaseHandle, seedDemoSeries } from "@reeks/db";
import { createRoomService } from "@reeks/livekit";
import type { SmtpSink } from "@reeks/mail";
import type { Hono } from "hono";
import { createApp, STREAM_PATHS } from "./app";
import { loadAuthSecret } from "./auth-secret";
import { startBreakoutCloser } from "./breakout-closer";
import { openDatabase } from "./database";
import { serveDatabaseSocket } from "./database-socket";
import { apiLimitsOf } from "./edge-limits";
import type { Env } from "./env";
import { type ProvidedLivekit, provideLivekit } from "./livekit";
import { provideMail } from "./mail";
import { addressOf, startMailWorker } from "./mail-worker";

function contactOf(env: {
  ACCESSIBILITY_CONTACT?: string | undefined;
  MAIL_FROM: string;
}): string | undefined {
  if (env.ACCESSIBILITY_CONTACT) return env.ACCESSIBILITY_CONTACT;
  const from = addressOf(env.MAIL_FROM);
  return /^no-?reply@/i.test(from) ? undefined : from;
}

import { startMaintenance } from "./maintenance";
import { createRequestTracker } from "./observability/http";
import { createLogger, type Logger } from "./observability/logger";
import { createMetrics } from "./observability/metrics";
import { assertPortFree } from "./ports";
import { startSeriesLifecycle } from "./series-lifecycle";

export interface RunningReeks {
  url: string;
  port: number;
  database: DatabaseHandle;
  livekit: ProvidedLivekit;
  attendance: AttendanceWorker;
  /** The one-time setup link printed at this start (nobody could administer Reeks yet), or null. */
  setupLink: string | null;
  /** The local SMTP sink when SMTP_URL is unset (always in tests): read sent mails from it. */
  mailSink: SmtpSink | null;
  /**
   * A graceful stop: stop accepting, end live streams with a reconnect hint, let requests in flight
   * finish (at most SHUTDOWN_TIMEOUT_SECONDS), stop the workers, then close the database.
   */
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * Where the one-time setup link goes: the operator's console, never the logger (whose lines end up
   * in log files and log shippers), since whoever holds the link can make themselves administrator.
   */
  console?: (line: string) => void;
}

/**
 * Boots everything in order: database → migrations → seed → LiveKit → mail → HTTP. Logs to `logTo`:
 * a pino logger, or a function given each line as text (tests pass `() => {}`).
 */
export async function startReeks(
  env: Env,
  logTo: Logger | ((line: string) => void) = createLogger(env),
  options: StartOptions = {},
): Promise<RunningReeks> {
  const logger =
    typeof logTo === "function"
      ? createLogger({ NODE_ENV: "development", LOG_LEVEL: env.LOG_LEVEL }, (text) => logTo(text.trimEnd()))
      : logTo;
  const log = (line: string) => logger.info(line);
  if (env.PORT !== 0) await assertPortFree(env.HOST, env.PORT, "PORT");
  const database = await openDatabase(env, log);
  const cleanups: Array<() => Promise<void>> = [() => database.close()];
  let stopHttp: () => Promise<void> = async () => {};
  const cleanup = async () => {
    await stopHttp().catch((error) => logger.error(`shutdown: ${String(error)}`));
    for (const fn of cleanups.reverse())
      await fn().catch((error) => logger.error(`shutdown: ${String(error)}`));
  };
  try {
    if (database.pglite) {
      // The organiser CLI reaches the embedded database through this while the app holds it.
      const socket = await serveDatabaseSocket(database.pglite, env.REEKS_DATA_DIR, log);
      cleanups.push(() => socket.close());
    }
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
    const metrics = createMetrics(database);
    const tracker = createRequestTracker({
      logger,
      metrics,
      isStream: (method, path) => method === "GET" && STREAM_PATHS.has(path),
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve(
        {
          fetch: (request, bindings) => {
            tracker.track(bindings.incoming, bindings.outgoing);
            return app ? app.fetch(request, bindings) : new Response("starting", { status: 503 });
          },
          port: env.PORT,
          hostname: env.HOST,
        },
        () => resolve(s),
      );
      s.once("error", reject);
    });
    const http = server as Server;
    stopHttp = async () => {
      stopHttp = async () => {};
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      const unfinished = await tracker.drain(env.SHUTDOWN_TIMEOUT_SECONDS * 1_000);
      if (unfinished > 0) logger.warn(`shutdown: cut ${unfinished} requests still running`);
      // Whatever is left (a stream that did not end, a request past the bound) must not keep us.
      http.closeAllConnections();
      await closed;
    };
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
      // A no-reply sender is no contact: the statement then points to the series' organisers.
      ...(contactOf(env) ? { accessibilityContact: contactOf(env) } : {}),
      limits: apiLimitsOf(env),
      redirectLoopbackAliases: env.PUBLIC_URL === undefined,
      logger,
      metrics,
      ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
    });
    // Durable jobs (scheduling mails, reminders); stopped before the mailer it sends through.
    const jobs = startMailWorker(
      database,
      mail.mailer,
      { appUrl: publicUrl, organizerEmail: addressOf(env.MAIL_FROM) },
      log,
      {
        ...liveEventRetentionHandlers(database.db, { retentionDays: env.LIVE_EVENT_RETENTION_DAYS }, log),
        ...seatJobHandlers(database.db, { appUrl: publicUrl }),
      },
    );
    cleanups.push(() => jobs.stop());
    // Recurring on the durable queue: each run enqueues the next; this starts (or rejoins) the chain.
    await scheduleLiveEventPruning(database.db);
    const stopMaintenance = startMaintenance(database.db, log);
    cleanups.push(() => stopMaintenance());
    const lifecycle = startSeriesLifecycle(database.db, log);
    cleanups.push(() => lifecycle.stop());
    const breakoutCloser = startBreakoutCloser(database.db, log, { rooms });
    cleanups.push(() => breakoutCloser.stop());
    const setupLink = await announceSetupLink(database, publicUrl, options.console ?? toStderr);
    return { url, port, database, livekit, attendance, setupLink, mailSink: mail.sink, stop: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function toStderr(line: string) {
  process.stderr.write(`${line}\n`);
}

/** While nobody can administer this Reeks, a fresh one-time link to become its first administrator. */
async function announceSetupLink(
  database: DatabaseHandle,
  publicUrl: string,
  print: (line: string) => void,
): Promise<string | null> {
  const issued = await issueSetupLink(database.db);
  if (!issued) return null;
  const link = `${publicUrl}${SETUP_PATH}/${issued.token}`;
  print(
    [
      "",
      "Nobody can administer this Reeks yet. Open this link to become its first administrator",
      `(it works once, until ${issued.expiresAt.toISOString()}; each start while unclaimed prints a new one):`,
      "",
      `    ${link}`,
      "",
    ].join("\n"),
  );
  return link;
}
