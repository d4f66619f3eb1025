import type { LivekitConnection } from "@reeks/livekit";
import type { Context } from "hono";
import { WebhookReceiver } from "livekit-server-sdk";

/**
 * Receives LiveKit's webhooks. The signature is checked on the raw body before anything else; an
 * unsigned or tampered request is refused.
 */
export function createWebhookHandler(connection: LivekitConnection) {
  const receiver = new WebhookReceiver(connection.apiKey, connection.apiSecret);
  return async (c: Context) => {
    const body = await c.req.text();
    try {
      await receiver.receive(body, c.req.header("Authorization") ?? undefined);
    } catch {
      return c.json({ error: "invalid signature" }, 401);
    }
    return c.json({ received: true });
  };
}
