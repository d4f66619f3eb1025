import type { IncomingMessage } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { WebhookInbox } from "@reeks/api";
import { inboxEventOf, inboxEventProblem } from "@reeks/api";
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

/** LiveKit's webhooks are a few kilobytes; anything far bigger is not one. */
const MAX_BODY_BYTES = 1 << 20;

class BodyTooLarge extends Error {}

/**
 * A signed event that can never be stored (kept in quarantine instead). A 4xx: LiveKit retries 5xx
 * and lost connections, not these, so it is not sent again and again.
 */
const UNUSABLE: [number, string] = [400, '{"error":"unusable event"}'];

/**
 * Receives LiveKit's webhooks. The signature (a JWT over the SHA-256 of the raw body) is checked
 * before anything else; an unsigned, tampered or expired request is refused and nothing is stored.
 * A signed event that cannot be stored (see inboxEventProblem) is quarantined on its own, so that it
 * cannot take the good events it arrived with down with it.
 * A verified event is committed to the inbox and answered at once: LiveKit gives up on a
 * webhook after a few seconds and drops what queues up behind it.
 *
 * On Node the body is read from, and the answer written to, the raw request and response: turning
 * them into fetch Request and Response objects cost about as much as storing the event.
 */
export function createWebhookHandler(connection: LivekitConnection, options: WebhookHandlerOptions) {
  const verify = createWebhookVerifier(connection.apiKey, connection.apiSecret);

  async function handle(body: string, authorization: string | undefined): Promise<[number, string]> {
    let event: VerifiedWebhook;
    try {
      event = verify(body, authorization);
    } catch (error) {
      if (error instanceof WebhookSignatureError) return [401, '{"error":"invalid signature"}'];
      await options.inbox.quarantine(body, error instanceof Error ? error.message : String(error));
      return UNUSABLE;
    }
    const inboxEvent = inboxEventOf(event, body);
    const problem = inboxEventProblem(inboxEvent);
    if (problem) {
      await options.inbox.quarantine(body, problem);
      return UNUSABLE;
    }
    await options.inbox.store(inboxEvent);
    options.onStored?.();
    return [200, '{"received":true}'];
  }

  return async (c: Context) => {
    const bindings = c.env as Partial<HttpBindings> | undefined;
    const { incoming, outgoing } = bindings ?? {};
    if (!incoming || !outgoing) {
      // Not on Node (app.request in tests): the same, through fetch objects.
      const [status, json] = await handle(await c.req.text(), c.req.header("Authorization"));
      return c.body(json, status as 200, { "Content-Type": "application/json" });
    }
    let body: string;
    try {
      body = await readBody(incoming);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      outgoing.writeHead(413, { "Content-Type": "application/json" }).end('{"error":"too large"}');
      return RESPONSE_ALREADY_SENT;
    }
    const [status, json] = await handle(body, incoming.headers.authorization);
    outgoing.writeHead(status, { "Content-Type": "application/json" }).end(json);
    return RESPONSE_ALREADY_SENT;
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
