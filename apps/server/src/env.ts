import { fileURLToPath } from "node:url";
import { API_CLIENT_LIMITS } from "@reeks/models";
import { z } from "zod";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

const port = z.coerce.number().int().min(1).max(65535);
/** 0 asks the system for a free port (tests). */
const listenPort = z.coerce.number().int().min(0).max(65535);

const envSchema = z
  .object({
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
    /** smtp://user:pass@host:port or smtps://…; unset: Reeks starts its own local SMTP sink (dev, tests). */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
      .optional(),
    MAIL_FROM: z.string().min(3).max(200).default("Reeks <noreply@reeks.localhost>"),
    /** Where people reach Reeks (links in mails, cookie Secure flag); defaults to the listening address. */
    PUBLIC_URL: z
      .string()
      .regex(/^https?:\/\/[^/]+\/?$/, "must be an origin like https://reeks.example.nl")
      .optional(),
    /** Signs session cookies. Unset: a random secret kept in REEKS_DATA_DIR (fine for one instance). */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** First of three ports for the embedded livekit-server: HTTP/WS, then TCP, then UDP. */
    LIVEKIT_PORT: port.default(7880),
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
    /** API requests this instance works on at once (live streams and webhooks not counted). */
    API_MAX_CONCURRENT: z.coerce.number().int().min(1).default(32),
    /** Requests that may wait for a free slot; past that the answer is 503 with Retry-After. */
    API_MAX_QUEUED: z.coerce.number().int().min(0).default(64),
  })
  .superRefine((env, ctx) => {
    const given = [env.LIVEKIT_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET].filter(Boolean).length;
    if (given !== 0 && given !== 3) {
      ctx.addIssue({
        code: "custom",
        path: ["LIVEKIT_URL"],
        message: "set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET together, or none of them",
      });
    }
  });

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
