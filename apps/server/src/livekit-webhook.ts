import type { WebhookInbox } from "@reeks/api";
import { inboxEventOf } from "@reeks/api";
import type { LivekitConnection } from "@reeks/livekit";
import type { Context } from "hono";
import { WebhookReceiver } from "livekit-server-sdk";

export interface WebhookHandlerOptions {
  inbox: WebhookInbox;
  /** Called after an event is stored; processing happens later, outside the request. */
  onStored?: () => void;
}

/**
 * Receives LiveKit's webhooks. The signature (a JWT over the SHA-256 of the raw body) is checked
 * before anything else; an unsigned, tampered or expired request is refused and nothing is stored.
 * A verified event is committed to the inbox and answered at once: LiveKit gives up on a
 * webhook after a few seconds and drops what queues up behind it.
 */
export function createWebhookHandler(connection: LivekitConnection, options: WebhookHandlerOptions) {
  const receiver = new WebhookReceiver(connection.apiKey, connection.apiSecret);
  return async (c: Context) => {
    const body = await c.req.text();
    let event: Awaited<ReturnType<WebhookReceiver["receive"]>>;
    try {
      // No clock tolerance beyond the library's default: an expired signature is refused.
      event = await receiver.receive(body, c.req.header("Authorization") ?? undefined);
    } catch {
      return c.json({ error: "invalid signature" }, 401);
    }
    if (!event.id || !event.event) return c.json({ error: "event without id" }, 400);
    await options.inbox.store(inboxEventOf(event, body));
    options.onStored?.();
    return c.json({ received: true });
  };
}
