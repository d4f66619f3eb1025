/**
 * Fan-out benchmark: time from posting an outcome item to its arrival at 1,000 SSE subscribers spread
 * over two API instances (separate processes, one PostgreSQL), against a bare SSE broadcast of the
 * same payload to the same number of streams in the same run; then item writes per second with the
 * subscribers attached (and without, for reference).
 *
 * Every subscriber is a different person (the worst case: no two streams share a view of an event);
 * `--people N` lets them share N people instead, as several tabs of one person would.
 *
 * The subscribers are read by `--processes` child processes (default 4), not by the writer.
 *
 *   pnpm exec tsx bench/outcomes/fanout.ts [--subscribers 1000] [--people 1000] [--rounds 20] [--writes 400]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { captureWorld, TEST_PERSON_HEADER } from "@reeks/api/testing";
import { createDatabase, migrate } from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import { startPostgres } from "@reeks/testing";
import pg from "pg";

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}
const SUBSCRIBERS = arg("subscribers", 1000);
const ROUNDS = arg("rounds", 20);
const WRITES = arg("writes", 400);
const PEOPLE = Math.max(1, Math.min(arg("people", SUBSCRIBERS), SUBSCRIBERS));
const WRITE_CONCURRENCY = 16;
const SHARES = arg("processes", 4);

/** Absolute, so that times taken in the subscriber processes compare with ours. */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}
const ms = (value: number) => `${value.toFixed(1)} ms`;

interface Instance {
  api: string;
  bare: string;
  child: ChildProcess;
}

async function startInstance(url: string): Promise<Instance> {
  const script = new URL("./instance.ts", import.meta.url).pathname;
  // REEKS_BENCH_PROFILE=<dir> writes a CPU profile of each instance there.
  const profile = process.env.REEKS_BENCH_PROFILE;
  const args = [
    ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []),
    "--import",
    "tsx",
    script,
    url,
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`instance exited with ${code}`)));
  });
  return { ...(JSON.parse(line) as { api: string; bare: string }), child };
}

interface StreamSpec {
  kind: "live" | "bare";
  url: string;
  headers: Record<string, string>;
}

/**
 * A share of the subscribers, in a process of its own (subscribers.ts): a thousand streams read on
 * the writer's event loop made the writer, not the server, the bottleneck. Times are absolute
 * (performance.timeOrigin + now), so they compare across processes.
 */
class SubscriberShare {
  private readonly listeners: Array<(message: Record<string, unknown>) => boolean> = [];
  private constructor(private readonly child: ChildProcess) {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      const message = JSON.parse(line) as Record<string, unknown>;
      const index = this.listeners.findIndex((listener) => listener(message));
      if (index !== -1) this.listeners.splice(index, 1);
    });
  }

  static async start(streams: StreamSpec[]): Promise<SubscriberShare> {
    const script = new URL("./subscribers.ts", import.meta.url).pathname;
    const child = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify({ streams })], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const share = new SubscriberShare(child);
    await share.next((m) => m.ready === true);
    return share;
  }

  private next(match: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    return new Promise((resolve) =>
      this.listeners.push((message) => {
        if (!match(message)) return false;
        resolve(message);
        return true;
      }),
    );
  }

  private send(command: unknown) {
    this.child.stdin?.write(`${JSON.stringify(command)}\n`);
  }

  /** Resolves once the share is waiting; `arrivals` then resolves with every stream's arrival time. */
  async waitFor(marker: string, kind: StreamSpec["kind"]): Promise<{ arrivals: Promise<number[]> }> {
    const waiting = this.next((m) => m.waiting === marker);
    const arrivals = this.next((m) => m.marker === marker).then((m) => m.times as number[]);
    this.send({ wait: marker, kind });
    await waiting;
    return { arrivals };
  }

  async count(kind: StreamSpec["kind"]): Promise<number> {
    const answer = this.next((m) => typeof m.count === "number");
    this.send({ count: true, kind });
    return (await answer).count as number;
  }

  async payload(): Promise<string> {
    const answer = this.next((m) => typeof m.payload === "string");
    this.send({ payload: true });
    return (await answer).payload as string;
  }

  close() {
    this.send({ close: true });
  }
}

/** Every share waits for the marker; then `arrivals` gives all arrival times together. */
async function waitEverywhere(shares: SubscriberShare[], marker: string, kind: StreamSpec["kind"]) {
  const waits = await Promise.all(shares.map((share) => share.waitFor(marker, kind)));
  return { arrivals: Promise.all(waits.map((w) => w.arrivals)).then((all) => all.flat()) };
}

async function trpc(base: string, path: string, personId: string, input: unknown) {
  const response = await fetch(`${base}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", [TEST_PERSON_HEADER]: personId },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { result: { data: unknown } }).result.data;
}

async function main() {
  const external = process.env.DATABASE_URL;
  const cluster = external ? null : startPostgres(Number(process.env.REEKS_BENCH_PG_PORT ?? 54490));
  const serverUrl = external ?? cluster?.url ?? "";
  const name = `reeks_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  const instances: Instance[] = [];
  const shares: SubscriberShare[] = [];
  try {
    const setup = createDatabase({ kind: "postgres", url: dbUrl.toString(), maxConnections: 4 });
    await migrate(setup);
    const world = await captureWorld(setup);
    const people: string[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      people.push(
        (await createParticipant(setup.db, { seriesId: world.seriesId, name: `Kijker ${i}` })).personId,
      );
    }
    await setup.close();
    const sessionId = world.sessions[0]?.id ?? "";
    instances.push(
      ...(await Promise.all([startInstance(dbUrl.toString()), startInstance(dbUrl.toString())])),
    );
    const [a, b] = instances as [Instance, Instance];
    console.log(
      `Two API instances: ${a.api}, ${b.api}; ${SUBSCRIBERS} subscribers (${PEOPLE} people); ${ROUNDS} rounds.`,
    );

    const snapshotResponse = await fetch(
      `${a.api}/api/trpc/capture.session?input=${encodeURIComponent(JSON.stringify({ sessionId }))}`,
      { headers: { [TEST_PERSON_HEADER]: world.member.personId } },
    );
    const snapshot = ((await snapshotResponse.json()) as { result: { data: { cursor: string } } }).result
      .data;
    const liveInput = encodeURIComponent(JSON.stringify({ sessionId, lastEventId: snapshot.cursor }));
    const specs: StreamSpec[][] = Array.from({ length: SHARES }, () => []);
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const instance = i % 2 === 0 ? a : b;
      const headers = { [TEST_PERSON_HEADER]: people[i % people.length] ?? "" };
      const share = specs[i % SHARES] ?? [];
      share.push({ kind: "live", url: `${instance.api}/api/trpc/capture.live?input=${liveInput}`, headers });
      share.push({ kind: "bare", url: `${instance.bare}/sse`, headers: {} });
    }
    // One share after another, so the servers' accept queues keep up.
    for (const streams of specs) shares.push(await SubscriberShare.start(streams));
    await sleep(500);

    const liveLatencies: number[] = [];
    const bareLatencies: number[] = [];
    const roundSpread: number[] = [];
    let payload = "";
    for (let round = 0; round < ROUNDS + 2; round++) {
      const warmup = round < 2;
      // Through the whole stack: mutation on instance A → database → NOTIFY → both instances → SSE.
      const marker = `bench-${round}-${randomBytes(4).toString("hex")}`;
      const live = await waitEverywhere(shares, marker, "live");
      const t0 = now();
      const posting = trpc(a.api, "capture.outcome.capture", world.member.personId, {
        sessionId,
        kind: "problem",
        text: `Wachtlijsten lopen op (${marker})`,
      });
      const times = await live.arrivals;
      await posting;
      if (!warmup) {
        liveLatencies.push(...times.map((t) => t - t0));
        roundSpread.push(Math.max(...times) - Math.min(...times));
      }
      // The same payload, broadcast bare by both instances to the same number of streams.
      // What a tRPC subscriber just received, byte for byte, with a marker of its own.
      payload ||= (await shares[0]?.payload()) ?? "";
      const bareMarker = `bare-${round}-${randomBytes(4).toString("hex")}`;
      const body = payload.replace(/bench-\d+-[0-9a-f]+/, bareMarker);
      const bare = await waitEverywhere(shares, bareMarker, "bare");
      const t1 = now();
      await Promise.all(
        [a, b].map((instance) => fetch(`${instance.bare}/broadcast`, { method: "POST", body })),
      );
      const bareTimes = await bare.arrivals;
      if (!warmup) bareLatencies.push(...bareTimes.map((t) => t - t1));
      await sleep(150);
    }

    // Write throughput with the subscribers attached: every write fans out to all of them.
    async function writes(count: number, label: string) {
      const marker = `${label}-${randomBytes(4).toString("hex")}`;
      let next = 0;
      const started = now();
      await Promise.all(
        Array.from({ length: WRITE_CONCURRENCY }, async () => {
          while (next < count) {
            const i = next++;
            await trpc(i % 2 === 0 ? a.api : b.api, "capture.outcome.capture", world.moderator.personId, {
              sessionId,
              kind: "insight",
              text: `${marker} ${i}`,
            });
          }
        }),
      );
      return { perSecond: count / ((now() - started) / 1000), elapsed: now() - started };
    }
    const liveReceived = async () =>
      (await Promise.all(shares.map((share) => share.count("live")))).reduce((n, c) => n + c, 0);
    const receivedBefore = await liveReceived();
    const withSubscribers = await writes(WRITES, "load");
    // Wait until every subscriber has every item, so the fan-out is part of the measurement.
    const drainStarted = now();
    const expected = receivedBefore + WRITES * SUBSCRIBERS;
    let drained = false;
    while (!drained && now() - drainStarted < 60_000) {
      drained = (await liveReceived()) >= expected;
      if (!drained) await sleep(20);
    }
    const drainMs = now() - drainStarted;
    for (const share of shares) share.close();
    shares.length = 0;
    await sleep(500);
    const withoutSubscribers = await writes(WRITES, "alone");

    const l = summary(liveLatencies);
    const r = summary(bareLatencies);
    const spread = summary(roundSpread);
    console.log("\n| measure | n | p50 | p95 | p99 | max |");
    console.log("| --- | --- | --- | --- | --- | --- |");
    console.log(
      `| item → ${SUBSCRIBERS} subscribers (tRPC SSE, NOTIFY, 2 instances) | ${l.n} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${ms(l.max)} |`,
    );
    console.log(
      `| bare SSE broadcast, same payload, same streams | ${r.n} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} |`,
    );
    console.log(
      `| first → last subscriber within a round (tRPC) | ${spread.n} | ${ms(spread.p50)} | ${ms(spread.p95)} | ${ms(spread.p99)} | ${ms(spread.max)} |`,
    );
    console.log(
      `\nWrites: ${withSubscribers.perSecond.toFixed(0)} items/s with ${SUBSCRIBERS} subscribers attached ` +
        `(${WRITES} writes, ${WRITE_CONCURRENCY} at a time, both instances; all delivered ${drained ? `${ms(drainMs)} after the last write` : "NOT within 60 s"}), ` +
        `${withoutSubscribers.perSecond.toFixed(0)} items/s without subscribers.`,
    );
  } finally {
    for (const share of shares) share.close();
    for (const instance of instances) instance.child.kill("SIGTERM");
    await sleep(500);
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
    cluster?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
