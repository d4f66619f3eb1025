import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Context } from "../context";
import { liveBroadcasterFor, SSE_HEADERS } from "../live";
import { appRouter } from "../root";
import { createCallerFactory } from "../trpc";
import { liveInput } from "./inputs";
import { type SessionStreamAccess, sessionLiveTarget } from "./live-target";

const createCaller = createCallerFactory(appRouter);

export interface SessionStreamRequest {
  /** The request URL: `/api/trpc/capture.live?input=…`, as httpSubscriptionLink sends it. */
  url: URL;
  headers: Headers;
  response: ServerResponse;
  createContext(): Promise<Context> | Context;
  /** Headers to add once the context exists (a refreshed session cookie, say). */
  extraHeaders?(): OutgoingHttpHeaders;
}

/**
 * Serves the `capture.live` subscription straight onto the Node response, through the instance's
 * LiveBroadcaster, in tRPC's own SSE format: the browser's httpSubscriptionLink cannot tell the
 * difference, but an event costs one frame for everyone who sees it alike instead of a generator and
 * a chain of web streams per subscriber.
 *
 * Authorization is the procedure's own (`capture.liveAccess` runs the same middleware as
 * `capture.live`). Anything this does not serve (bad input, not signed in, not allowed) returns
 * false, and tRPC then answers the request itself, in its own words.
 */
export async function serveSessionStream(request: SessionStreamRequest): Promise<boolean> {
  const input = readInput(request.url, request.headers);
  if (!input) return false;
  const ctx = await request.createContext();
  let access: SessionStreamAccess;
  try {
    access = await createCaller(ctx).capture.liveAccess({ sessionId: input.sessionId });
  } catch {
    return false;
  }
  const { response } = request;
  // Gone while it was being authorized: its close event has passed, so do not attach it.
  if (!response.socket || response.socket.destroyed) return true;
  response.writeHead(200, { ...SSE_HEADERS, ...request.extraHeaders?.() });
  await liveBroadcasterFor(ctx.database)
    .attach(response, sessionLiveTarget(access), input.lastEventId ?? null)
    .catch(() => {
      // attach has dropped the stream; the client reconnects and resumes from its last event id.
    });
  return true;
}

/** The subscription input, with the resume point EventSource sends when it reconnects (as tRPC reads it). */
function readInput(url: URL, headers: Headers) {
  let raw: unknown;
  try {
    raw = JSON.parse(url.searchParams.get("input") ?? "null");
  } catch {
    return null;
  }
  const lastEventId =
    headers.get("last-event-id") ??
    url.searchParams.get("lastEventId") ??
    url.searchParams.get("Last-Event-Id");
  if (lastEventId && typeof raw === "object" && raw !== null) raw = { ...raw, lastEventId };
  const parsed = liveInput.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
