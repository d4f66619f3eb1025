import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { Logger } from "./logger";
import type { Metrics } from "./metrics";

type Incoming = IncomingMessage | Http2ServerRequest;
type Outgoing = ServerResponse | Http2ServerResponse;

/** An id a proxy (Caddy, a load balancer) already gave the request is kept, if it looks like one. */
const GIVEN_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** What a client waits before reconnecting to a stream this instance closed on shutdown. */
export const SHUTDOWN_RETRY_MS = 1_000;

/**
 * The route a path belongs to, with the variable parts replaced, for metrics and logs. Bounded:
 * a batch of tRPC calls is one label, unknown paths are the SPA's, and secrets in paths (calendar
 * feed tokens) never reach a label or a log line.
 */
export function routeTemplate(path: string): string {
  if (path.startsWith("/api/trpc/")) {
    const procedures = path.slice("/api/trpc/".length);
    if (procedures.includes(",")) return "/api/trpc/(batch)";
    return /^[A-Za-z0-9.]{1,100}$/.test(procedures) ? path : "/api/trpc/(unknown)";
  }
  if (path.startsWith("/api/auth/"))
    return /^\/api\/auth\/[a-z/-]{1,60}$/.test(path) ? path : "/api/auth/(unknown)";
  if (path.startsWith("/api/dev/")) return "/api/dev/*";
  if (path.startsWith("/api/")) return "/api/(unknown)";
  if (path.startsWith("/calendar/")) return "/calendar/:file";
  if (path.startsWith("/assets/")) return "/assets/*";
  if (["/healthz", "/readyz", "/metrics", "/livekit/webhook"].includes(path)) return path;
  if (path.startsWith("/dev/")) return "/dev/*";
  return "/*";
}

/** Probes and scrapes come every few seconds: kept out of the info log. */
const QUIET_ROUTES = new Set(["/healthz", "/readyz", "/metrics"]);

export interface RequestTracker {
  /** Call first for every request; returns the request id. */
  track(incoming: Incoming, outgoing: Outgoing): string;
  /**
   * Shutdown, after the server stopped accepting: ends every live stream with a `retry:` hint (the
   * browser reconnects, to the next instance or to this one restarted) and waits for the other
   * requests in flight, at most `timeoutMs`. Resolves with how many were still running then.
   */
  drain(timeoutMs: number): Promise<number>;
}

export function createRequestTracker(options: {
  logger: Logger;
  metrics: Metrics;
  isStream: (method: string, path: string) => boolean;
}): RequestTracker {
  const { logger, metrics } = options;
  const inFlight = new Set<Outgoing>();
  const streams = new Set<Outgoing>();
  let idle: (() => void) | null = null;

  return {
    track(incoming, outgoing) {
      const started = performance.now();
      const given = incoming.headers["x-request-id"];
      const id = typeof given === "string" && GIVEN_REQUEST_ID.test(given) ? given : randomUUID();
      outgoing.setHeader("x-request-id", id);
      const method = incoming.method ?? "GET";
      // The query is never logged: magic-link tokens travel in it.
      const path = (incoming.url ?? "/").split("?")[0] ?? "/";
      const route = routeTemplate(path);
      const stream = options.isStream(method, path);
      if (stream) {
        streams.add(outgoing);
        metrics.streamOpened(route);
      } else {
        inFlight.add(outgoing);
      }
      outgoing.once("close", () => {
        const ms = Math.round((performance.now() - started) * 10) / 10;
        const status = outgoing.statusCode;
        if (stream) {
          streams.delete(outgoing);
          metrics.streamClosed(route);
        } else {
          inFlight.delete(outgoing);
          metrics.observeRequest({ route, method, status }, ms / 1000);
          if (inFlight.size === 0) idle?.();
        }
        const line = {
          reqId: id,
          method,
          route,
          status,
          ms,
          ...(outgoing.writableFinished ? {} : { aborted: true }),
        };
        if (QUIET_ROUTES.has(route)) logger.debug(line, "request");
        else if (status >= 500) logger.warn(line, "request");
        else logger.info(line, "request");
      });
      return id;
    },
    async drain(timeoutMs) {
      for (const stream of streams) {
        // Whole frames only are ever written, so this starts at a frame boundary.
        if (!stream.writableEnded) stream.end(`retry: ${SHUTDOWN_RETRY_MS}\n\n`);
      }
      if (inFlight.size === 0) return 0;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      return inFlight.size;
    },
  };
}
