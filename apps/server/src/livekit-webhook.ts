import type { WebhookInbox } from "@reeks/api";
import { inboxEventOf } from "@reeks/api";
import {
  createWebhookVerifier,
  type LivekitConnection,
  type VerifiedWebhook,
  WebhookSignatureError,
} from "@reeks/livekit";
import type { Context } from "hono";

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
  const verify = createWebhookVerifier(connection.apiKey, connection.apiSecret);
  return async (c: Context) => {
    const body = await c.req.text();
    let event: VerifiedWebhook;
    try {
      event = verify(body, c.req.header("Authorization") ?? undefined);
    } catch (error) {
      if (error instanceof WebhookSignatureError) return c.json({ error: "invalid signature" }, 401);
      return c.json({ error: "unusable event" }, 400);
    }
    await options.inbox.store(inboxEventOf(event, body));
    options.onStored?.();
    return c.json({ received: true });
  };
}
