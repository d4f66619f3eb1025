import type { MiddlewareHandler } from "hono";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Without PUBLIC_URL, Reeks is reached on the machine itself, as http://localhost:3000 or as
 * http://127.0.0.1:3000: two origins to a browser, with their own cookies. Sign-in only works on the
 * one links and origin checks name, so a page asked for on the other spelling is redirected there.
 * One origin keeps everything else simple: cookies, mailed links, our CSRF check and better-auth's
 * trusted origins all agree without a list of aliases. Only loopback spellings on the same port move;
 * any other host is left alone (that is what PUBLIC_URL is for).
 */
export function redirectLoopbackAliases(publicUrl: string): MiddlewareHandler {
  const canonical = new URL(publicUrl);
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    const url = new URL(c.req.url);
    if (url.host === canonical.host || url.port !== canonical.port) return next();
    if (!LOOPBACK_HOSTS.has(url.hostname)) return next();
    return c.redirect(`${canonical.origin}${url.pathname}${url.search}`, 308);
  };
}
