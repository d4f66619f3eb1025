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
export { ensureSeat, issueRoomToken, ROOM_SIGNAL_TOPIC } from "./rooms/room-service";
export {
  type InboxEvent,
  inboxEventOf,
  pendingWebhookCount,
  processWebhookBatch,
  storeWebhookEvents,
} from "./rooms/webhook-events";
export { createWebhookInbox, type WebhookInbox } from "./rooms/webhook-inbox";
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
