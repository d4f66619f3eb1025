import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { captureWorld } from "@reeks/api/testing";
import { createDatabase, type DatabaseHandle, eq, inArray, Job, Question } from "@reeks/db";
import { testLivekit } from "@reeks/testing/livekit-env";
import { type Postgres, startPostgres } from "@reeks/testing/postgres";
import { sleep, until } from "@reeks/testing/wait";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractSignInLink } from "./testing";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const mainScript = join(repoRoot, "apps/server/src/main.ts");
const OUTAGE_MS = 15_000;

/**
 * The real server (apps/server/src/main.ts) as a child process, as in production: a rejection nobody
 * handles would end this process, which is exactly what the outage used to do.
 */
function startApp(env: Record<string, string>) {
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", mainScript], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TZ: process.env.TZ ?? "UTC", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** A raw SSE stream of `capture.live` that, like tRPC's client, resumes after its last event id. */
function liveStream(url: string, cookie: string, sessionId: string) {
  let text = "";
  let lastId: string | null = null;
  let closed = false;
  const controller = new AbortController();
  const run = async () => {
    while (!closed) {
      try {
        const input = lastId ? { sessionId, lastEventId: lastId } : { sessionId };
        const response = await fetch(
          `${url}/api/trpc/capture.live?input=${encodeURIComponent(JSON.stringify(input))}`,
          { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal },
        );
        const decoder = new TextDecoder();
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          text += decoder.decode(chunk, { stream: true });
          for (const match of text.matchAll(/^id: ?(\d+)$/gm)) lastId = match[1] ?? lastId;
        }
      } catch {
        // Dropped (the server destroys a stream it cannot serve during the outage): reconnect.
      }
      if (!closed) await sleep(500);
    }
  };
  const running = run();
  return {
    text: () => text,
    async close() {
      closed = true;
      controller.abort();
      await running;
    },
  };
}

describe("PostgreSQL stopped for 15 s while the app is being written to", () => {
  let postgres: Postgres;
  let db: DatabaseHandle;
  let app: ReturnType<typeof startApp>;
  let dataDir: string;

  beforeAll(async () => {
    postgres = startPostgres(Number(process.env.REEKS_TEST_PG_PORT ?? 54329) + 7);
    dataDir = await mkdtemp(join(tmpdir(), "reeks-outage-"));
    const livekit = testLivekit();
    app = startApp({
      DATABASE_URL: postgres.url,
      HOST: "127.0.0.1",
      PORT: "0",
      REEKS_DATA_DIR: dataDir,
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
    });
    db = createDatabase({ kind: "postgres", url: postgres.url, maxConnections: 2 });
  });

  afterAll(async () => {
    app?.child.kill("SIGTERM");
    await app?.exited;
    await db?.close();
    try {
      postgres?.stop();
    } catch {
      // Already stopped by a failed test; its folder is removed all the same.
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it("survives, answers 503 meanwhile, and recovers without a restart or a lost write", async () => {
    const url = await until(
      "the app to start",
      async () => /Reeks is running on (http:\/\/\S+)/.exec(app.output())?.[1],
      { timeoutMs: 60_000 },
    );
    const world = await captureWorld(db);
    const sessionId = world.sessions[0]?.id ?? "";
    const email = `${world.member.personId}@example.test`;

    // Sign in through the real magic link, read from the app's own outbox.
    const asked = await fetch(`${url}/api/auth/sign-in/magic-link`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url },
      body: JSON.stringify({ email, callbackURL: "/" }),
    });
    expect(asked.status).toBe(200);
    const mail = await until("the sign-in mail", async () => {
      const { mails } = (await (await fetch(`${url}/api/dev/outbox`)).json()) as {
        mails: Array<{ to: string[] | string; text: string }>;
      };
      return mails.find((m) => String(m.to).includes(email));
    });
    const verified = await fetch(extractSignInLink(mail.text), { redirect: "manual" });
    const cookie =
      verified.headers
        .getSetCookie()
        .map((c) => c.split(";")[0] ?? "")
        .find((c) => c.split("=")[0]?.endsWith("session_token")) ?? "";
    expect(cookie).not.toBe("");
    const token = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] ?? "";

    const stream = liveStream(url, cookie, sessionId);

    // Writes one after another, all through the outage: which were acknowledged, and how the others failed.
    const acknowledged: string[] = [];
    const refusals: Array<{ status: number; body: string }> = [];
    let writing = true;
    let n = 0;
    const writer = (async () => {
      while (writing) {
        const text = `vraag ${n++} ${randomUUID().slice(0, 8)}`;
        try {
          const response = await fetch(`${url}/api/trpc/capture.question.ask`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie, origin: url, "x-reeks-locale": "en" },
            body: JSON.stringify({ sessionId, text }),
            signal: AbortSignal.timeout(10_000),
          });
          const body = await response.text();
          if (response.status === 200) acknowledged.push(text);
          else refusals.push({ status: response.status, body });
        } catch (error) {
          refusals.push({ status: 0, body: String(error) });
        }
        await sleep(100);
      }
    })();

    // A job that falls due in the middle of the outage, and one enqueued when the database is back.
    const jobKeys = [`outage-test:${randomUUID()}`, `outage-test:${randomUUID()}`];
    const mailJob = (key: string, runAt: Date) => ({
      kind: "mail.send",
      payload: { mail: { to: email, subject: key, text: "x", messageId: `<${randomUUID()}@reeks.mail>` } },
      idempotencyKey: key,
      runAt,
    });
    await db.db.insert(Job).values(mailJob(jobKeys[0] ?? "", new Date(Date.now() + 5_000)));

    await until("a few acknowledged writes", async () => acknowledged.length >= 5);
    const pid = app.child.pid;
    postgres.pause();
    const stoppedAt = Date.now();

    // During the outage: a clear 503 from /readyz (while /healthz, liveness, stays 200), translated 503s from tRPC, and the same process.
    await sleep(3_000);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const health = await fetch(`${url}/readyz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: "error",
      database: "unreachable",
      reason: expect.stringMatching(/^database unavailable/),
    });
    const refusal = await until("a refused write", async () => refusals.find((r) => r.status === 503));
    expect(JSON.parse(refusal.body)).toMatchObject({
      error: {
        message: "Reeks cannot reach its database right now. Please try again in a minute.",
        data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 },
      },
    });
    const inDutch = await fetch(`${url}/api/trpc/capture.question.ask`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: url, "x-reeks-locale": "nl" },
      body: JSON.stringify({ sessionId, text: "tijdens de storing" }),
    });
    expect(inDutch.status).toBe(503);
    expect(((await inDutch.json()) as { error: { message: string } }).error.message).toBe(
      "Reeks kan de database nu niet bereiken. Probeer het over een minuut opnieuw.",
    );
    await sleep(Math.max(0, stoppedAt + OUTAGE_MS - Date.now()));
    expect(app.child.exitCode).toBeNull();
    expect((await fetch(`${url}/readyz`)).status).toBe(503);

    postgres.resume();
    await until("/readyz to be 200 again", async () => (await fetch(`${url}/readyz`)).status === 200, {
      timeoutMs: 30_000,
    });
    expect(app.child.pid).toBe(pid);
    expect(app.child.exitCode).toBeNull();
    await db.db.insert(Job).values(mailJob(jobKeys[1] ?? "", new Date()));

    const countBefore = acknowledged.length;
    await until("writes acknowledged again", async () => acknowledged.length >= countBefore + 5);
    writing = false;
    await writer;

    // Every acknowledged write is stored.
    const stored = await db.db
      .select({ text: Question.text })
      .from(Question)
      .where(eq(Question.sessionId, sessionId));
    const storedTexts = new Set(stored.map((q) => q.text));
    expect(acknowledged.filter((text) => !storedTexts.has(text))).toEqual([]);
    // Nothing failed except with the outage's 503 (or the connection cut while the server shut down).
    expect(refusals.filter((r) => r.status !== 503 && r.status !== 0)).toEqual([]);
    for (const r of refusals) expect(r.body).not.toMatch(/select|insert|params|Failed query/i);

    // Both jobs ran after the outage.
    await until(
      "both jobs to be done",
      async () => {
        const jobs = await db.db.select().from(Job).where(inArray(Job.idempotencyKey, jobKeys));
        return jobs.length === 2 && jobs.every((job) => job.status === "done");
      },
      { timeoutMs: 30_000 },
    );

    // The live stream delivers again, including every write acknowledged around the outage.
    await until(
      "every acknowledged question on the live stream",
      async () => acknowledged.every((text) => stream.text().includes(text)),
      { timeoutMs: 20_000 },
    );
    await stream.close();

    // The outage is logged once per loop, not once per tick, and never with a session token.
    const output = app.output();
    expect(output).not.toContain(token);
    expect(output).not.toMatch(/params:/);
    const outageLines = output.split("\n").filter((line) => line.includes("database unavailable"));
    expect(outageLines.length).toBeGreaterThan(0);
    expect(outageLines.length).toBeLessThanOrEqual(8);
    expect(output).toMatch(/database back after \d+ s/);
    expect(app.child.exitCode).toBeNull();
  }, 150_000);
});
