export { type AxeViolation, axeViolations, CHROMIUM_PATH, launchChromium } from "./browser";
export { testLivekit } from "./livekit-env";
export { startTestServer } from "./server";
