export { createApp } from "./app";
export { type Env, loadEnv } from "./env";
export { type RunningReeks, startReeks } from "./server";
export { createTestApp } from "./test-app";
