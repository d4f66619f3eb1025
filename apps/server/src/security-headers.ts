import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

export interface SecurityHeaderOptions {
  /** Origin people reach Reeks on; HSTS only when it is https. */
  publicUrl: string;
  /** The LiveKit URL browsers connect to (ws:// or wss://). */
  livekitPublicUrl: string;
}

/**
 * The origins a browser uses to reach LiveKit: its WebSocket for signalling, and the same host over
 * http(s) for the client's validation and region calls.
 */
export function livekitOrigins(livekitPublicUrl: string): string[] {
  const ws = new URL(livekitPublicUrl);
  const http = new URL(livekitPublicUrl);
  http.protocol = ws.protocol === "wss:" ? "https:" : "http:";
  return [ws.origin, http.origin];
}

/**
 * The one <style> the SPA adds: React Aria's press handling inserts a fixed `touch-action` rule
 * (react-aria usePress, id "react-aria-pressable-style"). Allowed by its hash, not by 'unsafe-inline';
 * if a React Aria upgrade changes the rule, the CSP checks in the room e2e tests fail and name the new hash.
 */
const REACT_ARIA_PRESSABLE_STYLE = "'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='";

/**
 * Security headers on every response. Scripts and styles only from our own origin: the built SPA has
 * no inline script and one known <style> (above), and React, LiveKit's components and the charts set style properties
 * through the DOM, which CSP does not restrict (checked in Chromium by the room and localhost e2e
 * tests). Network only to ourselves and LiveKit; never framed; camera, microphone and screen capture
 * for our own pages only.
 */
export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler {
  const https = new URL(options.publicUrl).protocol === "https:";
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", REACT_ARIA_PRESSABLE_STYLE],
      imgSrc: ["'self'", "data:", "blob:"],
      fontSrc: ["'self'", "data:"],
      mediaSrc: ["'self'", "blob:"],
      connectSrc: ["'self'", ...livekitOrigins(options.livekitPublicUrl)],
      workerSrc: ["'self'", "blob:"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    referrerPolicy: "strict-origin-when-cross-origin",
    strictTransportSecurity: https ? "max-age=31536000; includeSubDomains" : false,
    permissionsPolicy: {
      camera: ["self"],
      microphone: ["self"],
      displayCapture: ["self"],
      geolocation: [],
      payment: [],
      usb: [],
    },
  });
}
