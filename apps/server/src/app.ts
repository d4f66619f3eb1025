import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import {
  type AppRouter,
  appRouter,
  createContext,
  createWebhookInbox,
  type LivekitContext,
  type WebhookInbox,
} from "@reeks/api";
import type { DatabaseHandle } from "@reeks/db";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { Hono } from "hono";
import type { RoomServiceClient } from "livekit-server-sdk";
import { checkHealth } from "./health";
import { createWebhookHandler } from "./livekit-webhook";

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
}

export function createApp(deps: AppDependencies): Hono {
  const app = new Hono();

  app.get("/healthz", async (c) => {
    const report = await checkHealth(deps.database, deps.rooms);
    return c.json(report, report.status === "ok" ? 200 : 503);
  });

  app.post(
    "/livekit/webhook",
    createWebhookHandler(deps.livekit.connection, {
      inbox: deps.webhookInbox ?? createWebhookInbox(deps.database.db),
      ...(deps.onWebhookStored ? { onStored: deps.onWebhookStored } : {}),
    }),
  );

  app.all("/api/trpc/*", (c) =>
    fetchRequestHandler<AppRouter>({
      endpoint: "/api/trpc",
      req: c.req.raw,
      router: appRouter,
      createContext: () =>
        createContext({
          database: deps.database,
          livekit: deps.livekit,
          headers: c.req.raw.headers,
          // Accounts (issue 3) resolve the session cookie here.
          actor: null,
        }),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error);
      },
    }),
  );

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
