// Test fixtures at the API layer, on top of `@reeks/db/testing`: callers acting as someone, the
// demo-series worlds of the capture and room tests, and API instances over HTTP.
export { type ApiInstance, startApiInstance, TEST_PERSON_HEADER } from "./api-instance";
export { insertCaptionLines, type TestCaptionLine } from "./captions";
export { trpcClientFor } from "./trpc-client";
export {
  type CaptureWorld,
  callerFor,
  captureWorld,
  createRoomFixture,
  errorOf,
  fakeLivekit,
  setSessionStatus,
} from "./worlds";
