export { type AxeViolation, axeViolations, CHROMIUM_PATH, launchChromium } from "./browser";
export { testLivekit } from "./livekit-env";
export { addParticipant, createParticipant, createPerson } from "./people";
export { startTestServer } from "./server";
export { extractSignInLink, requestSignInLink, signInBrowser, signInCookie } from "./sign-in";
