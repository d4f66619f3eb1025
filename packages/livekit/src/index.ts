// @reeks/livekit: everything about livekit-server: the binary and its dev config, the server process,
// tokens per role, the RoomService client and webhook verification. Depends on no Reeks package.
// Layering: models ← db ← api ← server; the web app imports only @reeks/models and `import type` from @reeks/api.
export {
  cachedBinaryPath,
  defaultCacheDir,
  ensureLivekitBinary,
  LIVEKIT_SERVER_TAG,
  LivekitUnavailableError,
} from "./binary";
export {
  DEFAULT_PORTS,
  type DevServerPorts,
  type ProductionServerConfig,
  renderDevConfig,
  renderProductionConfig,
  type TurnConfig,
} from "./config";
export { httpUrlOf, type LivekitConnection } from "./connection";
export {
  mintRoomToken,
  ROOM_TOKEN_TTL_SECONDS,
  type RoomTokenRequest,
  roomGrant,
  STAGE_SOURCES,
  stagePermission,
} from "./room-tokens";
export { createRoomService, livekitIsHealthy } from "./rooms";
export {
  type LivekitKeys,
  loadOrCreateKeys,
  processIsAlive,
  type RunningLivekit,
  readUndeliveredLeaves,
  type StartLivekitOptions,
  startLivekitServer,
  type UndeliveredLeave,
} from "./server-process";
export {
  CONNECTION_TEST_TTL_SECONDS,
  type MintedToken,
  mintConnectionTestToken,
  newConnectionTestRoom,
  newOpaqueIdentity,
} from "./tokens";
export {
  createWebhookVerifier,
  readWebhookBody,
  type VerifiedWebhook,
  WebhookBodyError,
  WebhookSignatureError,
} from "./webhooks";
