import { randomBytes } from "node:crypto";
import { chmod, copyFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseEnv } from "node:util";
import { ensureLivekitBinary, renderProductionConfig } from "@reeks/livekit";
import { type Env, loadEnv } from "../env";
import { productionLivekit } from "../livekit";
import { livekitPublicUrl, renderCaddyfile } from "./caddyfile";
import { productionStartCommand } from "./start-command";
import { APP_UNIT, LIVEKIT_UNIT, renderAppUnit, renderLivekitUnit } from "./systemd";

export interface SetupOptions {
  domain: string;
  /** The address members reach the web front on; also LiveKit's media address without turnIp. */
  publicIp: string;
  /** The address Caddy binds; differs from publicIp behind a cloud's 1:1 NAT. Default: publicIp. */
  bindIp?: string;
  /** TURN's name and a second address for LiveKit's media, so that TURN over TLS can have 443 beside Caddy. */
  turnDomain?: string;
  turnIp?: string;
  dataDir: string;
  /** Where the env file, livekit.yaml, Caddyfile, units and hook go (e.g. /etc/reeks). */
  outDir: string;
  /** The checkout the app runs from. */
  rootDir: string;
  user: string;
  livekitBinary: string;
  /** ACME account address for Let's Encrypt's expiry warnings. */
  email?: string;
  /** Test certificates for Caddy instead of ACME. */
  caddyTls?: { certFile: string; keyFile: string };
}

export interface SetupResult {
  envFile: string;
  livekitConfig: string;
  caddyfile: string;
  appUnit: string;
  livekitUnit: string;
  turnHook: string | null;
  /** Whether AUTH_SECRET and the LiveKit key pair came from an earlier run. */
  keptSecrets: boolean;
  env: Env;
}

export class SetupError extends Error {}

const APP_PORT = 3000;
const LIVEKIT_PORT = 7880;
/** What setup decides; anything else in an existing env file is the operator's and stays. */
const MANAGED = new Set([
  "NODE_ENV",
  "PUBLIC_URL",
  "HOST",
  "PORT",
  "REEKS_DATA_DIR",
  "REEKS_SEED",
  "AUTH_SECRET",
  "LIVEKIT_URL",
  "LIVEKIT_PUBLIC_URL",
  "LIVEKIT_API_KEY",
  "LIVEKIT_API_SECRET",
  "LIVEKIT_PORT",
  "LIVEKIT_NODE_IP",
  "LIVEKIT_TURN_DOMAIN",
  "LIVEKIT_TURN_IP",
  "LIVEKIT_TURN_UDP_PORT",
  "LIVEKIT_TURN_TLS_PORT",
  "LIVEKIT_TURN_CERT_FILE",
  "LIVEKIT_TURN_KEY_FILE",
]);

async function readExisting(file: string): Promise<Record<string, string>> {
  try {
    return parseEnv(await readFile(file, "utf8")) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}

/** Writes through a temporary file, so a crash never leaves half an env file (and half a secret). */
async function writeAtomic(file: string, content: string, mode: number): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, content, { mode });
  await chmod(temp, mode);
  await rename(temp, file);
}

/** KEY=value as both systemd's EnvironmentFile and Node's parseEnv read it. */
function envLine(key: string, value: string): string {
  if (/["\\$`\n]/.test(value)) throw new SetupError(`${key} holds a character an env file cannot carry`);
  return /[\s'#<>]/.test(value) ? `${key}="${value}"` : `${key}=${value}`;
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i;

function check(options: SetupOptions): void {
  if (!hostName.test(options.domain)) throw new SetupError(`--domain ${options.domain} is not a host name`);
  for (const [flag, value] of [
    ["--public-ip", options.publicIp],
    ["--bind-ip", options.bindIp],
    ["--turn-ip", options.turnIp],
  ] as const) {
    if (value !== undefined && !ipv4.test(value))
      throw new SetupError(`${flag} ${value} is not an IPv4 address`);
  }
  if (options.turnDomain && !hostName.test(options.turnDomain)) {
    throw new SetupError(`--turn-domain ${options.turnDomain} is not a host name`);
  }
  if (Boolean(options.turnDomain) !== Boolean(options.turnIp)) {
    throw new SetupError(
      "--turn-domain and --turn-ip go together: TURN over TLS needs port 443 on an address of its own, beside Caddy's",
    );
  }
  if (options.turnIp && (options.turnIp === options.publicIp || options.turnIp === options.bindIp)) {
    throw new SetupError("--turn-ip must differ from --public-ip: Caddy holds 443 there");
  }
}

/**
 * `reeks setup`: one command that writes everything a Debian server needs, the rest being an edited env
 * file (SMTP_URL). Run again with other names or addresses, it keeps AUTH_SECRET, the LiveKit key pair
 * and whatever the operator added, so sessions and running rooms stay valid.
 */
export async function runSetup(options: SetupOptions): Promise<SetupResult> {
  check(options);
  const outDir = resolve(options.outDir);
  const dataDir = resolve(options.dataDir);
  await mkdir(outDir, { recursive: true, mode: 0o755 });
  const envFile = join(outDir, "reeks.env");
  const existing = await readExisting(envFile);
  const keptSecrets = Boolean(
    existing.AUTH_SECRET && existing.LIVEKIT_API_KEY && existing.LIVEKIT_API_SECRET,
  );
  const turnCertDir = join(outDir, "turn");

  const values: Record<string, string> = {
    NODE_ENV: "production",
    PUBLIC_URL: `https://${options.domain}`,
    HOST: "127.0.0.1",
    PORT: String(APP_PORT),
    REEKS_DATA_DIR: dataDir,
    REEKS_SEED: "none",
    AUTH_SECRET: existing.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    // livekit-server runs in its own unit; the app reaches its API on loopback.
    LIVEKIT_URL: `ws://127.0.0.1:${LIVEKIT_PORT}`,
    LIVEKIT_PUBLIC_URL: livekitPublicUrl(options.domain),
    LIVEKIT_API_KEY: existing.LIVEKIT_API_KEY ?? `API${randomBytes(9).toString("hex")}`,
    LIVEKIT_API_SECRET: existing.LIVEKIT_API_SECRET ?? randomBytes(32).toString("base64url"),
    LIVEKIT_PORT: String(LIVEKIT_PORT),
    // With a second address, all of LiveKit's media goes there (ICE candidates, UDP mux, ICE/TCP, TURN
    // over UDP and TLS on 443), and Caddy keeps 443 on the first: LiveKit tells browsers TURN over UDP
    // is on node_ip, so TURN must listen where node_ip is.
    LIVEKIT_NODE_IP: options.turnIp ?? options.publicIp,
    ...(options.turnDomain && options.turnIp
      ? {
          LIVEKIT_TURN_DOMAIN: options.turnDomain,
          LIVEKIT_TURN_IP: options.turnIp,
          LIVEKIT_TURN_UDP_PORT: "3478",
          LIVEKIT_TURN_TLS_PORT: "443",
          LIVEKIT_TURN_CERT_FILE: join(turnCertDir, "fullchain.pem"),
          LIVEKIT_TURN_KEY_FILE: join(turnCertDir, "privkey.pem"),
        }
      : // One address: TURN over UDP only (443 is Caddy's).
        { LIVEKIT_TURN_DOMAIN: options.domain, LIVEKIT_TURN_UDP_PORT: "3478", LIVEKIT_TURN_TLS_PORT: "0" }),
  };
  const kept = Object.entries(existing).filter(([key]) => !MANAGED.has(key));
  if (!kept.some(([key]) => key === "MAIL_FROM"))
    kept.push(["MAIL_FROM", `Reeks <noreply@${options.domain}>`]);
  // Caddy on this machine passes the client's address on; the limits then count people, not Caddy.
  if (!kept.some(([key]) => key === "TRUSTED_PROXIES")) kept.push(["TRUSTED_PROXIES", "127.0.0.1,::1"]);
  // The app refuses what it would refuse at start-up, now rather than at the first restart; all but
  // SMTP_URL, which the operator adds to the file next (the app will not start without it).
  const env = loadEnv({ SMTP_URL: "smtp://mail.invalid:587", ...Object.fromEntries(kept), ...values });

  const lines = [
    "# Reeks production settings, written by `pnpm reeks setup` (secrets are kept when it runs again).",
    "# Set SMTP_URL before members sign in: without it, sign-in mails stay on this server.",
    ...Object.entries(values).map(([key, value]) => envLine(key, value)),
    "",
    "# Your own settings (kept by setup):",
    ...kept.map(([key, value]) => envLine(key, value)),
    ...(existing.SMTP_URL ? [] : ["# SMTP_URL=smtp://user:password@mail.example.nl:587"]),
    "",
  ];
  await writeAtomic(envFile, lines.join("\n"), 0o600);

  const livekitConfig = join(outDir, "livekit.yaml");
  const production = productionLivekit(env);
  await writeAtomic(
    livekitConfig,
    renderProductionConfig({
      ports: { http: LIVEKIT_PORT, rtcTcp: LIVEKIT_PORT + 1, rtcUdp: LIVEKIT_PORT + 2 },
      apiKey: values.LIVEKIT_API_KEY as string,
      apiSecret: values.LIVEKIT_API_SECRET as string,
      webhookUrl: `http://127.0.0.1:${APP_PORT}/livekit/webhook`,
      ...production,
    }),
    0o600,
  );

  const caddyfile = join(outDir, "Caddyfile");
  await writeAtomic(
    caddyfile,
    renderCaddyfile({
      domain: options.domain,
      ...(options.turnIp ? { bindAddress: options.bindIp ?? options.publicIp } : {}),
      appPort: APP_PORT,
      livekitPort: LIVEKIT_PORT,
      ...(options.caddyTls ? { tls: options.caddyTls } : {}),
      ...(options.email ? { email: options.email } : {}),
    }),
    0o644,
  );

  try {
    await readFile(options.livekitBinary);
  } catch {
    await copyFile(await ensureLivekitBinary(), options.livekitBinary);
    await chmod(options.livekitBinary, 0o755);
  }
  const appUnit = join(outDir, APP_UNIT);
  await writeAtomic(
    appUnit,
    renderAppUnit({
      user: options.user,
      rootDir: resolve(options.rootDir),
      envFile,
      dataDir,
      command: productionStartCommand(resolve(options.rootDir)),
    }),
    0o644,
  );
  const livekitUnit = join(outDir, LIVEKIT_UNIT);
  const tlsPort = production.turn?.tlsPort ?? 0;
  await writeAtomic(
    livekitUnit,
    renderLivekitUnit({
      user: options.user,
      binary: options.livekitBinary,
      configFile: livekitConfig,
      bindsPrivilegedPort: tlsPort > 0 && tlsPort < 1024,
    }),
    0o644,
  );

  let turnHook: string | null = null;
  if (options.turnDomain) {
    turnHook = join(outDir, "turn-certificate-hook.sh");
    await writeAtomic(
      turnHook,
      renderTurnCertificateHook(options.turnDomain, turnCertDir, options.user),
      0o755,
    );
  }
  return { envFile, livekitConfig, caddyfile, appUnit, livekitUnit, turnHook, keptSecrets, env };
}

/**
 * certbot's deploy hook for the TURN name: certbot (its own systemd timer) renews the certificate;
 * this copies it where livekit-server, running as the service user, may read it, and restarts TURN.
 */
export function renderTurnCertificateHook(turnDomain: string, certDir: string, user: string): string {
  return `#!/bin/sh
# Installed by \`pnpm reeks setup\`. certbot runs this after obtaining or renewing a certificate:
#   certbot certonly --standalone --http-01-address <turn-ip> -d ${turnDomain} --deploy-hook $0
set -eu
case " \${RENEWED_DOMAINS:-${turnDomain}} " in
  *" ${turnDomain} "*) ;;
  *) exit 0 ;;
esac
live="\${RENEWED_LINEAGE:-/etc/letsencrypt/live/${turnDomain}}"
install -d -m 0750 -o root -g ${user} ${certDir}
install -m 0640 -o root -g ${user} "$live/fullchain.pem" ${certDir}/fullchain.pem
install -m 0640 -o root -g ${user} "$live/privkey.pem" ${certDir}/privkey.pem
# livekit-server reads the certificate at start; calls reconnect within seconds.
systemctl try-restart ${LIVEKIT_UNIT}
`;
}
