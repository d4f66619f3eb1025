/**
 * The HTTPS front: Caddy (Debian's `caddy`) with automatic certificates, in front of the app and of
 * livekit-server's signalling. Caddy over TLS in Node because it obtains and renews certificates on its
 * own (no certbot timer and reload hook for the web name), streams SSE and WebSockets without settings,
 * and keeps TLS out of the app's event loop.
 */
export interface CaddyfileOptions {
  /** The name people use, e.g. reeks.example.nl. */
  domain: string;
  /**
   * The address Caddy binds (80 and 443). Set when TURN over TLS holds 443 on a second address of the
   * same machine: both cannot listen on 0.0.0.0:443.
   */
  bindAddress?: string;
  /** The app (HOST:PORT). */
  appPort: number;
  /** livekit-server's signalling port on 127.0.0.1. */
  livekitPort: number;
  /** Test certificates instead of ACME (tests, or certificates managed elsewhere). */
  tls?: { certFile: string; keyFile: string };
  /** ACME account e-mail: Let's Encrypt warns there before a certificate expires. */
  email?: string;
}

/**
 * LiveKit signalling shares the main host: browsers connect to wss://<domain>/rtc (livekit-client
 * appends /rtc, /rtc/v1 and /validate to LIVEKIT_PUBLIC_URL), so one name and one certificate serve
 * both, and the CSP's connect-src needs nothing beyond Reeks' own origin.
 */
export const LIVEKIT_SIGNAL_PATHS = ["/rtc", "/rtc/*"];

export function livekitPublicUrl(domain: string): string {
  return `wss://${domain}`;
}

export function renderCaddyfile(options: CaddyfileOptions): string {
  const global: string[] = [];
  if (options.email) global.push(`\temail ${options.email}`);
  if (options.bindAddress) global.push(`\tdefault_bind ${options.bindAddress}`);
  const site = [
    `${options.domain} {`,
    ...(options.tls ? [`\ttls ${options.tls.certFile} ${options.tls.keyFile}`, ""] : []),
    `\t@livekit path ${LIVEKIT_SIGNAL_PATHS.join(" ")}`,
    "\thandle @livekit {",
    `\t\treverse_proxy 127.0.0.1:${options.livekitPort}`,
    "\t}",
    "",
    // The dev outbox holds sign-in links (it only exists without SMTP_URL); metrics are for the
    // operator's scraper on the machine itself (http://127.0.0.1:3000/metrics). Neither is public.
    "\t@internal path /api/dev/* /metrics",
    "\thandle @internal {",
    "\t\trespond 404",
    "\t}",
    "",
    "\thandle {",
    `\t\treverse_proxy 127.0.0.1:${options.appPort} {`,
    // SSE (live updates): every frame goes out at once instead of waiting in a buffer.
    "\t\t\tflush_interval -1",
    "\t\t}",
    "\t}",
    "}",
  ];
  return `${global.length ? `{\n${global.join("\n")}\n}\n\n` : ""}${site.join("\n")}\n`;
}
