import { hitRateLimit, localeFromHeaders, RATE_LIMITS, serverMessage } from "@reeks/api";
import type { Database } from "@reeks/db";
import type { Context, MiddlewareHandler } from "hono";
import { clientAddress } from "./client-address";

/**
 * Database-backed limits on asking for a sign-in link, per address and per client, checked before
 * better-auth sees the request. Over the limit: 429 with Retry-After and a message in the person's
 * language.
 */
export function rateLimitSignIn(db: Database): MiddlewareHandler {
  return async (c, next) => {
    const body = (await c.req.raw
      .clone()
      .json()
      .catch(() => null)) as { email?: unknown } | null;
    const email = typeof body?.email === "string" ? body.email.trim().toLowerCase().slice(0, 320) : "";
    const checks = [hitRateLimit(db, `sign-in:client:${clientAddress(c)}`, RATE_LIMITS.signInPerClient)];
    if (email) checks.push(hitRateLimit(db, `sign-in:email:${email}`, RATE_LIMITS.signInPerEmail));
    const results = await Promise.all(checks);
    const refused = results.find((r) => !r.allowed);
    if (refused) return tooManyRequests(c, refused.retryAfterSeconds);
    return next();
  };
}

export function tooManyRequests(c: Context, retryAfterSeconds: number) {
  const locale = localeFromHeaders(c.req.raw.headers);
  c.header("Retry-After", String(retryAfterSeconds));
  return c.json(
    {
      code: "RATE_LIMITED",
      message: serverMessage("rateLimited", locale, { minutes: Math.ceil(retryAfterSeconds / 60) }),
    },
    429,
  );
}
