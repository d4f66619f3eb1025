/**
 * Full room: N signed-in members in one live session of a real Reeks server (this process, with its
 * embedded livekit-server), each doing what the web client does there, plus writers; the load comes
 * from `--processes` child processes (full-room-load.ts). Reports reads and writes p50/p99 of the
 * steady part, against a baseline of the same harness and schedule on a bare HTTP endpoint (a fixed
 * answer the size of a roster, no database) in the same run, and the CPU of every process involved.
 *
 *   PORT=8580 LIVEKIT_PORT=8585 REEKS_BENCH_PG_PORT=8590 pnpm exec tsx bench/rooms/full-room.ts \
 *     --db postgres|pglite [--members 200] [--seconds 60] [--writers 10] [--write-every 2]
 *     [--polls room.roster:5,room.chat:10] [--ramp 20] [--processes 2] [--baseline 20]
 *
 * `--polls` is what each member reads and how often (seconds). The default is what the web client
 * polled before the room's chat and roster moved to the live stream, so reads are measured under the
 * old load; `--polls none` is the client as it is now (reads only when joining).
 * `--db postgres` starts a throwaway cluster with fsync on (or uses DATABASE_URL).
 * Run with `node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/rooms/full-room.ts …` for a profile
 * of the server.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import { loadEnv, startReeks } from "@reeks/server";
import { signInCookies } from "@reeks/server/testing";
import { startPostgres } from "@reeks/testing/postgres";
import pg from "pg";
import { cpuTicks, peakRssMb, TICKS_PER_SECOND } from "../proc";
import type { LoadPlan, LoadReport } from "./full-room-load";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    members: { type: "string", default: "200" },
    seconds: { type: "string", default: "60" },
    writers: { type: "string", default: "10" },
    "write-every": { type: "string", default: "2" },
    polls: { type: "string", default: "room.roster:5,room.chat:10" },
    ramp: { type: "string", default: "20" },
    processes: { type: "string", default: "2" },
    baseline: { type: "string", default: "20" },
  },
});
const MEMBERS = Number(args.members);
const WRITERS = Math.min(Number(args.writers), MEMBERS);
const PROCESSES = Number(args.processes);
const polls: Record<string, number> = {};
if (args.polls !== "none") {
  for (const part of (args.polls ?? "").split(",")) {
    const [path, seconds] = part.split(":");
    if (path && seconds) polls[path] = Number(seconds) * 1000;
  }
}
const progress = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}
const ms = (value: number) => (Number.isNaN(value) ? "—" : `${value.toFixed(0)} ms`);

/**
 * CPU ticks of the PostgreSQL cluster on this port: its postmaster with what its ended children used
 * (backends come and go with the pool's idle timeout), plus the children running now.
 */
function postgresTicks(port: number): number {
  const all = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  const postmaster = all.find((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      return cmd.includes("postgres") && cmd.includes(`-p ${port}`);
    } catch {
      return false;
    }
  });
  if (!postmaster) return 0;
  let ticks = 0;
  for (const pid of all) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      if (pid === postmaster)
        ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      else if (fields[1] === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks;
}
const ticksOf = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    try {
      return sum + cpuTicks(pid);
    } catch {
      return sum;
    }
  }, 0);

/** Samples CPU of named groups (each a reader of ticks so far) from when the load measures until it reports. */
function cpuSampler(groups: Record<string, () => number>) {
  let start: { at: number; ticks: Record<string, number> } | null = null;
  let end: { at: number; ticks: Record<string, number> } | null = null;
  const read = () => Object.fromEntries(Object.entries(groups).map(([name, ticks]) => [name, ticks()]));
  return {
    start: () => {
      start = { at: Date.now(), ticks: read() };
    },
    stop: () => {
      end = { at: Date.now(), ticks: read() };
    },
    percent(name: string) {
      if (!start || !end) return Number.NaN;
      const ticks = (end.ticks[name] ?? 0) - (start.ticks[name] ?? 0);
      return (ticks / TICKS_PER_SECOND / ((end.at - start.at) / 1000)) * 100;
    },
  };
}

function merge(reports: LoadReport[], key: "reads" | "writes" | "joins") {
  const out: Record<string, number[]> = {};
  for (const report of reports) {
    for (const [name, values] of Object.entries(report[key])) out[name] = [...(out[name] ?? []), ...values];
  }
  return out;
}

async function main() {
  const pgPort = Number(process.env.REEKS_BENCH_PG_PORT ?? 8590);
  const useCluster = args.db === "postgres" && !process.env.DATABASE_URL;
  const cluster = useCluster ? startPostgres(pgPort, { durable: true }) : null;
  let databaseUrl = args.db === "postgres" ? (process.env.DATABASE_URL ?? cluster?.url ?? "") : "";
  let admin: pg.Client | null = null;
  let dbName = "";
  if (databaseUrl) {
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    dbName = `reeks_bench_${randomBytes(4).toString("hex")}`;
    await admin.query(`create database ${dbName}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const dataDir = await mkdtemp(join(tmpdir(), "reeks-full-room-"));
  const port = Number(process.env.PORT ?? 8580);
  const env = loadEnv({
    HOST: "127.0.0.1",
    PORT: String(port),
    LIVEKIT_PORT: process.env.LIVEKIT_PORT ?? "8585",
    REEKS_DATA_DIR: dataDir,
    // The members stand for 200 people on their own networks; the load generator's few loopback
    // addresses would otherwise meet the per-client API limit (600 calls a minute) meant for one person.
    API_RATE_LIMIT: "0",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const reeks = await startReeks(env, () => {}).catch((error: unknown) => {
    cluster?.stop();
    throw error;
  });
  // The baseline: the same harness and schedule against a fixed answer, on this same process.
  let bareBody = "";
  const bare = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(bareBody);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/bare`;
  try {
    const db = reeks.database.db;
    const { series, session } = await firstDemoSession(db);
    progress(
      `Reeks on ${reeks.url} (${reeks.database.kind}); creating ${MEMBERS} members and signing them in`,
    );
    const tag = randomBytes(3).toString("hex");
    const moderator = await createParticipant(db, {
      email: `moderator-${tag}@bench.test`,
      name: "Moderator Mia",
      seriesId: series.id,
      role: "moderator",
    });
    const emails: string[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const email = `lid-${i}-${tag}@bench.test`;
      await createParticipant(db, { email, name: `Lid ${String(i).padStart(3, "0")}`, seriesId: series.id });
      emails.push(email);
    }
    const signInStarted = Date.now();
    const [moderatorCookie = "", ...cookies] = await signInCookies(reeks, [
      moderator.person.email,
      ...emails,
    ]);
    progress(`${cookies.length + 1} signed in in ${((Date.now() - signInStarted) / 1000).toFixed(1)} s`);
    const api = async (path: string, input: unknown) => {
      const response = await fetch(`${reeks.url}/api/trpc/${path}`, {
        method: "POST",
        headers: { cookie: moderatorCookie, "content-type": "application/json", origin: reeks.url },
        body: JSON.stringify(input),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { result: { data: unknown } }).result.data;
    };
    await api("room.start", { sessionId: session.id });
    const poll = (await api("capture.poll.create", {
      sessionId: session.id,
      question: "Waar begint u morgen mee?",
      kind: "single",
      options: ["Opdrachtgeverschap", "Uitvoeringskracht", "Samenwerking"],
    })) as { id: string };
    await api("capture.poll.setStatus", { sessionId: session.id, pollId: poll.id, status: "open" });

    const planFor = (share: number, target: string | null): LoadPlan => ({
      url: reeks.url,
      bare: target,
      sessionId: session.id,
      pollId: poll.id,
      members: cookies
        .map((cookie, i) => ({ cookie, writer: i < WRITERS, i }))
        .filter((m) => m.i % PROCESSES === share)
        .map(({ cookie, writer }) => ({ cookie, writer })),
      polls,
      writeEveryMs: Number(args["write-every"]) * 1000,
      rampMs: Number(args.ramp) * 1000,
      seconds: target ? Number(args.baseline) : Number(args.seconds),
    });

    let loadPids: number[] = [];
    const sampler = () =>
      cpuSampler({
        reeks: () => ticksOf([process.pid]),
        load: () => ticksOf(loadPids),
        postgres: () => (useCluster ? postgresTicks(pgPort) : 0),
      });

    // Baseline first: same members, same schedule, a bare answer the size of a roster.
    const rosterSize = await fetch(
      `${reeks.url}/api/trpc/room.roster?input=${encodeURIComponent(JSON.stringify({ sessionId: session.id }))}`,
      { headers: { cookie: moderatorCookie } },
    ).then((r) => r.text());
    // Warm-up: every path the members take, a few times, so the first joins do not pay for the JIT.
    for (let i = 0; i < 5; i++) {
      for (const path of ["room.info", "capture.session", "room.roster", "room.chat"]) {
        await fetch(
          `${reeks.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ sessionId: session.id }))}`,
          { headers: { cookie: moderatorCookie } },
        ).then((r) => r.text());
      }
      await api("room.join", { sessionId: session.id });
    }
    bareBody = JSON.stringify({ result: { data: "x".repeat(Math.max(0, rosterSize.length - 30)) } });
    progress(`baseline: ${args.baseline} s against ${bareUrl}`);
    const baseline = await runLoadWithCpu(
      Array.from({ length: PROCESSES }, (_, i) => planFor(i, bareUrl)),
      sampler(),
      () => {},
    );

    progress(
      `full room: ${MEMBERS} members (${WRITERS} writing every ~${args["write-every"]} s), polls ${JSON.stringify(polls)}, ramp ${args.ramp} s, then ${args.seconds} s`,
    );
    const cpu = sampler();
    const loadStart = Date.now();
    const full = await runLoadWithCpu(
      Array.from({ length: PROCESSES }, (_, i) => planFor(i, null)),
      cpu,
      (pids) => {
        loadPids = pids;
      },
    );
    const elapsed = (Date.now() - loadStart) / 1000;

    const reads = merge(full.reports, "reads");
    const writes = merge(full.reports, "writes");
    const joins = merge(full.reports, "joins");
    const errors: Record<string, number> = {};
    for (const r of full.reports)
      for (const [k, n] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + n;
    const allReads = summary(Object.values(reads).flat());
    const allWrites = summary(Object.values(writes).flat());
    const baseJoins = Object.entries(merge(baseline.reports, "joins")).filter(
      ([name]) => name !== "room.join",
    );
    const baseSteady = Object.values(merge(baseline.reports, "reads")).flat();
    // With no polls, the baseline's reads are its joins, like the full room's.
    const baseReads = summary(baseSteady.length > 0 ? baseSteady : baseJoins.flatMap(([, values]) => values));
    const baseWrites = summary(Object.values(merge(baseline.reports, "writes")).flat());
    const seconds = Number(args.seconds);
    console.log(
      `\n### ${reeks.database.kind === "pglite" ? "PGlite" : "PostgreSQL (fsync on)"}: ${MEMBERS} members, ${WRITERS} writers, ${seconds} s (load average at the end ${loadAverage()})\n`,
    );
    console.log("| requests | n | per s | p50 | p99 | max |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    const row = (name: string, s: ReturnType<typeof summary>, secs: number) =>
      console.log(
        `| ${name} | ${s.n} | ${(s.n / secs).toFixed(1)} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`,
      );
    row("**reads**", allReads, seconds);
    for (const [name, values] of Object.entries(reads)) row(`  ${name}`, summary(values), seconds);
    row("**writes**", allWrites, seconds);
    for (const [name, values] of Object.entries(writes)) row(`  ${name}`, summary(values), seconds);
    row("baseline reads (bare endpoint, same harness)", baseReads, Number(args.baseline));
    row("baseline writes (bare endpoint)", baseWrites, Number(args.baseline));
    // Joining is where the client as it is now reads: every member over the ramp.
    const joinReads = Object.entries(joins).filter(([name]) => name !== "room.join");
    const joinReadSummary = summary(joinReads.flatMap(([, values]) => values));
    row("**reads while joining** (info, snapshot, roster, chat)", joinReadSummary, Number(args.ramp));
    for (const [name, values] of Object.entries(joins))
      row(`  join: ${name}`, summary(values), Number(args.ramp));
    console.log(
      `\nRatio to the baseline: reads p99 ×${((allReads.n > 0 ? allReads : joinReadSummary).p99 / baseReads.p99).toFixed(1)}${allReads.n > 0 ? "" : " (reads while joining)"}, writes p99 ×${(allWrites.p99 / baseWrites.p99).toFixed(1)}.`,
    );
    const streamEvents = full.reports.reduce((n, r) => n + r.streamEvents, 0);
    const streamsOpen = full.reports.reduce((n, r) => n + r.streamsOpen, 0);
    console.log(
      `Live streams open: ${streamsOpen}; events received: ${streamEvents}. Errors: ${JSON.stringify(errors)}.`,
    );
    console.log(
      `CPU while measuring (% of one core): Reeks ${cpu.percent("reeks").toFixed(0)}%, load generator (${PROCESSES} processes) ${cpu.percent("load").toFixed(0)}%` +
        (useCluster ? `, PostgreSQL ${cpu.percent("postgres").toFixed(0)}%` : "") +
        `; Reeks peak RSS ${peakRssMb(process.pid).toFixed(0)} MB. Whole run ${elapsed.toFixed(0)} s.`,
    );
  } finally {
    bare.close();
    await reeks.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (admin) {
      await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await admin.end();
    }
    cluster?.stop();
  }
}

/** Runs the load; CPU is sampled from when the children say they measure until they report. */
async function runLoadWithCpu(
  plans: LoadPlan[],
  cpu: ReturnType<typeof cpuSampler>,
  onPids: (pids: number[]) => void,
) {
  const children: ChildProcess[] = plans.map((plan) =>
    spawn(
      process.execPath,
      ["--import", "tsx", new URL("./full-room-load.ts", import.meta.url).pathname, JSON.stringify(plan)],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    ),
  );
  onPids(children.map((c) => c.pid ?? 0));
  let measuring = 0;
  let reported = 0;
  const reports = await Promise.all(
    children.map(
      (child) =>
        new Promise<LoadReport>((resolve, reject) => {
          const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
          lines.on("line", (line) => {
            const message = JSON.parse(line) as { measuring?: true; report?: LoadReport };
            if (message.measuring && ++measuring === children.length) cpu.start();
            if (message.report) {
              if (++reported === 1) cpu.stop();
              resolve(message.report);
            }
          });
          child.once("exit", (code) => code !== 0 && reject(new Error(`load process exited with ${code}`)));
        }),
    ),
  );
  return { reports };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
