// Test fixtures at the app layer: the whole app on a free port, and signing people in through the real
// magic-link flow. People come from `@reeks/db/testing`, infrastructure from `@reeks/testing`.
export { extractSignInLink, requestSignInLink, signInBrowser, signInCookie, signInCookies } from "./sign-in";
export { startTestServer, type TestServerOptions } from "./test-server";
