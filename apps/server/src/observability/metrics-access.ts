import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { peerOf } from "../client-address";

/** Headers a reverse proxy adds: a request carrying one came from elsewhere, whatever its address. */
const PROXY_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip", "via"];

function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may read /metrics: the numbers say how busy the series is and how the server is built, which
 * is nobody's business on the internet. Allowed are (1) a scraper on this machine, connecting over
 * loopback without going through the reverse proxy (the proxy also connects over loopback, but adds
 * its forwarding headers), and (2) anyone sending `Authorization: Bearer $METRICS_TOKEN`.
 * Everything else gets a plain 404, as if there were nothing.
 */
export function metricsAccess(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    const authorization = c.req.header("authorization") ?? "";
    if (token && authorization.startsWith("Bearer ") && sameToken(authorization.slice(7), token))
      return next();
    const proxied = PROXY_HEADERS.some((name) => c.req.header(name) !== undefined);
    if (!proxied && isLoopback(peerOf(c))) return next();
    return c.text("Not found", 404);
  };
}
