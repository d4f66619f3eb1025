import { isIP } from "node:net";
import { fileURLToPath } from "node:url";
import { API_CLIENT_LIMITS } from "@reeks/models";
import { z } from "zod";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

const port = z.coerce.number().int().min(1).max(65535);
/** 0 asks the system for a free port (tests). */
const listenPort = z.coerce.number().int().min(0).max(65535);

const ipv4 = z.ipv4("must be an IPv4 address like 203.0.113.10");
const hostname = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i,
    "must be a host name like turn.example.nl",
  );

/** LiveKit's documented development credentials: anyone can sign tokens with them. */
const WELL_KNOWN_LIVEKIT_KEYS = new Set(["devkey", "secret", "APIdevkey"]);
const WELL_KNOWN_LIVEKIT_SECRETS = new Set(["secret", "devkey"]);

const envObject = z.object({
  /** production: compiled server, JSON logs, and every secret must come from the environment. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: listenPort.default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** postgres://… switches from the embedded PGlite to PostgreSQL. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  REEKS_DATA_DIR: z.string().min(1).default(`${repoRoot}.reeks`),
  /**
   * First-run content: the demo series (the embedded default), or nothing. A production database
   * (DATABASE_URL) starts empty unless demo is asked for.
   */
  REEKS_SEED: z.enum(["demo", "none"]).optional(),
  WEB_DIST_DIR: z.string().min(1).default(`${repoRoot}apps/web/dist`),
  LIVEKIT_URL: z
    .string()
    .regex(/^wss?:\/\//, "must start with ws:// or wss://")
    .optional(),
  LIVEKIT_API_KEY: z.string().min(1).optional(),
  LIVEKIT_API_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** What browsers use to reach LiveKit, when it differs from LIVEKIT_URL (e.g. behind a proxy). */
  LIVEKIT_PUBLIC_URL: z
    .string()
    .regex(/^wss?:\/\//, "must start with ws:// or wss://")
    .optional(),
  /** Log level of the JSON logs (pino); debug shows every request. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Bearer token for /metrics from other machines. Unset: /metrics answers loopback clients only
   * (a Prometheus on the same host, or through an SSH tunnel), never the internet.
   */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Seconds a SIGTERM may take: requests in flight get this long to finish before they are cut. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  /** smtp://user:pass@host:port or smtps://…; unset: Reeks starts its own local SMTP sink (dev, tests). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default("Reeks <noreply@reeks.localhost>"),
  /** Where the accessibility statement tells people to write; unset: the address of MAIL_FROM. */
  ACCESSIBILITY_CONTACT: z.email("must be an e-mail address").optional(),
  /** Where people reach Reeks (links in mails, cookie Secure flag); defaults to the listening address. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+\/?$/, "must be an origin like https://reeks.example.nl")
    .optional(),
  /** Signs session cookies. Unset: a random secret kept in REEKS_DATA_DIR (fine for one instance). */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** First of three ports for the embedded livekit-server: HTTP/WS, then TCP, then UDP. */
  LIVEKIT_PORT: port.default(7880),
  /** Production: the public address in ICE candidates; unset, LiveKit asks a STUN server for it. */
  LIVEKIT_NODE_IP: ipv4.optional(),
  /** Production: the TURN host name (a certificate for it in the two files below); unset: no TURN. */
  LIVEKIT_TURN_DOMAIN: hostname.optional(),
  /**
   * A second address of this machine for LiveKit's media and TURN (the HTTPS front holds 443 on the
   * first): TURN listens there, and ICE uses only it.
   */
  LIVEKIT_TURN_IP: ipv4.optional(),
  LIVEKIT_TURN_UDP_PORT: z.coerce.number().int().min(0).max(65535).default(3478),
  /** Browsers are always told 443 (LiveKit's rule); 0 switches TURN over TLS off. */
  LIVEKIT_TURN_TLS_PORT: z.coerce.number().int().min(0).max(65535).default(443),
  LIVEKIT_TURN_CERT_FILE: z.string().min(1).optional(),
  LIVEKIT_TURN_KEY_FILE: z.string().min(1).optional(),
  /** Days the live event log keeps events after their session ended (series-wide events: after they happened). */
  LIVE_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  /** tRPC calls in one request; never below what the web client batches. */
  API_MAX_BATCH_SIZE: z.coerce.number().int().min(API_CLIENT_LIMITS.batchItems).max(1000).default(20),
  /** Characters in a request's path and query; never below what the web client sends. */
  API_MAX_URL_LENGTH: z.coerce.number().int().min(API_CLIENT_LIMITS.urlLength).max(16_000).default(8_192),
  /** Bytes in a request body; notes updates alone may be 256 KiB of base64. */
  API_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(512 * 1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  /** API calls (each call of a batch counts) per client address per minute; 0 switches the limit off. */
  API_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses), so that per-client
   * limits count people rather than the proxy. `reeks setup` sets the local Caddy: 127.0.0.1,::1.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((address) => isIP(address) !== 0), "must be IP addresses, comma-separated"),
  /** API requests this instance works on at once (live streams and webhooks not counted). */
  API_MAX_CONCURRENT: z.coerce.number().int().min(1).default(32),
  /** Requests that may wait for a free slot; past that the answer is 503 with Retry-After. */
  API_MAX_QUEUED: z.coerce.number().int().min(0).default(64),
});

const envSchema = envObject.superRefine((env, ctx) => {
  if (Boolean(env.LIVEKIT_API_KEY) !== Boolean(env.LIVEKIT_API_SECRET)) {
    ctx.addIssue({
      code: "custom",
      path: ["LIVEKIT_API_KEY"],
      message: "and LIVEKIT_API_SECRET go together",
    });
  }
  if (env.LIVEKIT_URL && !(env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET)) {
    ctx.addIssue({
      code: "custom",
      path: ["LIVEKIT_URL"],
      message: "needs LIVEKIT_API_KEY and LIVEKIT_API_SECRET of that server",
    });
  }
  const tls = env.LIVEKIT_TURN_DOMAIN && env.LIVEKIT_TURN_TLS_PORT > 0;
  if (tls && !(env.LIVEKIT_TURN_CERT_FILE && env.LIVEKIT_TURN_KEY_FILE)) {
    ctx.addIssue({
      code: "custom",
      path: ["LIVEKIT_TURN_CERT_FILE"],
      message: "and LIVEKIT_TURN_KEY_FILE are needed for TURN over TLS (or set LIVEKIT_TURN_TLS_PORT=0)",
    });
  }
  if (env.NODE_ENV === "production") productionRules(env, ctx);
});

/**
 * In production nothing may fall back to a generated or well-known secret: a generated one differs
 * per instance and per data folder (sessions and LiveKit tokens break on a move), a well-known one
 * lets anyone in. `pnpm reeks setup` writes all of them.
 */
function productionRules(env: z.infer<typeof envObject>, ctx: z.RefinementCtx) {
  const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (!env.PUBLIC_URL) need("PUBLIC_URL", "is required in production (the https:// origin people use)");
  else if (!env.PUBLIC_URL.startsWith("https://"))
    need("PUBLIC_URL", "must be https:// in production (browsers allow camera and microphone only there)");
  if (!env.AUTH_SECRET) need("AUTH_SECRET", "is required in production (at least 32 characters)");
  // Without it sign-in links would go to the local sink, readable at /dev/outbox by anyone.
  if (!env.SMTP_URL) need("SMTP_URL", "is required in production (the mail server that sends sign-in links)");
  if (!env.LIVEKIT_API_KEY || !env.LIVEKIT_API_SECRET) {
    need("LIVEKIT_API_KEY", "and LIVEKIT_API_SECRET are required in production");
    return;
  }
  if (WELL_KNOWN_LIVEKIT_KEYS.has(env.LIVEKIT_API_KEY) || env.LIVEKIT_API_KEY.length < 8)
    need("LIVEKIT_API_KEY", "is a development key (or shorter than 8 characters); not allowed in production");
  if (WELL_KNOWN_LIVEKIT_SECRETS.has(env.LIVEKIT_API_SECRET))
    need("LIVEKIT_API_SECRET", "is a development secret; not allowed in production");
}

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Parses the environment once; a bad value stops start-up with one line saying what to set. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const name = first?.path.join(".") || "environment";
  throw new ConfigError(`Configuration error: ${name} ${first?.message ?? "is invalid"}.`);
}
