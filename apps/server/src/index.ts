// @reeks/server: the Node host. Boots env → database → migrate → seed → LiveKit → HTTP (tRPC from
// @reeks/api, auth, LiveKit webhooks, the SPA), runs the workers (mail jobs, attendance, maintenance), and
// the CLI. The top of the layering; nothing imports it but its tests (fixtures: @reeks/server/testing).
// Layering: models ← db ← api ← server; the web app imports only @reeks/models and `import type` from @reeks/api.
export { createApp } from "./app";
export { type Env, loadEnv } from "./env";
export { type RunningReeks, type StartOptions, startReeks } from "./server";
export { createTestApp } from "./test-app";
