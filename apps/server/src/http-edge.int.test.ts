import { request as httpRequest } from "node:http";
import { DEMO_SERIES_SLUG, eq, Series, Theme } from "@reeks/db";
import { createParticipant, createPerson, createTestDatabase } from "@reeks/db/testing";
import { testLivekit } from "@reeks/testing/livekit-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type RunningReeks } from "./index";
import { signInCookie, startTestServer } from "./testing";

/** A batched GET of `count` calls of series.list, as httpBatchStreamLink sends it. */
function batchUrl(server: RunningReeks, count: number) {
  const paths = Array.from({ length: count }, () => "series.list").join(",");
  return `${server.url}/api/trpc/${paths}?batch=1&input=${encodeURIComponent("{}")}`;
}

interface Refusal {
  error: { message: string; data: { code: string; httpStatus: number } };
}

const EN = { "x-reeks-locale": "en" };

describe("limits per request", () => {
  let server: RunningReeks;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it("refuses a 1,000-call batch at once, with a clear error and nothing run", async () => {
    const started = performance.now();
    const response = await fetch(batchUrl(server, 1000), { headers: EN });
    const elapsed = performance.now() - started;
    const text = await response.text();
    expect(response.status).toBe(414);
    expect(elapsed).toBeLessThan(500);
    // 1,000 answers of series.list would be megabytes; the refusal is one short message.
    expect(text.length).toBeLessThan(500);
    const body = JSON.parse(text) as Refusal;
    expect(body.error.message).toMatch(/too long \(at most 8192 characters\)/);
    expect(body.error.data.httpStatus).toBe(414);
  });

  it("refuses a batch over the cap in the person's language, and serves one at the cap", async () => {
    const over = await fetch(batchUrl(server, 21), { headers: { "x-reeks-locale": "nl" } });
    expect(over.status).toBe(400);
    const body = (await over.json()) as Refusal;
    expect(body.error.message).toBe("Te veel aanroepen in één verzoek (hoogstens 20).");
    expect(body.error.data.code).toBe("BAD_REQUEST");

    const atCap = await fetch(batchUrl(server, 20));
    expect(atCap.status).toBe(200);
    expect(((await atCap.json()) as unknown[]).length).toBe(20);
  });

  it("refuses an oversized body with 413 before reading it all", async () => {
    const body = JSON.stringify({ 0: { sessionId: crypto.randomUUID(), body: "x".repeat(2 * 1024 * 1024) } });
    const response = await post(`${server.url}/api/trpc/room.sendChat?batch=1`, [body], {
      "content-length": String(Buffer.byteLength(body)),
      ...EN,
    });
    expect(response.status).toBe(413);
    const refusal = JSON.parse(response.body) as Refusal;
    expect(refusal.error.message).toBe("This request is too large (at most 1024 kB).");
    expect(refusal.error.data.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("counts a body sent without Content-Length as it arrives", async () => {
    const chunks = Array.from({ length: 40 }, () => "x".repeat(64 * 1024));
    const response = await post(`${server.url}/api/trpc/room.sendChat?batch=1`, chunks, {
      "transfer-encoding": "chunked",
    });
    expect(response.status).toBe(413);
    expect((JSON.parse(response.body) as Refusal).error.data.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("puts the security headers on the SPA, the API and error answers", async () => {
    const livekitHost = new URL(testLivekit().url).host;
    const answers = await Promise.all([
      fetch(`${server.url}/`),
      fetch(`${server.url}/sessies/x`),
      fetch(`${server.url}/api/trpc/series.list`),
      fetch(`${server.url}/api/trpc/no.such.procedure`),
      fetch(`${server.url}/api/nothing-here`),
      fetch(batchUrl(server, 21)),
      fetch(`${server.url}/healthz`),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 404, 404, 400, 200]);
    for (const response of answers) {
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain(`connect-src 'self' ws://${livekitHost} http://${livekitHost}`);
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      const permissions = response.headers.get("permissions-policy") ?? "";
      expect(permissions).toContain("camera=(self)");
      expect(permissions).toContain("microphone=(self)");
      expect(permissions).toContain("display-capture=(self)");
      // Over http, HSTS would be ignored at best and would lock a dev machine to https at worst.
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("sends HSTS when the public URL is https", async () => {
    const database = await createTestDatabase();
    try {
      const app = createTestApp(database, testLivekit(), { publicUrl: "https://reeks.example.nl" });
      const response = await app.request("/api/nothing-here");
      expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    } finally {
      await database.close();
    }
  });

  it("redirects the other loopback spelling to the public URL when PUBLIC_URL is unset", async () => {
    const response = await fetch(`http://localhost:${server.port}/inloggen?x=1`, { redirect: "manual" });
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe(`${server.url}/inloggen?x=1`);
    // The configured spelling itself is served.
    expect((await fetch(`${server.url}/inloggen`)).status).toBe(200);
  });
});

describe("per-client rate limit", () => {
  let server: RunningReeks;
  beforeAll(async () => {
    server = await startTestServer({ API_RATE_LIMIT: "30" });
  });
  afterAll(() => server?.stop());

  it("counts every call of a batch and answers 429 with Retry-After past the limit", async () => {
    const first = await fetch(batchUrl(server, 20));
    expect(first.status).toBe(200);
    const second = await fetch(batchUrl(server, 20), { headers: EN });
    expect(second.status).toBe(429);
    const retryAfter = Number(second.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await second.json()) as Refusal;
    expect(body.error.message).toBe(`Too many requests. Please wait ${retryAfter} seconds and try again.`);
    expect(body.error.data.code).toBe("TOO_MANY_REQUESTS");
    // Monitoring is not counted.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // Without trusted proxies, a forwarded address is nobody's word: still the same client.
    const claimed = await fetch(batchUrl(server, 1), { headers: { "x-forwarded-for": "198.51.100.7" } });
    expect(claimed.status).toBe(429);
  });
});

describe("per-client rate limit behind a trusted proxy", () => {
  let server: RunningReeks;
  beforeAll(async () => {
    server = await startTestServer({ API_RATE_LIMIT: "30", TRUSTED_PROXIES: "127.0.0.1,::1" });
  });
  afterAll(() => server?.stop());

  const from = (forwardedFor: string) => ({ headers: { "x-forwarded-for": forwardedFor } });

  it("counts each person the proxy names, and a forged address on the left changes nothing", async () => {
    expect((await fetch(batchUrl(server, 20), from("203.0.113.5"))).status).toBe(200);
    expect((await fetch(batchUrl(server, 20), from("203.0.113.5"))).status).toBe(429);
    // Another person behind the same proxy is not held back by the first.
    expect((await fetch(batchUrl(server, 20), from("203.0.113.6"))).status).toBe(200);
    // The proxy appends what it saw: a client cannot pass itself off as someone else.
    expect((await fetch(batchUrl(server, 1), from("192.0.2.1, 203.0.113.5"))).status).toBe(429);
    // Nonsense in the header is not an address: the proxy itself is then the client.
    expect((await fetch(batchUrl(server, 20), from("not-an-address"))).status).toBe(200);
  });
});

describe("concurrency limit", () => {
  let server: RunningReeks;
  beforeAll(async () => {
    server = await startTestServer({ API_MAX_CONCURRENT: "1", API_MAX_QUEUED: "0" });
  });
  afterAll(() => server?.stop());

  it("answers a burst past the limit with 503 and Retry-After, and recovers after it", async () => {
    // Asking for a sign-in link waits on the mail server, so these requests really overlap (a batch of
    // reads on PGlite would finish within one turn of the event loop, before the next is even read).
    const emails = Array.from({ length: 12 }, (_, i) => `burst${i}@gemeente.test`);
    for (const email of emails) await createPerson(server.database.db, { email });
    const answers = await Promise.all(
      emails.map((email) =>
        fetch(`${server.url}/api/auth/sign-in/magic-link`, {
          method: "POST",
          headers: { "content-type": "application/json", ...EN },
          body: JSON.stringify({ email, callbackURL: "/" }),
        }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    for (const response of answers) {
      if (response.status !== 503) {
        await response.body?.cancel();
        continue;
      }
      expect(response.headers.get("retry-after")).toBe("1");
      const body = (await response.json()) as Refusal;
      expect(body.error.message).toBe("Reeks is too busy right now. Please try again in a few seconds.");
    }
    // Every slot came back, also those of streamed batch answers.
    for (let i = 0; i < 3; i++) {
      const response = await fetch(batchUrl(server, 20), { headers: { "trpc-accept": "application/jsonl" } });
      expect(response.status).toBe(200);
      await response.text();
    }
  });

  it("does not count an open live stream", async () => {
    const db = server.database.db;
    await createParticipant(db, { email: "stream@gemeente.test", seriesSlug: DEMO_SERIES_SLUG });
    const cookie = await signInCookie(server, "stream@gemeente.test");
    const series = await db.query.Series.findFirst({ where: eq(Series.slug, DEMO_SERIES_SLUG) });
    const theme = await db.query.Theme.findFirst({ where: eq(Theme.seriesId, series?.id ?? "") });
    const input = encodeURIComponent(JSON.stringify({ seriesId: series?.id, themeId: theme?.id }));
    // tRPC's own SSE (the theme page's stream), which stays open like the room's.
    const stream = await openStream(`${server.url}/api/trpc/capture.themeLive?input=${input}`, cookie);
    try {
      expect(stream.status).toBe(200);
      for (let i = 0; i < 3; i++)
        expect((await fetch(`${server.url}/api/trpc/series.list`)).status).toBe(200);
    } finally {
      stream.close();
    }
  });
});

/** Opens an SSE response and keeps it open; resolves once the headers are in. */
function openStream(url: string, cookie: string): Promise<{ status: number; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { cookie, accept: "text/event-stream" } }, (res) => {
      res.on("data", () => {});
      resolve({ status: res.statusCode ?? 0, close: () => req.destroy() });
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * A POST on a connection of its own: the server closes a connection whose body it refused unread,
 * which must not break the next test's request on a shared keep-alive connection.
 */
function post(
  url: string,
  chunks: string[],
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", agent: false, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer and close before the whole body is written.
    req.on("error", (error) => (req.writableEnded ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}
