import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { HttpBindings } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import {
  type AppRouter,
  appRouter,
  createContext,
  createWebhookInbox,
  databaseUnavailableError,
  handleCaptionFeedPost,
  type LivekitContext,
  localeFromHeaders,
  logoOf,
  scheduling,
  serveSessionStream,
  type WebhookInbox,
} from "@reeks/api";
import { type Auth, accountServices, resolveSession } from "@reeks/auth";
import { type DatabaseHandle, isDatabaseUnavailable, loggableError, migrationStatus } from "@reeks/db";
import type { Mailer, SmtpSink } from "@reeks/mail";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type Context, Hono } from "hono";
import type { RoomServiceClient } from "livekit-server-sdk";
import { rateLimitSignIn } from "./auth-rate-limit";
import { clientAddress, resolveClientAddress } from "./client-address";
import { mountDevOutbox } from "./dev-outbox";
import {
  type ApiLimits,
  apiLimitsOf,
  apiRateLimit,
  batchSizeLimit,
  concurrencyGate,
  requestBodyLimit,
  urlLengthLimit,
} from "./edge-limits";
import { loadEnv } from "./env";
import { checkHealth } from "./health";
import { createWebhookHandler } from "./livekit-webhook";
import { redirectLoopbackAliases } from "./loopback-redirect";
import type { Logger } from "./observability/logger";
import { createMetrics, type Metrics } from "./observability/metrics";
import { metricsAccess } from "./observability/metrics-access";
import { sameOriginMutations } from "./same-origin";
import { securityHeaders } from "./security-headers";

const AUTH_ENDPOINTS = [
  ["POST", "/sign-in/magic-link"],
  ["GET", "/magic-link/verify"],
  ["POST", "/sign-out"],
  ["GET", "/get-session"],
] as const;

export interface AppDependencies {
  database: DatabaseHandle;
  livekit: LivekitContext;
  rooms: RoomServiceClient;
  /** Built SPA; when missing, only the API is served. */
  webDistDir: string;
  /** Where verified webhooks are stored; shared with the attendance worker (made here when absent). */
  webhookInbox?: WebhookInbox;
  /** Wakes the attendance worker after a webhook is stored. */
  onWebhookStored?: () => void;
  auth: Auth;
  mailer: Mailer;
  /** The local SMTP sink when no SMTP_URL is set; enables the dev outbox. */
  mailSink: SmtpSink | null;
  /** Origin people reach Reeks on (PUBLIC_URL or the listening address). */
  publicUrl: string;
  /** ORGANIZER address in calendar feeds (the address of MAIL_FROM). */
  organizerEmail?: string;
  /** Per-request and per-client limits; the defaults of env.ts when absent. */
  limits?: ApiLimits;
  /**
   * PUBLIC_URL was not given, so publicUrl is a loopback address: the other loopback spellings of it
   * redirect there (see loopback-redirect.ts).
   */
  redirectLoopbackAliases?: boolean;
  /** Where failures are logged; console when absent (tests). */
  logger?: Pick<Logger, "error">;
  /** The instance's metrics (made here when absent). */
  metrics?: Metrics;
  /** Bearer token for /metrics from other machines (METRICS_TOKEN); without it loopback only. */
  metricsToken?: string;
}

/** Subscriptions (SSE) stay open for as long as the page does; they must not hold a work slot. */
export const STREAM_PATHS = new Set(
  // tRPC keeps every procedure under its dotted path here (the type says nested; the record is flat).
  Object.entries(appRouter._def.procedures as Record<string, unknown>)
    .filter(([, procedure]) => (procedure as { _def?: { type?: string } })._def?.type === "subscription")
    .map(([path]) => `/api/trpc/${path}`),
);

export function createApp(deps: AppDependencies): Hono {
  const app = new Hono();
  const accounts = accountServices(deps.auth, { mailer: deps.mailer, publicUrl: deps.publicUrl });
  const limits = deps.limits ?? apiLimitsOf(loadEnv({}));

  // Before every other middleware: LiveKit waits for this answer (and drops what queues behind it).
  // The handler reads the raw Node request and has its own size limit; the middleware below would
  // turn each call into a fetch Request first, which cost as much as storing the event.
  app.post(
    "/livekit/webhook",
    createWebhookHandler(deps.livekit.connection, {
      inbox: deps.webhookInbox ?? createWebhookInbox(deps.database.db),
      ...(deps.onWebhookStored ? { onStored: deps.onWebhookStored } : {}),
    }),
  );

  // Logos get a stricter policy than pages: nothing may run or load. Set after the general headers
  // (which this middleware wraps), so theirs cannot replace it.
  app.use("/logos/*", async (c, next) => {
    await next();
    c.res.headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
  });
  app.use("*", resolveClientAddress(limits.trustedProxies));
  app.use("*", securityHeaders({ publicUrl: deps.publicUrl, livekitPublicUrl: deps.livekit.publicUrl }));
  app.use("*", urlLengthLimit(limits.maxUrlLength));
  app.use("*", requestBodyLimit(limits.maxBodyBytes));

  // Liveness: the process answers. Cheap, and never 503 for an outage of a dependency, so that a
  // supervisor does not restart an app that is waiting for its database to come back.
  app.get("/healthz", (c) => c.json({ status: "ok" }));

  // Readiness: whether this instance can serve people now (for a load balancer, or a deploy script).
  app.get("/readyz", async (c) => {
    const [report, migrations] = await Promise.all([
      checkHealth(deps.database, deps.rooms),
      migrationStatus(deps.database).catch(() => null),
    ]);
    const reasons = report.reason ? [report.reason] : [];
    // Unknown (the database is away) is already said above; pending means a newer version has to start.
    if (migrations && migrations.pending > 0) reasons.push(`${migrations.pending} migrations not applied`);
    const ready = report.status === "ok" && migrations !== null && migrations.pending === 0;
    return c.json(
      {
        ...report,
        status: ready ? "ok" : "error",
        migrations: migrations === null ? "unknown" : migrations.pending === 0 ? "applied" : "pending",
        ...(reasons.length > 0 ? { reason: reasons.join("; ") } : {}),
      },
      ready ? 200 : 503,
    );
  });

  const metrics = deps.metrics ?? createMetrics(deps.database);
  app.get("/metrics", metricsAccess(deps.metricsToken), async (c) => {
    c.header("Content-Type", metrics.contentType);
    c.header("Cache-Control", "no-store");
    return c.body(await metrics.render());
  });

  if (deps.redirectLoopbackAliases) app.use("*", redirectLoopbackAliases(deps.publicUrl));

  // Per client, each call counted; not the webhook (LiveKit is one client sending for everyone) nor
  // the probes (monitoring must see the truth when the app is busy).
  const rateLimit = apiRateLimit(limits.ratePerMinute);
  app.use("/calendar/*", rateLimit);

  // A person's private calendar feed (webcal): the unguessable token in the path is the only key.
  app.get("/calendar/:file{[A-Za-z0-9_-]+\\.ics}", async (c) => {
    const token = c.req.param("file").replace(/\.ics$/, "");
    const ics = await scheduling.calendarFeedForToken(deps.database.db, token, {
      appUrl: deps.publicUrl,
      organizerEmail: deps.organizerEmail ?? "noreply@reeks.localhost",
    });
    if (ics === null) return c.text("Not found", 404);
    c.header("Content-Type", "text/calendar; charset=utf-8");
    c.header("Cache-Control", "private, no-cache");
    return c.body(ics);
  });

  // One session of that feed as a file to open ("add to calendar"), under the same key.
  app.get(
    "/calendar/:token{[A-Za-z0-9_-]+}/:file{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.ics}",
    async (c) => {
      // The pattern is the uuid's shape, so the database never sees anything it would refuse.
      const sessionId = c.req.param("file").replace(/\.ics$/, "");
      const ics = await scheduling.calendarFeedForToken(
        deps.database.db,
        c.req.param("token"),
        { appUrl: deps.publicUrl, organizerEmail: deps.organizerEmail ?? "noreply@reeks.localhost" },
        { sessionId },
      );
      if (ics === null) return c.text("Not found", 404);
      c.header("Content-Type", "text/calendar; charset=utf-8");
      c.header("Content-Disposition", 'attachment; filename="reeks-sessie.ics"');
      c.header("Cache-Control", "private, no-cache");
      return c.body(ics);
    },
  );

  // A series' logo: always a PNG (uploaded SVGs are rasterised), and served so that even a crafted
  // file could never run: its own type, no sniffing, a CSP that allows nothing, sandboxed.
  app.use("/logos/*", rateLimit);
  app.get("/logos/:file{[0-9a-f-]{36}\\.png}", async (c) => {
    const seriesId = c.req.param("file").replace(/\.png$/, "");
    const logo = await logoOf(deps.database.db, seriesId);
    if (!logo) return c.text("Not found", 404);
    c.header("Content-Type", "image/png");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Content-Disposition", "inline; filename=logo.png");
    c.header("Cache-Control", "public, max-age=300");
    return c.body(Buffer.from(logo.png));
  });

  // An external captioning service posts here with the feed's token (no cookies, so no CSRF to stop:
  // a captioner's web tool on its own origin may post too). Before the per-client API limit: the feed
  // has its own, per feed, and 10 lines a second would exceed the per-client one.
  app.post("/api/captions/:token?", (c) =>
    handleCaptionFeedPost(c.req.raw, c.req.param("token") ?? null, { db: deps.database.db }),
  );

  // Every state-changing API call must come from our own pages (CSRF), tRPC and better-auth alike.
  app.use("/api/*", sameOriginMutations([new URL(deps.publicUrl).origin]));
  app.use("/api/*", batchSizeLimit(limits.maxBatchSize));
  app.use("/api/*", rateLimit);
  app.use(
    "/api/*",
    concurrencyGate(
      limits.maxConcurrent,
      limits.maxQueued,
      (c) => c.req.method === "GET" && STREAM_PATHS.has(c.req.path),
    ).middleware,
  );

  app.post("/api/auth/sign-in/magic-link", rateLimitSignIn(deps.database.db));
  // Only the endpoints Reeks uses. better-auth has more (e.g. update-user, which would let a person
  // set a name past our validation); sessions, data and erasure go through tRPC instead.
  for (const [method, path] of AUTH_ENDPOINTS) {
    app.on(method, `/api/auth${path}`, (c) => deps.auth.handler(c.req.raw));
  }

  if (deps.mailSink) mountDevOutbox(app, deps.mailSink);

  /** The tRPC context of a request; remembers a refreshed session cookie to send back. */
  function requestContext(c: Context) {
    const cookies: string[] = [];
    return {
      cookies,
      async create() {
        const session = await resolveSession(deps.auth, deps.database.db, c.req.raw.headers).catch(
          (error: unknown) => {
            // Before the context exists the errorFormatter has no locale: answer in the request's.
            if (isDatabaseUnavailable(error))
              throw databaseUnavailableError(localeFromHeaders(c.req.raw.headers));
            throw error;
          },
        );
        cookies.push(...(session?.setCookies ?? []));
        return createContext({
          database: deps.database,
          livekit: deps.livekit,
          headers: c.req.raw.headers,
          actor: session ? { personId: session.personId, sessionId: session.sessionId } : null,
          accounts,
          clientAddress: clientAddress(c),
        });
      },
    };
  }

  // The room's live stream, served by the instance's broadcaster in tRPC's SSE format; whatever it
  // does not serve (not allowed, bad input) falls through to tRPC below.
  app.get("/api/trpc/capture.live", async (c, next) => {
    const response = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
    if (!response) return next();
    const context = requestContext(c);
    const served = await serveSessionStream({
      url: new URL(c.req.url),
      headers: c.req.raw.headers,
      response,
      createContext: context.create,
      // Written straight to the socket, past securityHeaders; a stream is no document, nosniff suffices.
      extraHeaders: () => ({
        "x-content-type-options": "nosniff",
        ...(context.cookies.length > 0 ? { "set-cookie": context.cookies } : {}),
      }),
    });
    return served ? RESPONSE_ALREADY_SENT : next();
  });

  app.all("/api/trpc/*", async (c) => {
    const context = requestContext(c);
    const response = await fetchRequestHandler<AppRouter>({
      endpoint: "/api/trpc",
      req: c.req.raw,
      router: appRouter,
      createContext: context.create,
      // Also checked in front (batchSizeLimit, in the person's language); this is the backstop.
      maxBatchSize: limits.maxBatchSize,
      onError: ({ error, path }) => {
        // An outage is logged once by the background loops, not once per request.
        if (error.code === "INTERNAL_SERVER_ERROR" && !isDatabaseUnavailable(error)) {
          const line = `tRPC ${path ?? "?"} failed: ${loggableError(error)}`;
          if (deps.logger) deps.logger.error(line);
          else console.error(line);
        }
      },
    });
    for (const cookie of context.cookies) response.headers.append("set-cookie", cookie);
    return response;
  });

  // Unknown API paths are 404 JSON, not the SPA shell.
  app.all("/api/*", (c) => c.json({ error: { code: "NOT_FOUND" } }, 404));

  const indexHtml = join(deps.webDistDir, "index.html");
  if (existsSync(indexHtml)) {
    const root = relative(process.cwd(), deps.webDistDir) || ".";
    app.use(
      "/assets/*",
      serveStatic({
        root,
        onFound: (_path, c) => {
          // Vite puts a content hash in every asset name, so they never change.
          c.header("Cache-Control", "public, max-age=31536000, immutable");
        },
      }),
    );
    app.use("*", serveStatic({ root }));
    // Client-side routes: every other GET gets the SPA shell.
    app.get("*", async (c) => {
      c.header("Cache-Control", "no-cache");
      return c.html(await readFile(indexHtml, "utf8"));
    });
  }
  return app;
}
