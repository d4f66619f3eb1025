export { type Access, type Actor, ROLE_RANK, roleAtLeast } from "./access";
export { bootstrapOrganiser, purgeExpiredSeries, purgeUnconfirmedRegistrations } from "./accounts";
export { type AuditRecord, recordAudit } from "./audit";
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
export type { FieldErrors } from "./errors";
export { LiveHub, liveHubFor } from "./live";
export { type MessageKey, serverMessage } from "./messages";
export {
  hitRateLimit,
  pruneRateLimits,
  RATE_LIMITS,
  type RateLimitResult,
  type RateLimitRule,
} from "./rate-limit";
export { type AppRouter, appRouter, type RouterInputs, type RouterOutputs } from "./root";
export * as scheduling from "./scheduling";
export {
  authedProcedure,
  createCallerFactory,
  createTRPCRouter,
  type Meta,
  memberProcedure,
  moderatorProcedure,
  organiserProcedure,
  publicProcedure,
  speakerProcedure,
} from "./trpc";
