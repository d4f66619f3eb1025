import type { AddressInfo } from "node:net";
import { type HttpBindings, serve } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { DatabaseHandle } from "@reeks/db";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type Context, Hono } from "hono";
import {
  type AppRouter,
  appRouter,
  createContext,
  handleCaptionFeedPost,
  serveSessionStream,
} from "../index";
import { fakeLivekit } from "./worlds";

/** The header that names the acting person on a test API instance (stands in for a signed-in session). */
export const TEST_PERSON_HEADER = "x-reeks-test-person";

export interface ApiInstance {
  url: string;
  /** Drops every open connection, as a crashing proxy or a network hiccup would. */
  dropConnections(): void;
  stop(): Promise<void>;
}

/**
 * One API instance (the tRPC endpoint over HTTP, SSE included) on its own port, for tests and
 * benchmarks that need several instances on one database (a thousand subscribers need no thousand
 * sign-ins). Who is acting comes from a header, which only this test helper trusts: the real app
 * (createApp) resolves people from their session cookie.
 */
export async function startApiInstance(
  database: DatabaseHandle,
  /** `liveBroadcast: false` leaves `capture.live` to tRPC alone, to compare the two. */
  options: { liveBroadcast?: boolean } = {},
): Promise<ApiInstance> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  const contextOf = (c: Context) => () => {
    const personId = c.req.header(TEST_PERSON_HEADER);
    return createContext({
      database,
      livekit: fakeLivekit,
      headers: c.req.raw.headers,
      actor: personId ? { personId } : null,
    });
  };
  // As in the real app: the room's live stream goes through the instance's broadcaster.
  app.get("/api/trpc/capture.live", async (c, next) => {
    if (options.liveBroadcast === false) return next();
    const served = await serveSessionStream({
      url: new URL(c.req.url),
      headers: c.req.raw.headers,
      response: c.env.outgoing,
      createContext: contextOf(c),
    });
    return served ? RESPONSE_ALREADY_SENT : next();
  });
  // As in the real app: an external captioning service posts with the feed's token.
  app.post("/api/captions/:token?", (c) =>
    handleCaptionFeedPost(c.req.raw, c.req.param("token") ?? null, { db: database.db }),
  );
  app.all("/api/trpc/*", (c) =>
    fetchRequestHandler<AppRouter>({
      endpoint: "/api/trpc",
      req: c.req.raw,
      router: appRouter,
      createContext: contextOf(c),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error);
      },
    }),
  );
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const http = server as import("node:http").Server;
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    dropConnections: () => http.closeAllConnections(),
    stop: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
