/**
 * Production memory and start-up: the server as systemd runs it (`node apps/server/dist/main.js`,
 * NODE_ENV=production, its own livekit-server), against the same server under tsx (what `pnpm start`
 * ran before), in the same run. For each: time from spawn to /readyz answering 200, resident set
 * size (VmRSS) after IDLE seconds idle, and the V8 heap and external memory from /metrics. Then,
 * on the compiled server, a session with N rtc-node bots (bench/rooms/bots.ts processes) joined:
 * RSS in the steady room and the peak (VmHWM) over the whole run.
 *
 *   pnpm --filter @reeks/server build
 *   PORT=9160 LIVEKIT_PORT=9170 REEKS_BENCH_PG_PORT=9180 pnpm exec tsx bench/production/memory.ts \
 *     [--bots 200] [--processes 5] [--idle 20] [--runners compiled,tsx] [--dbs pglite-new,pglite,postgres]
 *
 * `pglite-new` is a first start (initdb in a fresh folder), `pglite` a restart on that folder.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import {
  createDatabase,
  type DatabaseHandle,
  eq,
  migrate,
  RoomSeat,
  Session,
  seedDemoSeries,
} from "@reeks/db";
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import { mintRoomToken, newOpaqueIdentity } from "@reeks/livekit";
import { startSmtpSink } from "@reeks/mail";
import { startPostgres } from "@reeks/testing/postgres";
import type { BotMessage, BotSpec } from "../rooms/bot-protocol";
import { MARK } from "../rooms/bot-protocol";

const { values: args } = parseArgs({
  options: {
    bots: { type: "string", default: "200" },
    processes: { type: "string", default: "5" },
    idle: { type: "string", default: "20" },
    runners: { type: "string", default: "compiled,tsx" },
    dbs: { type: "string", default: "pglite-new,pglite,postgres" },
    "join-seconds": { type: "string", default: "600" },
  },
});
/** On a loaded machine 200 rtc-node bots may take longer than this to join: measure what is in then. */
const JOIN_MS = Number(args["join-seconds"]) * 1000;
/** Everything this run started, for a stop by Ctrl-C or a timeout not to leave servers behind. */
const children = new Set<ChildProcess>();
let stopPostgres: (() => void) | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const child of children) child.kill("SIGTERM");
    stopPostgres?.();
    process.exit(130);
  });
}
const BOTS = Number(args.bots);
const PROCESSES = Number(args.processes);
const IDLE_MS = Number(args.idle) * 1000;
const PORT = Number(process.env.PORT ?? 9160);
const LIVEKIT_PORT = Number(process.env.LIVEKIT_PORT ?? 9170);
const PG_PORT = Number(process.env.REEKS_BENCH_PG_PORT ?? 9180);
const root = new URL("../../", import.meta.url).pathname;
const progress = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function status(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return Number(line?.split(" ")[1] ?? Number.NaN) / 1024 / 1024;
}

const runners = {
  compiled: [join(root, "apps/server/dist/main.js")],
  tsx: ["--import", "tsx", join(root, "apps/server/src/main.ts")],
} as const;

interface Started {
  child: ChildProcess;
  readyMs: number;
  output: () => string;
}

async function startServer(runner: keyof typeof runners, env: Record<string, string>): Promise<Started> {
  let output = "";
  const began = performance.now();
  const child = spawn(process.execPath, [...runners[runner]], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${output.slice(-3000)}`);
    const ok = await fetch(`http://127.0.0.1:${PORT}/readyz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    await sleep(50);
  }
  return { child, readyMs: performance.now() - began, output: () => output };
}

async function stopServer(started: Started): Promise<number> {
  const began = performance.now();
  const exited = new Promise((r) => started.child.once("exit", r));
  started.child.kill("SIGTERM");
  await exited;
  return performance.now() - began;
}

/** Prepares a live session with `count` seats and tokens, in the database before the server opens it. */
async function prepareBots(
  handle: DatabaseHandle,
  keys: { apiKey: string; apiSecret: string },
  count: number,
) {
  await migrate(handle);
  await seedDemoSeries(handle.db);
  const { series, session } = await firstDemoSession(handle.db);
  await handle.db.update(Session).set({ status: "live" }).where(eq(Session.id, session.id));
  const specs: BotSpec[] = [];
  for (let i = 0; i < count; i += 1) {
    const p = await createParticipant(handle.db, { seriesId: series.id, role: "member", name: `Bot ${i}` });
    const identity = newOpaqueIdentity();
    await handle.db
      .insert(RoomSeat)
      .values({ sessionId: session.id, participantId: p.participantId, identity });
    const { token } = await mintRoomToken(
      { url: `ws://127.0.0.1:${LIVEKIT_PORT}`, ...keys },
      { room: session.roomName, identity, canPublish: false, ttlSeconds: 3600 },
    );
    specs.push({ identity, token, speaker: false });
  }
  return specs;
}

async function runBots(specs: BotSpec[]) {
  const botProcesses = Array.from({ length: PROCESSES }, () => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/rooms/bots.ts"], {
      cwd: root,
      stdio: ["pipe", "pipe", "pipe"],
    });
    children.add(child);
    child.once("exit", () => children.delete(child));
    return child;
  });
  const next = (child: ChildProcess) =>
    (async () => {
      for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
        if (!line.startsWith(MARK)) continue;
        return JSON.parse(line.slice(MARK.length)) as BotMessage;
      }
      throw new Error("bot process ended");
    })();
  const joined = botProcesses.map((child, i) => {
    const reply = next(child);
    const bots = specs.filter((_, j) => j % PROCESSES === i);
    child.stdin?.write(
      `${JSON.stringify({ url: `ws://127.0.0.1:${LIVEKIT_PORT}`, bots, concurrency: 4, attempts: 3 })}\n`,
    );
    return reply;
  });
  const reports = await Promise.race([Promise.all(joined), sleep(JOIN_MS).then(() => null)]);
  const count =
    reports === null
      ? null
      : reports.flatMap((m) => (m.type === "joined" ? m.bots : [])).filter((b) => b.joinedAt !== null).length;
  return {
    count,
    async leave() {
      if (reports !== null) {
        const left = botProcesses.map((child) => {
          const reply = next(child);
          child.stdin?.write("leave\n");
          return reply;
        });
        await Promise.race([Promise.all(left), sleep(120_000)]);
      }
      for (const child of botProcesses) child.kill("SIGTERM");
      await Promise.all(
        botProcesses.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))),
      );
    },
  };
}

interface Row {
  runner: string;
  db: string;
  readyMs: number;
  idleRss: number;
  heapUsed: number;
  external: number;
  stopMs: number;
}

async function main() {
  if (!existsSync(runners.compiled[0])) throw new Error("build first: pnpm --filter @reeks/server build");
  const sink = await startSmtpSink({ port: 0 });
  const postgres = args.dbs?.includes("postgres") ? startPostgres(PG_PORT) : null;
  stopPostgres = () => {
    stopPostgres = null;
    postgres?.stop();
  };
  const keys = {
    apiKey: `API${randomBytes(6).toString("hex")}`,
    apiSecret: randomBytes(32).toString("base64url"),
  };
  const rows: Row[] = [];
  const botRows: string[] = [];
  const dirs: string[] = [];
  try {
    for (const runner of (args.runners ?? "").split(",") as Array<keyof typeof runners>) {
      const dataDir = await mkdtemp(join(tmpdir(), "reeks-memory-"));
      dirs.push(dataDir);
      for (const db of (args.dbs ?? "").split(",")) {
        const env: Record<string, string> = {
          NODE_ENV: "production",
          PUBLIC_URL: "https://reeks.test",
          AUTH_SECRET: randomBytes(32).toString("base64url"),
          LIVEKIT_API_KEY: keys.apiKey,
          LIVEKIT_API_SECRET: keys.apiSecret,
          SMTP_URL: sink.url,
          HOST: "127.0.0.1",
          PORT: String(PORT),
          LIVEKIT_PORT: String(LIVEKIT_PORT),
          REEKS_DATA_DIR: dataDir,
          ...(db === "postgres" && postgres ? { DATABASE_URL: postgres.url } : {}),
        };
        progress(`${runner} on ${db}: starting`);
        const started = await startServer(runner, env);
        const pid = started.child.pid ?? 0;
        await sleep(IDLE_MS);
        const row: Row = {
          runner,
          db,
          readyMs: started.readyMs,
          idleRss: status(pid, "VmRSS"),
          heapUsed: await metric("reeks_nodejs_heap_size_used_bytes"),
          external: await metric("reeks_nodejs_external_memory_bytes"),
          stopMs: 0,
        };
        row.stopMs = await stopServer(started);
        rows.push(row);
        progress(
          `${runner} on ${db}: ready ${row.readyMs.toFixed(0)} ms, idle RSS ${row.idleRss.toFixed(0)} MB`,
        );
      }
      if (runner !== "compiled" || BOTS === 0) continue;
      for (const db of ["pglite", "postgres"].filter((d) => args.dbs?.includes(d))) {
        const url = db === "postgres" && postgres ? postgres.url : null;
        const handle = url
          ? createDatabase({ kind: "postgres", url })
          : createDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
        const specs = await prepareBots(handle, keys, BOTS);
        await handle.close();
        const env: Record<string, string> = {
          NODE_ENV: "production",
          PUBLIC_URL: "https://reeks.test",
          AUTH_SECRET: randomBytes(32).toString("base64url"),
          LIVEKIT_API_KEY: keys.apiKey,
          LIVEKIT_API_SECRET: keys.apiSecret,
          SMTP_URL: sink.url,
          HOST: "127.0.0.1",
          PORT: String(PORT),
          LIVEKIT_PORT: String(LIVEKIT_PORT),
          REEKS_DATA_DIR: dataDir,
          ...(url ? { DATABASE_URL: url } : {}),
        };
        progress(`compiled on ${db}: ${BOTS} bots joining`);
        const started = await startServer("compiled", env);
        const pid = started.child.pid ?? 0;
        const bots = await runBots(specs);
        await sleep(IDLE_MS);
        const live = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
        const participants = /^reeks_participants_live (\d+)/m.exec(live)?.[1];
        const rss = status(pid, "VmRSS");
        const heap = await metric("reeks_nodejs_heap_size_used_bytes");
        await bots.leave();
        await sleep(5_000);
        const peak = status(pid, "VmHWM");
        await stopServer(started);
        botRows.push(
          `| compiled, ${db} | ${bots.count ?? `not all within ${JOIN_MS / 1000} s:`} joined (${participants} live in Reeks) | ${rss.toFixed(0)} MB | ${heap.toFixed(0)} MB | ${peak.toFixed(0)} MB |`,
        );
        progress(
          `compiled on ${db} with ${bots.count} bots: RSS ${rss.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`,
        );
      }
    }
  } finally {
    await sink.stop();
    stopPostgres?.();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
  console.log(
    "| server | database | start → /readyz | idle RSS | V8 heap used | external (wasm, buffers) | SIGTERM → exit |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) {
    console.log(
      `| ${r.runner} | ${r.db} | ${(r.readyMs / 1000).toFixed(1)} s | ${r.idleRss.toFixed(0)} MB | ${r.heapUsed.toFixed(0)} MB | ${r.external.toFixed(0)} MB | ${r.stopMs.toFixed(0)} ms |`,
    );
  }
  if (botRows.length > 0) {
    console.log("\n| server | bots | RSS in the room | V8 heap used | peak RSS (VmHWM) |");
    console.log("| --- | --- | --- | --- | --- |");
    for (const line of botRows) console.log(line);
  }
}

await main().catch((error: unknown) => {
  for (const child of children) child.kill("SIGTERM");
  stopPostgres?.();
  throw error;
});
