export { type ApiInstance, startApiInstance, TEST_PERSON_HEADER } from "./api-instance";
export { type AxeViolation, axeViolations, CHROMIUM_PATH, launchChromium } from "./browser";
export { testLivekit } from "./livekit-env";
export { startTestServer } from "./server";
export { trpcClientFor } from "./trpc-client";
