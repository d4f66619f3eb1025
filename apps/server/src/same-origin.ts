import { localeFromHeaders, serverMessage } from "@reeks/api";
import type { MiddlewareHandler } from "hono";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests that a browser sent on behalf of another site (CSRF), using Fetch
 * Metadata where the browser sends it and the Origin header otherwise. Requests with neither come from
 * non-browser clients, which do not carry a victim's cookies, so they pass. Covers tRPC mutations and
 * better-auth's endpoints alike (better-auth checks Origin itself too; two locks are fine).
 */
export function sameOriginMutations(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header("sec-fetch-site");
    const origin = c.req.header("origin");
    const crossSite = site ? site !== "same-origin" : origin ? !allowed.has(origin) : false;
    if (crossSite) {
      const locale = localeFromHeaders(c.req.raw.headers);
      return c.json({ error: { code: "FORBIDDEN", message: serverMessage("crossSite", locale) } }, 403);
    }
    return next();
  };
}
