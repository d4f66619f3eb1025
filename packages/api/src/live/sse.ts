/**
 * The SSE wire format of tRPC v11 subscriptions (what `httpSubscriptionLink` reads), written out so
 * that a stream served without tRPC's per-subscriber machinery is the same stream, byte for byte.
 * Kept next to the options tRPC itself is configured with, so the two cannot drift apart.
 */

/** Pings keep proxies from closing quiet streams; the client reconnects (with its last event id)
 * when it has heard nothing for a while. */
export const LIVE_SSE_OPTIONS = {
  ping: { enabled: true, intervalMs: 15_000 },
  client: { reconnectAfterInactivityMs: 40_000 },
} as const;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
} as const;

// tRPC ends every event with "\n\n" after its last field line, so events are separated by two
// blank lines; EventSource reads that the same as one.
export const CONNECTED_FRAME = `event: connected\ndata: ${JSON.stringify(LIVE_SSE_OPTIONS.client)}\n\n\n`;
export const PING_FRAME = "event: ping\ndata: \n\n\n";

/** A tracked event: the client hands `id` back as its resume point when it reconnects. */
export function dataFrame(id: string, value: unknown): string {
  return `data: ${JSON.stringify(value)}\nid: ${id}\n\n\n`;
}
