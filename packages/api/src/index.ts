export { type Access, type Actor, ROLE_RANK, roleAtLeast } from "./access";
export { type AuditRecord, recordAudit } from "./audit";
export {
  type Context,
  type ContextInner,
  createContext,
  createContextInner,
  type LivekitContext,
  localeFromHeaders,
} from "./context";
export type { FieldErrors } from "./errors";
export { type AssembleOptions, assembleSeriesExport } from "./exports/assemble";
export { type CapturedDataReaders, capturedDataReaders } from "./exports/captured-data";
export { type SeriesDashboard, seriesDashboard } from "./exports/dashboard";
export { type AppRouter, appRouter, type RouterInputs, type RouterOutputs } from "./root";
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
