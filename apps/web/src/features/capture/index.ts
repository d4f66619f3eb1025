/**
 * Live capture of a session's outcomes, questions, polls and notes. `CapturePanel` only needs a
 * session id: mount it in the live room's side panel (pass headingLevel={3} under an h2 there).
 */
export { CapturePanel } from "./CapturePanel";
export { SessionPage } from "./SessionPage";
export { ThemePage } from "./ThemePage";
export { useLiveStreamStarted, useSessionCapture } from "./use-session-capture";
