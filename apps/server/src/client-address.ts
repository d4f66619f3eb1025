import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The address of the connecting client. Behind a reverse proxy this is the proxy; Reeks does not trust
 * X-Forwarded-For, because anyone can send it: per-address limits still apply, per-client ones then
 * count the proxy as a whole.
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
