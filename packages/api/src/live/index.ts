export { LiveHub, latestEventId, liveHubFor, readEventsAfter } from "./hub";
export { LIVE_CHANNEL, type LiveEventInput, type LiveEventRecord, publishLive } from "./publish";
export { liveStream, parseEventId } from "./stream";
