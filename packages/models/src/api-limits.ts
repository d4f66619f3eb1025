/**
 * What the web client asks of the API per request. The server's limits (apps/server env) may not go
 * below these, so the app itself never runs into them.
 */
export const API_CLIENT_LIMITS = {
  /** tRPC calls in one batched request. */
  batchItems: 10,
  /** Length of a batched GET's URL, origin included; longer batches are split. */
  urlLength: 4_000,
} as const;
