import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { captureWorld } from "@reeks/api/testing";
import { createDatabase, type DatabaseHandle, migrate } from "@reeks/db";
import { type SmtpSink, startSmtpSink } from "@reeks/mail";
import { testLivekit } from "@reeks/testing/livekit-env";
import { type Postgres, startPostgres } from "@reeks/testing/postgres";
import { until } from "@reeks/testing/wait";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productionStartCommand } from "./production/start-command";
import { extractSignInLink } from "./testing";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const serverDir = join(repoRoot, "apps/server");
const APP_PORT = Number(process.env.REEKS_TEST_LIVEKIT_PORT ?? 7980) + 21;
const PUBLIC_URL = "https://reeks.test";
const local = `http://127.0.0.1:${APP_PORT}`;

/** The compiled server, started as systemd would: plain node on dist/main.js, env from a file. */
function startProduction(env: Record<string, string>) {
  const { command, args } = productionStartCommand(repoRoot);
  let stdout = "";
  let stderr = "";
  const child: ChildProcess = spawn(command, args, {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TZ: "UTC", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/**
 * A raw SSE stream of `capture.live` that, like tRPC's client, resumes after its last event id. It
 * reconnects only when let (`resume`), so a test decides what happens while it is away.
 */
function liveStream(cookie: string, sessionId: string, cursor: string) {
  let text = "";
  // Like the browser: it starts from the snapshot's cursor, so nothing after the snapshot is missed.
  let lastId: string | null = cursor;
  let ends = 0;
  let closed = false;
  let release: (() => void) | null = null;
  const controller = new AbortController();
  const run = async () => {
    while (!closed) {
      try {
        const input = { sessionId, lastEventId: lastId };
        const response = await fetch(
          `${local}/api/trpc/capture.live?input=${encodeURIComponent(JSON.stringify(input))}`,
          { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal },
        );
        const decoder = new TextDecoder();
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          text += decoder.decode(chunk, { stream: true });
          for (const match of text.matchAll(/^id: ?(\d+)$/gm)) lastId = match[1] ?? lastId;
        }
        ends++;
      } catch {
        ends++;
      }
      if (!closed) await new Promise<void>((resolve) => (release = resolve));
    }
  };
  const running = run();
  return {
    text: () => text,
    ends: () => ends,
    lastId: () => lastId,
    resume() {
      release?.();
    },
    async close() {
      closed = true;
      controller.abort();
      release?.();
      await running;
    },
  };
}

describe("the compiled server in production mode", () => {
  let postgres: Postgres;
  let db: DatabaseHandle;
  let sink: SmtpSink;
  let dataDir: string;
  let env: Record<string, string>;
  const apps: Array<ReturnType<typeof startProduction>> = [];

  beforeAll(async () => {
    execFileSync(process.execPath, ["--import", "tsx", "build.ts"], { cwd: serverDir, stdio: "pipe" });
    postgres = startPostgres(Number(process.env.REEKS_TEST_PG_PORT ?? 54329) + 13);
    db = createDatabase({ kind: "postgres", url: postgres.url, maxConnections: 2 });
    sink = await startSmtpSink({ port: 0 });
    dataDir = await mkdtemp(join(tmpdir(), "reeks-production-"));
    const livekit = testLivekit();
    env = {
      NODE_ENV: "production",
      PUBLIC_URL,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      DATABASE_URL: postgres.url,
      HOST: "127.0.0.1",
      PORT: String(APP_PORT),
      REEKS_DATA_DIR: dataDir,
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
      SMTP_URL: sink.url,
      METRICS_TOKEN: randomBytes(24).toString("base64url"),
    };
  }, 120_000);

  afterAll(async () => {
    for (const app of apps) {
      if (app.child.exitCode === null) {
        app.child.kill("SIGKILL");
        await app.exited;
      }
    }
    await db?.close();
    await sink?.stop();
    postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function boot() {
    const app = startProduction(env);
    apps.push(app);
    await until(
      "the server to be ready",
      async () => {
        if (app.child.exitCode !== null)
          throw new Error(`exited ${app.child.exitCode}:\n${app.stdout()}${app.stderr()}`);
        return (await fetch(`${local}/readyz`)).status === 200;
      },
      { timeoutMs: 60_000 },
    );
    return app;
  }

  it("refuses LiveKit's development key, naming it, before it opens anything", async () => {
    const app = startProduction({ ...env, LIVEKIT_API_KEY: "devkey" });
    apps.push(app);
    expect(await app.exited).toBe(1);
    expect(app.stdout() + app.stderr()).toMatch(/LIVEKIT_API_KEY is a development key/);
  });

  it("logs JSON with request ids and no secret, serves metrics to loopback only, and drains on SIGTERM", async () => {
    const app = await boot();
    // Migrated by the server itself, under its lock; the test's fixtures go in afterwards.
    expect(await migrate(db)).toBe(0);
    const world = await captureWorld(db);
    const sessionId = world.sessions[0]?.id ?? "";
    const email = `${world.member.personId}@example.test`;

    // Sign in through the real magic link, sent over SMTP as in production.
    const asked = await fetch(`${local}/api/auth/sign-in/magic-link`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: PUBLIC_URL, "x-request-id": "probe-4711" },
      body: JSON.stringify({ email, callbackURL: "/" }),
    });
    expect(asked.status).toBe(200);
    expect(asked.headers.get("x-request-id")).toBe("probe-4711");
    const mail = await sink.waitFor((m) => m.to.includes(email));
    const link = extractSignInLink(mail.text);
    const linkToken = new URL(link).searchParams.get("token") ?? "";
    expect(linkToken.length).toBeGreaterThan(10);
    const verified = await fetch(link.replace(PUBLIC_URL, local), { redirect: "manual" });
    const generatedId = verified.headers.get("x-request-id") ?? "";
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
    const cookie =
      verified.headers
        .getSetCookie()
        .map((c) => c.split(";")[0] ?? "")
        .find((c) => c.split("=")[0]?.endsWith("session_token")) ?? "";
    expect(cookie).not.toBe("");
    const sessionToken = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] ?? "";

    const ask = async (text: string) => {
      const response = await fetch(`${local}/api/trpc/capture.question.ask`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: PUBLIC_URL },
        body: JSON.stringify({ sessionId, text }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
    };

    const snapshot = await fetch(
      `${local}/api/trpc/capture.session?input=${encodeURIComponent(JSON.stringify({ sessionId }))}`,
      { headers: { cookie } },
    );
    expect(snapshot.status).toBe(200);
    const { cursor } = ((await snapshot.json()) as { result: { data: { cursor: string } } }).result.data;
    const stream = liveStream(cookie, sessionId, cursor);
    const before = `voor de herstart ${randomUUID().slice(0, 8)}`;
    await ask(before);
    await until("the question on the live stream", async () => stream.text().includes(before));

    // Metrics: for a scraper on this machine, or with the token; never through the proxy without it.
    const metrics = await fetch(`${local}/metrics`);
    expect(metrics.status).toBe(200);
    const exposition = await metrics.text();
    for (const name of [
      'reeks_http_request_duration_seconds_bucket{le="0.005",route="/api/auth/sign-in/magic-link",method="POST",status="200"}',
      'reeks_sse_streams_open{route="/api/trpc/capture.live"} 1',
      "reeks_webhook_inbox_depth 0",
      "reeks_webhook_inbox_lag_seconds 0",
      'reeks_job_queue_depth{status="pending"}',
      "reeks_rooms_live 0",
      "reeks_participants_live 0",
      "reeks_process_resident_memory_bytes",
    ]) {
      expect(exposition).toContain(name);
    }
    expect((await fetch(`${local}/metrics`, { headers: { "x-forwarded-for": "203.0.113.9" } })).status).toBe(
      404,
    );
    expect(
      (
        await fetch(`${local}/metrics`, {
          headers: { "x-forwarded-for": "203.0.113.9", authorization: `Bearer ${env.METRICS_TOKEN}` },
        })
      ).status,
    ).toBe(200);

    // SIGTERM with the stream open: it ends with a reconnect hint, and the process exits 0, quickly.
    const stoppedAt = Date.now();
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    await until("the stream to end", async () => stream.ends() === 1);
    expect(stream.text()).toMatch(/\nretry: 1000\n\n$/);
    const lastSeen = stream.lastId();
    expect(lastSeen, "the stream delivered the question before the restart").not.toBe(cursor);

    // Restarted; something happens before the client is back; it resumes from its last event id.
    const restarted = await boot();
    const during = `na de herstart ${randomUUID().slice(0, 8)}`;
    await ask(during);
    stream.resume();
    await until("the missed question after reconnecting", async () => stream.text().includes(during));
    expect(stream.text().split(before).length - 1, "nothing delivered twice").toBe(1);
    await stream.close();

    // Every line is one JSON object; the request lines carry the ids; no secret appears anywhere.
    const output = app.stdout() + restarted.stdout();
    const lines = output.split("\n").filter((line) => line.length > 0);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.every((r) => typeof r.level === "string" && typeof r.msg === "string")).toBe(true);
    expect(records).toContainEqual(
      expect.objectContaining({
        reqId: "probe-4711",
        route: "/api/auth/sign-in/magic-link",
        method: "POST",
        status: 200,
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({ reqId: generatedId, route: "/api/auth/magic-link/verify" }),
    );
    expect(records).toContainEqual(expect.objectContaining({ msg: "SIGTERM: stopping Reeks…" }));
    expect(records).toContainEqual(expect.objectContaining({ msg: "Reeks stopped." }));
    for (const secret of [
      linkToken,
      sessionToken,
      env.AUTH_SECRET,
      env.LIVEKIT_API_SECRET,
      env.METRICS_TOKEN,
      postgres.url,
    ]) {
      expect(output).not.toContain(secret);
    }
    // The console (stderr) holds only the one-time setup link, printed at each start while nobody
    // administers this Reeks; it never enters the JSON log, which ends up in log shippers.
    const consoleText = app.stderr() + restarted.stderr();
    const setupLinks = consoleText.match(/https:\/\/reeks\.test\/setup\/[\w-]+/g) ?? [];
    expect(setupLinks.length).toBeGreaterThan(0);
    for (const link of setupLinks) expect(output).not.toContain(link.split("/setup/")[1]);
    expect(consoleText.replace(/\n[^\n]*first administrator[\s\S]*?\/setup\/[\w-]+\n+/g, "").trim()).toBe("");

    restarted.child.kill("SIGTERM");
    expect(await restarted.exited).toBe(0);
  }, 180_000);
});
