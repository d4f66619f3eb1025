/**
 * External caption feed → SSE viewers: an external service posts 10 caption lines a second (Zoom's
 * CART shape: text/plain, seq in the query) to one API instance on PostgreSQL; 200 viewers follow
 * the session's live stream (`capture.live`, the browser's path). Measured: time from starting each
 * POST to the line's arrival at every viewer, and the POST's own answer time. Baseline in the same
 * run: a bare SSE broadcast of the same bytes to the same number of plain streams at the same rate.
 *
 * Viewers are read by a child process (this file with `--viewers`), not by the poster; times are
 * absolute (performance.timeOrigin + now()) so they compare across processes.
 *
 *   pnpm exec tsx bench/captions/feed-fanout.ts [--viewers 200] [--lines 200] [--rate 10]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { captureWorld, startApiInstance, TEST_PERSON_HEADER } from "@reeks/api/testing";
import { createDatabase, eq, migrate, Session } from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import { startPostgres } from "@reeks/testing";
import pg from "pg";

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
function row(label: string, values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(1)} ms`;
  return `| ${label} | ${s.length} | ${f(percentile(s, 50))} | ${f(percentile(s, 95))} | ${f(percentile(s, 99))} | ${f(s.at(-1) ?? Number.NaN)} |`;
}

/** Child: reads every stream, reports `{marker, at}` arrivals of lines `L<n>` as JSON lines. */
async function viewers(spec: { streams: Array<{ url: string; headers: Record<string, string> }> }) {
  const decoder = new TextDecoder();
  let open = 0;
  await Promise.all(
    spec.streams.map(async (stream, index) => {
      const response = await fetch(stream.url, {
        headers: { accept: "text/event-stream", ...stream.headers },
      });
      if (!response.ok || !response.body) throw new Error(`stream ${index}: ${response.status}`);
      open += 1;
      if (open === spec.streams.length) process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
      let buffer = "";
      const reader = response.body.getReader();
      void (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          const at = now();
          buffer += decoder.decode(value, { stream: true });
          let cut = buffer.indexOf("\n\n");
          while (cut !== -1) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const marker = /"text":"(L\d+)"/.exec(frame)?.[1];
            if (marker && /"kind":"final"|"bare":true/.test(frame))
              process.stdout.write(`${JSON.stringify({ marker, at })}\n`);
            cut = buffer.indexOf("\n\n");
          }
        }
      })();
    }),
  );
}

async function startViewers(streams: Array<{ url: string; headers: Record<string, string> }>) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", new URL(import.meta.url).pathname, "--viewers-child"],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  child.stdin?.end(JSON.stringify({ streams }));
  const arrivals = new Map<string, number[]>();
  let ready: () => void = () => {};
  const isReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    const message = JSON.parse(line) as { ready?: true; marker?: string; at?: number };
    if (message.ready) ready();
    else if (message.marker && message.at) {
      const list = arrivals.get(message.marker) ?? [];
      list.push(message.at);
      arrivals.set(message.marker, list);
    }
  });
  await isReady;
  return { child, arrivals };
}

async function waitForAll(
  arrivals: Map<string, number[]>,
  markers: string[],
  count: number,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (markers.some((m) => (arrivals.get(m)?.length ?? 0) < count)) {
    if (Date.now() > deadline) {
      const missing = markers.filter((m) => (arrivals.get(m)?.length ?? 0) < count).length;
      throw new Error(`${missing} lines did not reach every viewer`);
    }
    await sleep(50);
  }
}

async function main() {
  const VIEWERS = arg("viewers", 200);
  const LINES = arg("lines", 200);
  const RATE = arg("rate", 10);
  const external = process.env.DATABASE_URL;
  const cluster = external ? null : startPostgres(Number(process.env.REEKS_BENCH_PG_PORT ?? 9450));
  const serverUrl = external ?? cluster?.url ?? "";
  const name = `reeks_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  const handle = createDatabase({ kind: "postgres", url: dbUrl.toString(), maxConnections: 10 });
  const children: ChildProcess[] = [];
  try {
    await migrate(handle);
    const world = await captureWorld(handle);
    const sessionId = world.sessions[0]?.id ?? "";
    await handle.db.update(Session).set({ status: "live" }).where(eq(Session.id, sessionId));
    // Twenty people, ten tabs each: viewers of a session share the caption view, as in a real room.
    const people: string[] = [];
    for (let i = 0; i < Math.min(20, VIEWERS); i++)
      people.push(
        (await createParticipant(handle.db, { seriesId: world.seriesId, name: `Kijker ${i}` })).personId,
      );
    const api = await startApiInstance(handle);
    const feedAnswer = await fetch(`${api.url}/api/trpc/captions.feed.create`, {
      method: "POST",
      headers: { "content-type": "application/json", [TEST_PERSON_HEADER]: world.moderator.personId },
      body: JSON.stringify({ sessionId }),
    });
    const feed = ((await feedAnswer.json()) as { result: { data: { path: string } } }).result.data;
    const input = encodeURIComponent(JSON.stringify({ sessionId }));
    const live = await startViewers(
      Array.from({ length: VIEWERS }, (_, i) => ({
        url: `${api.url}/api/trpc/capture.live?input=${input}`,
        headers: { [TEST_PERSON_HEADER]: people[i % people.length] ?? "" },
      })),
    );
    children.push(live.child);

    // Captions: 10 POSTs a second, each timed from its start.
    const interval = 1000 / RATE;
    const sent = new Map<string, number>();
    const answers: number[] = [];
    const posts: Promise<void>[] = [];
    const start = now();
    for (let i = 0; i < LINES; i++) {
      await sleep(Math.max(0, start + i * interval - now()));
      const marker = `L${i}`;
      const t0 = now();
      sent.set(marker, t0);
      posts.push(
        fetch(`${api.url}${feed.path}?seq=${i + 1}&lang=nl`, {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: marker,
        }).then(async (r) => {
          if (r.status !== 200) throw new Error(`POST ${i}: ${r.status} ${await r.text()}`);
          answers.push(now() - t0);
        }),
      );
    }
    await Promise.all(posts);
    const markers = [...sent.keys()];
    await waitForAll(live.arrivals, markers, VIEWERS);
    // The first tenth warms up (connections, JIT, plans).
    const counted = markers.slice(Math.floor(LINES / 10));
    const delivery = counted.flatMap((m) =>
      (live.arrivals.get(m) ?? []).map((at) => at - (sent.get(m) ?? at)),
    );

    // Baseline: the same bytes, by a plain server to as many plain SSE streams, at the same rate.
    const frame = `id: 1\ndata: {"type":"caption","kind":"final","line":{"text":"LX"}}\n\n`;
    const streams = new Set<ServerResponse>();
    const bare = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write(": open\n\n");
      streams.add(res);
    });
    await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    const plain = await startViewers(Array.from({ length: VIEWERS }, () => ({ url: bareUrl, headers: {} })));
    children.push(plain.child);
    const bareSent = new Map<string, number>();
    const bareStart = now();
    for (let i = 0; i < LINES; i++) {
      await sleep(Math.max(0, bareStart + i * interval - now()));
      const marker = `L${i}`;
      bareSent.set(marker, now());
      const payload = frame.replace('"LX"', `"${marker}"`).replace("}}", `},"bare":true}`);
      for (const res of streams) res.write(payload);
    }
    await waitForAll(plain.arrivals, markers, VIEWERS);
    const bareDelivery = counted.flatMap((m) =>
      (plain.arrivals.get(m) ?? []).map((at) => at - (bareSent.get(m) ?? at)),
    );
    for (const res of streams) res.end();
    bare.close();

    console.log(
      `${LINES} lines at ${RATE}/s, ${VIEWERS} SSE viewers (${people.length} people), first ${Math.floor(LINES / 10)} lines not counted.`,
    );
    console.log("| measure | n | p50 | p95 | p99 | max |");
    console.log("| --- | --- | --- | --- | --- | --- |");
    console.log(row(`POST → ${VIEWERS} viewers (stored, NOTIFY, broadcaster)`, delivery));
    console.log(row("POST answered (stored and published)", answers.slice(Math.floor(LINES / 10))));
    console.log(row(`bare SSE broadcast to ${VIEWERS} streams`, bareDelivery));
    await api.stop();
  } finally {
    for (const child of children) child.kill();
    await handle.close();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
    cluster?.stop();
  }
}

if (process.argv.includes("--viewers-child")) {
  let input = "";
  process.stdin.on("data", (chunk) => {
    input += chunk;
  });
  process.stdin.on("end", () => void viewers(JSON.parse(input)));
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
