import { localeFromHeaders, type MessageKey, serverMessage } from "@reeks/api";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { clientAddress } from "./client-address";
import type { Env } from "./env";

/** How much one request, and one client, may ask of an instance. */
export interface ApiLimits {
  maxBatchSize: number;
  maxUrlLength: number;
  maxBodyBytes: number;
  /** Calls per client address per minute; 0: no limit. */
  ratePerMinute: number;
  maxConcurrent: number;
  maxQueued: number;
  /** Proxies whose X-Forwarded-For names the client (see client-address.ts). */
  trustedProxies: readonly string[];
}

export function apiLimitsOf(env: Env): ApiLimits {
  return {
    maxBatchSize: env.API_MAX_BATCH_SIZE,
    maxUrlLength: env.API_MAX_URL_LENGTH,
    maxBodyBytes: env.API_MAX_BODY_BYTES,
    ratePerMinute: env.API_RATE_LIMIT,
    maxConcurrent: env.API_MAX_CONCURRENT,
    maxQueued: env.API_MAX_QUEUED,
    trustedProxies: env.TRUSTED_PROXIES,
  };
}

const TRPC_PREFIX = "/api/trpc/";
/** How long a request may wait for a free slot before it is told to come back. */
const QUEUE_TIMEOUT_MS = 10_000;

/**
 * A refusal in tRPC's error shape, so the web client reads `httpStatus` and the message as from any
 * procedure (and does not retry a 4xx); other clients get plain JSON with a code and a message.
 */
function refuse(
  c: Context,
  status: ContentfulStatusCode,
  code: TRPC_ERROR_CODE_KEY,
  key: MessageKey,
  values: Record<string, number> = {},
) {
  const message = serverMessage(key, localeFromHeaders(c.req.raw.headers), values);
  return c.json(
    { error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus: status } } },
    status,
  );
}

/** Node reads up to 16 KiB of request line and headers; Reeks needs far less URL than that. */
export function urlLengthLimit(max: number): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (url.pathname.length + url.search.length > max)
      return refuse(c, 414, "BAD_REQUEST", "urlTooLong", { max });
    return next();
  };
}

/** Counted while the body arrives, so an oversized body is refused without being held in memory. */
export function requestBodyLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => refuse(c, 413, "PAYLOAD_TOO_LARGE", "bodyTooLarge", { max: Math.floor(maxBytes / 1024) }),
  });
}

/** The number of tRPC calls a request asks for (`/api/trpc/a,b,c?batch=1`); 1 for anything else. */
function callCount(c: Context): number {
  if (!c.req.path.startsWith(TRPC_PREFIX)) return 1;
  if (c.req.query("batch") !== "1") return 1;
  return c.req.path.slice(TRPC_PREFIX.length).split(",").length;
}

/**
 * Refuses an oversized batch before anything runs for it (not even the session lookup). tRPC's own
 * `maxBatchSize` says the same in English only; this one answers in the person's language.
 */
export function batchSizeLimit(max: number): MiddlewareHandler {
  return async (c, next) => {
    if (callCount(c) > max) return refuse(c, 400, "BAD_REQUEST", "batchTooLarge", { max });
    return next();
  };
}

/**
 * Calls per client address per minute, each call of a batch counted, so batching buys no extra work.
 * In memory per instance: it guards this instance's CPU and database connections, is checked on every
 * call (a database round trip per call would add the very load it is meant to bound), and losing it on
 * a restart costs nothing. Sign-in limits are different: they guard mailboxes across instances and
 * restarts, so they live in the database.
 */
export function apiRateLimit(perMinute: number): MiddlewareHandler {
  if (perMinute === 0) return (_c, next) => next();
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return async (c, next) => {
    try {
      await limiter.consume(clientAddress(c), callCount(c));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      c.header("Retry-After", String(seconds));
      return refuse(c, 429, "TOO_MANY_REQUESTS", "apiRateLimited", { seconds });
    }
    return next();
  };
}

export interface ConcurrencyGate {
  middleware: MiddlewareHandler;
  /** Requests being worked on and waiting, for tests and metrics. */
  load(): { active: number; waiting: number };
}

/**
 * At most `maxActive` requests at work at once, `maxQueued` more waiting (each at most 10 s); past
 * that, 503 with Retry-After at once rather than a queue that grows without end. A slot is held until
 * the response body has been sent (tRPC streams batched answers after the handler returns), and
 * taken only once the request body is in.
 * `exempt` requests (long-lived streams) never take a slot.
 */
export function concurrencyGate(
  maxActive: number,
  maxQueued: number,
  exempt: (c: Context) => boolean,
): ConcurrencyGate {
  let active = 0;
  const waiting: Array<(granted: boolean) => void> = [];

  function acquire(): Promise<boolean> {
    if (active < maxActive) {
      active++;
      return Promise.resolve(true);
    }
    if (waiting.length >= maxQueued) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const index = waiting.indexOf(grant);
        if (index >= 0) waiting.splice(index, 1);
        resolve(false);
      }, QUEUE_TIMEOUT_MS);
      const grant = (granted: boolean) => {
        clearTimeout(timer);
        resolve(granted);
      };
      waiting.push(grant);
    });
  }

  function release() {
    const next = waiting.shift();
    // The slot passes straight to the next in line, so `active` does not change.
    if (next) next(true);
    else active--;
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    if (exempt(c)) return next();
    if (c.req.raw.body) {
      // The whole (size-limited) body first: a slow upload must not hold a slot while it trickles in,
      // or a few slow clients would shut everyone else out.
      const body = await c.req.raw.arrayBuffer();
      c.req.raw = new Request(c.req.raw, { body });
    }
    if (!(await acquire())) {
      c.header("Retry-After", "1");
      return refuse(c, 503, "SERVICE_UNAVAILABLE", "busy");
    }
    let released = false;
    const releaseOnce = () => {
      if (released) return;
      released = true;
      release();
    };
    try {
      await next();
    } catch (error) {
      releaseOnce();
      throw error;
    }
    const body = c.res.body;
    if (!body) {
      releaseOnce();
      return;
    }
    c.res = new Response(releasedWhenDone(body, releaseOnce), c.res);
  };

  return { middleware, load: () => ({ active, waiting: waiting.length }) };
}

/** The same body, calling `done` once it has been read to the end, failed, or been cancelled. */
function releasedWhenDone(body: ReadableStream<Uint8Array>, done: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (chunk.done) {
          done();
          controller.close();
        } else {
          controller.enqueue(chunk.value);
        }
      } catch (error) {
        done();
        controller.error(error);
      }
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
}
