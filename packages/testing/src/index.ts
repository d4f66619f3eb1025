export { type ApiInstance, startApiInstance, TEST_PERSON_HEADER } from "./api-instance";
export {
  type AxeViolation,
  axeViolations,
  CHROMIUM_PATH,
  type LaunchChromiumOptions,
  launchChromium,
  recordCspViolations,
} from "./browser";
export { testLivekit } from "./livekit-env";
export { addParticipant, createParticipant, createPerson } from "./people";
export { startTestServer } from "./server";
export { extractSignInLink, requestSignInLink, signInBrowser, signInCookie, signInCookies } from "./sign-in";
export { trpcClientFor } from "./trpc-client";
