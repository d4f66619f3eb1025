/**
 * Webhook ingestion: signed LiveKit events per second accepted and stored by POST /livekit/webhook,
 * with answer times, against a bare node:http server answering 200, in the same run.
 *
 *   pnpm exec tsx bench/rooms/webhook-ingestion.ts [rate=1000] [seconds=10] [--postgres]
 *
 * Open loop at a fixed rate (latency counted from the scheduled send time, so a stalled server is
 * not hidden), then closed loop with 64 requests in flight for the maximum rate.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import { createInterface } from "node:readline";
import { signWebhook } from "@reeks/livekit/testing";
import { startPostgres } from "@reeks/testing";
import { cpuTicks, TICKS_PER_SECOND } from "../proc";

const positional = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const rate = Number(positional[0] ?? 1000);
const seconds = Number(positional[1] ?? 10);
/** --postgres: store into a throwaway PostgreSQL cluster (fsync on) instead of PGlite on disk. */
const onPostgres = process.argv.includes("--postgres");
const apiKey = "bench-key";
const apiSecret = randomBytes(24).toString("hex");
const roomName = `rk_bench_${randomBytes(6).toString("hex")}`;
const identities = Array.from({ length: 100 }, (_, i) => `p_bench${i.toString().padStart(3, "0")}`);

interface Signed {
  body: string;
  auth: string;
}

/** A realistic stream: each identity joins and leaves over and over under new sids. */
function makeEvents(count: number, prefix: string): Signed[] {
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => {
    const identity = identities[i % identities.length] ?? "";
    const round = Math.floor(i / (identities.length * 2));
    const joined = Math.floor(i / identities.length) % 2 === 0;
    const body = JSON.stringify({
      event: joined ? "participant_joined" : "participant_left",
      id: `EV_${prefix}_${i}`,
      createdAt: String(now + round),
      room: { sid: "RM_bench", name: roomName },
      participant: {
        sid: `PA_${identity}_${round}`,
        identity,
        state: joined ? "ACTIVE" : "DISCONNECTED",
        joinedAt: String(now + round),
        joinedAtMs: String((now + round) * 1000),
      },
    });
    return { body, auth: signWebhook(body, apiKey, apiSecret, { expiresInSeconds: 600 }) };
  });
}

async function startTarget(args: string[]): Promise<{ port: number; child: ChildProcess }> {
  // REEKS_BENCH_PROFILE=<dir> writes a CPU profile of each target there.
  const profile = process.env.REEKS_BENCH_PROFILE;
  const script = new URL("./webhook-target.ts", import.meta.url).pathname;
  const flags = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...flags, "--import", "tsx", script, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...(cluster ? { DATABASE_URL: cluster.url } : {}) },
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    if (line.startsWith("{")) return { port: (JSON.parse(line) as { port: number }).port, child };
  }
  throw new Error("target did not start");
}

const cluster = onPostgres
  ? startPostgres(Number(process.env.REEKS_BENCH_PG_PORT ?? 54491), { durable: true })
  : null;
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(port: number, e: Signed): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/livekit/webhook",
        method: "POST",
        agent,
        headers: {
          Authorization: e.auth,
          "Content-Type": "application/webhook+json",
          "Content-Length": Buffer.byteLength(e.body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(e.body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function openLoop(port: number, events: Signed[]) {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(events.length, Math.floor(((performance.now() - started) / 1000) * rate));
      while (sent < due) {
        const scheduled = started + (sent / rate) * 1000;
        const e = events[sent];
        sent += 1;
        if (!e) break;
        pending.push(
          post(port, e).then(
            (status) => {
              if (status !== 200) failures += 1;
              latencies.push(performance.now() - scheduled);
            },
            () => {
              failures += 1;
            },
          ),
        );
      }
      if (sent >= events.length) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    sent: events.length,
    failures,
    achieved: events.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
  };
}

/**
 * CPU time the target process has used, in ms: per event, a measure of the server's own work that
 * CPU starvation on a shared machine does not inflate as it does latency.
 */
function cpuMs(pid: number | undefined): number {
  return pid ? (cpuTicks(pid) * 1000) / TICKS_PER_SECOND : Number.NaN;
}

async function closedLoop(port: number, events: Signed[], concurrency = 64) {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < events.length) {
        const e = events[next];
        next += 1;
        if (!e) break;
        if ((await post(port, e).catch(() => 0)) !== 200) failures += 1;
      }
    }),
  );
  return { perSecond: events.length / ((performance.now() - started) / 1000), failures };
}

const fmt = (n: number) => n.toFixed(n < 10 ? 2 : 0);

async function main() {
  const total = rate * seconds;
  console.log(`Preparing ${total * 2 + 20_000} signed events…`);
  const targets = {
    bare: await startTarget(["bare"]),
    reeks: await startTarget(["reeks", apiKey, apiSecret, roomName, identities.join(",")]),
  };
  try {
    const results: Record<
      string,
      Awaited<ReturnType<typeof openLoop>> & { max_rps: number; cpu_per_event: number }
    > = {};
    for (const name of ["bare", "reeks"] as const) {
      const { port } = targets[name];
      console.log(`${name}: warming up on port ${port}…`);
      // Warm up connections and JIT.
      const warm = await closedLoop(port, makeEvents(500, `${name}_warm`), 16);
      console.log(`${name}: warm-up ${fmt(warm.perSecond)} events/s, ${warm.failures} non-200`);
      console.log(`${name}: open loop…`);
      const open = await openLoop(port, makeEvents(total, `${name}_open`));
      console.log(`${name}: closed loop…`);
      const closedEvents = makeEvents(10_000, `${name}_closed`);
      const cpuBefore = cpuMs(targets[name].child.pid);
      const closed = await closedLoop(port, closedEvents);
      const cpuPerEvent = (cpuMs(targets[name].child.pid) - cpuBefore) / closedEvents.length;
      if (closed.failures) open.failures += closed.failures;
      results[name] = { ...open, max_rps: closed.perSecond, cpu_per_event: cpuPerEvent };
    }
    const bare = results.bare;
    const reeks = results.reeks;
    if (!bare || !reeks) throw new Error("missing results");
    console.log(
      `\nOpen loop at ${rate} events/s for ${seconds} s, then 10,000 events with 64 in flight; database: ${onPostgres ? "PostgreSQL (fsync on)" : "PGlite on disk"}:\n`,
    );
    console.log(
      "| server | sent | non-200 | achieved/s | p50 ms | p99 ms | max ms | max events/s | CPU ms/event |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const [name, r] of Object.entries(results)) {
      console.log(
        `| ${name === "bare" ? "bare node:http 200" : "Reeks /livekit/webhook"} | ${r.sent} | ${r.failures} | ${fmt(r.achieved)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.max_rps)} | ${r.cpu_per_event.toFixed(3)} |`,
      );
    }
    console.log(
      `\nRatio Reeks/bare: p50 ×${(reeks.p50 / bare.p50).toFixed(1)}, p99 ×${(reeks.p99 / bare.p99).toFixed(1)}, max throughput ${(
        (reeks.max_rps / bare.max_rps) * 100
      ).toFixed(0)} % of bare, CPU per event ×${(reeks.cpu_per_event / bare.cpu_per_event).toFixed(1)}.`,
    );
  } finally {
    agent.destroy();
    // The targets close their databases before the cluster goes.
    await Promise.all(
      Object.values(targets).map(
        (t) =>
          new Promise((resolve) => {
            t.child.once("exit", resolve);
            t.child.kill("SIGTERM");
            setTimeout(resolve, 10_000).unref();
          }),
      ),
    );
    cluster?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
