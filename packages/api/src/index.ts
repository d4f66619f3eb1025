// @reeks/api: the tRPC API of Reeks and the domain services behind it.
// Layering: models ← db ← api ← server; the web app imports only @reeks/models and `import type` from @reeks/api.
// Shape: trpc.ts builds the procedures, each carrying its checked scope (ctx.db, ctx.actor, the session
// or series) → router/<domain>.ts, thin one-liners → <capability>/<verb>.ts services (accounts,
// scheduling, rooms, capture, exports) taking (db, input, actor) or one options object. Services throw
// DomainError with a key of the one nl/en catalogue (messages.ts), mapped to tRPC codes once in the
// error formatter (trpc.ts); audited writes go through withAudit; live events go out through
// publishCapture/publishItem into the live log (live/), which every instance streams to its
// subscribers. Test fixtures: @reeks/api/testing.
export { type Access, ROLE_RANK, roleAtLeast, type SignedIn } from "./access";
export {
  bootstrapOrganiser,
  claimSetupLink,
  issueSetupLink,
  makeFirstAdministrator,
  purgeExpiredSeries,
  purgeUnconfirmedRegistrations,
  SEAT_FREED_JOB,
  SETUP_LINK_TTL_MS,
  SETUP_PATH,
  seatJobHandlers,
  setupLinkState,
} from "./accounts";
export type { Actor, SessionActor } from "./actor";
export { type AuditRecord, recordAudit, withAudit } from "./audit";
export { advanceSeriesLifecycle, logoOf, makeAdministrator, rasteriseSvg } from "./authoring";
export { closeExpiredRounds } from "./breakout/records";
export {
  CAPTION_FEED_RATE,
  type CaptionFeedEndpointOptions,
  handleCaptionFeedPost,
} from "./captions/feed-endpoint";
export { type SessionStreamRequest, serveSessionStream } from "./capture/session-stream";
export {
  type AccountServices,
  type Context,
  type ContextInner,
  createContext,
  createContextInner,
  type LivekitContext,
  localeFromHeaders,
  type SignInLinkPurpose,
} from "./context";
export { databaseUnavailableError } from "./database-unavailable";
export {
  DomainError,
  type DomainErrorCode,
  type DomainErrorOptions,
  fieldError,
  messageOf,
} from "./domain-error";
export type { FieldErrors } from "./errors";
export { type AssembleOptions, assembleSeriesExport } from "./exports/assemble";
export { type CapturedDataReaders, capturedDataReaders } from "./exports/captured-data";
export { type SeriesDashboard, seriesDashboard } from "./exports/dashboard";
export { LIVE_CHANNEL, LiveHub, liveHubFor } from "./live";
export {
  LIVE_EVENT_PRUNE_JOB,
  liveEventRetentionHandlers,
  pruneLiveEvents,
  scheduleLiveEventPruning,
} from "./live/retention";
export { type MessageKey, type MessageParams, serverMessage } from "./messages";
export {
  hitRateLimit,
  pruneRateLimits,
  RATE_LIMITS,
  type RateLimitResult,
  type RateLimitRule,
} from "./rate-limit";
export {
  type AttendanceRow,
  listAttendance,
  liveAttendanceCount,
  recomputeAttendance,
  recomputeSeats,
} from "./rooms/attendance";
export { type AttendanceWorker, startAttendanceWorker } from "./rooms/attendance-worker";
export { mergeConnections, RECONNECT_GRACE_MS } from "./rooms/merge-connections";
export { reconcileSession } from "./rooms/reconcile";
export { ensureSeat } from "./rooms/seats";
export { issueRoomToken, type JoinAnswer } from "./rooms/tokens";
export {
  type InboxEvent,
  inboxEventOf,
  inboxEventProblem,
  pendingWebhookCount,
  processWebhookBatch,
  storeWebhookEvents,
} from "./rooms/webhook-events";
export { createWebhookInbox, type WebhookInbox, type WebhookInboxMetrics } from "./rooms/webhook-inbox";
export { type AppRouter, appRouter, type RouterInputs, type RouterOutputs } from "./root";
export * as scheduling from "./scheduling";
export {
  administratorProcedure,
  authedProcedure,
  createCallerFactory,
  createTRPCRouter,
  type Meta,
  publicProcedure,
  seriesMemberProcedure,
  seriesOrganiserProcedure,
  seriesProcedure,
  sessionMemberProcedure,
  sessionModeratorProcedure,
  sessionOrganiserProcedure,
  sessionProcedure,
} from "./trpc";
