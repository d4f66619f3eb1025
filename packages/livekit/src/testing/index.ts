// Helpers for tests and benchmarks only: bots need @livekit/rtc-node, a dev dependency.
export { type Bot, joinBot } from "./bots";
export { signWebhook } from "./webhooks";
