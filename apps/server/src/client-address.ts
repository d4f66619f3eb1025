import { isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";

const resolved = new WeakMap<Request, string>();

/** `::ffff:127.0.0.1` and `127.0.0.1` are one peer. */
function normalise(address: string): string {
  const trimmed = address.trim().toLowerCase();
  return trimmed.startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

function peerAddress(c: Context): string {
  try {
    return normalise(getConnInfo(c).remote.address ?? "unknown");
  } catch {
    return "unknown";
  }
}

/**
 * The client's address, as the per-client limits count it. Anyone can send `X-Forwarded-For`, so it
 * is read only from a peer listed in TRUSTED_PROXIES (Caddy on the same machine, in a `reeks setup`
 * install), and then from the right: the nearest address that is not itself a trusted proxy is the
 * one that proxy saw. Without trusted proxies it is the connecting peer, as before.
 */
export function resolveClientAddress(trustedProxies: readonly string[]): MiddlewareHandler {
  const trusted = new Set(trustedProxies.map(normalise));
  return async (c, next) => {
    const peer = peerAddress(c);
    let client = peer;
    if (trusted.has(peer)) {
      const hops = (c.req.header("x-forwarded-for") ?? "").split(",").map(normalise).filter(Boolean);
      for (let i = hops.length - 1; i >= 0; i--) {
        const hop = hops[i] ?? "";
        if (isIP(hop) === 0) break;
        client = hop;
        if (!trusted.has(hop)) break;
      }
    }
    resolved.set(c.req.raw, client);
    await next();
  };
}

/** The address of the client (see resolveClientAddress); the connecting peer where it did not run. */
export function clientAddress(c: Context): string {
  return resolved.get(c.req.raw) ?? peerAddress(c);
}

/** The connecting peer itself, whatever it forwards: for what only this machine may reach. */
export function peerOf(c: Context): string {
  return peerAddress(c);
}
