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
 * Security headers on every response. Scripts and styles only from our own origin: the built SPA has
 * no inline script or <style>, and React, LiveKit's components and the charts set style properties
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
      styleSrc: ["'self'"],
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
