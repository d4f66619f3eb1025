export { type FrameSink, LiveBroadcaster, type LiveTarget, liveBroadcasterFor } from "./broadcaster";
export { LiveHub, latestEventId, liveHubFor, readEventsAfter } from "./hub";
export { LIVE_CHANNEL, type LiveEventInput, type LiveEventRecord, publishLive } from "./publish";
export { LIVE_SSE_OPTIONS, SSE_HEADERS } from "./sse";
export { liveStream, parseEventId } from "./stream";
