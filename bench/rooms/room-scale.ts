/**
 * Room scale: N rtc-node bots, spread over P child processes (each its own rtc-node runtime), in one
 * session room of a real Reeks server whose own livekit-server posts webhooks to it; attendance goes
 * the real way (webhook → inbox → attendance worker, reconciler every 30 s, as `startReeks` wires it).
 *
 * Attendance must be exact: one stay per bot in the room (plus at most one short stay per failed join
 * attempt that LiveKit admitted), nobody else, and each stay's start and end within the stated
 * tolerance of what that bot really did (see checkAttendance). Samples CPU (from
 * /proc/<pid>/stat) and peak RSS (VmHWM) of livekit-server, of the Reeks process and of the bot
 * processes. The Reeks process is this one: it also mints the tokens beforehand and polls the live
 * attendance count once a second while waiting.
 *
 *   PORT=3301 LIVEKIT_PORT=8310 pnpm exec tsx bench/rooms/room-scale.ts --bots 200 --processes 5
 *     --attempts 6 --speakers 2 [--concurrency 4] [--steady 20] [--keep]
 *
 * Defaults: 50 bots, 4 processes, 4 joining at a time per process, 3 attempts, no speakers, 20 s.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { type AttendanceRow, listAttendance, liveAttendanceCount } from "@reeks/api";
import { eq, RoomSeat, Session, sql, WebhookEvent } from "@reeks/db";
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import { createRoomService, mintRoomToken, newOpaqueIdentity } from "@reeks/livekit";
import { loadEnv, startReeks } from "@reeks/server";
import { cpuTicks, peakRssMb, TICKS_PER_SECOND } from "../proc";
import type { BotMessage, BotSpec, JoinReport, LeaveReport } from "./bot-protocol";
import { MARK } from "./bot-protocol";

/**
 * Tolerances, as in apps/server/src/attendance.int.test.ts: a stay's start is LiveKit's own
 * millisecond join time, its end the `participant_left` webhook's creation time in whole seconds.
 * A bot was joining between its first connect() call and the one that resolved, and leaving between
 * calling disconnect() and its resolving: the recorded time must fall in that window ± tolerance.
 */
const JOIN_TOLERANCE_MS = 1_500;
const LEAVE_TOLERANCE_MS = 2_000;

const { values: args } = parseArgs({
  options: {
    bots: { type: "string", default: "50" },
    processes: { type: "string", default: "4" },
    concurrency: { type: "string", default: "4" },
    attempts: { type: "string", default: "3" },
    speakers: { type: "string", default: "0" },
    steady: { type: "string", default: "20" },
    /** Keep the data folder (the database and livekit-server's log) for a look afterwards. */
    keep: { type: "boolean", default: false },
  },
});
const count = Number(args.bots);
const processCount = Math.min(Number(args.processes), count);
const concurrency = Number(args.concurrency);
const attempts = Number(args.attempts);
const speakerCount = Number(args.speakers);
const steadySeconds = Number(args.steady);
function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
function livekitPid(): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.split(") ")[1]?.split(" ")[1]);
      if (ppid === process.pid && stat.includes("(livekit-server)")) return Number(entry);
    } catch {}
  }
  throw new Error("livekit-server child not found");
}
/** Polls once a second; false when the time ran out. */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return true;
}
/** Error messages counted, with handle numbers and ids folded so alike ones group. */
function tally(messages: string[]): string {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const key = m.replace(/\d+/g, "N");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([m, n]) => `${n}× ${m}`).join("\n  ");
}
/**
 * What livekit-server's own log says about delivering webhooks: how long our server took to answer
 * (its sendDuration), the longest queue, and what it dropped because its queue was full.
 */
function webhookDelivery(logFile: string) {
  const text = readFileSync(logFile, "utf8");
  const ms = (value: string) => {
    const [, n = "0", unit] = /([\d.]+)(µs|ms|s)/.exec(value) ?? [];
    return Number(n) * (unit === "µs" ? 0.001 : unit === "s" ? 1000 : 1);
  };
  const sends: number[] = [];
  let longestQueue = 0;
  const dropped = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line.includes("sent webhook")) {
      sends.push(ms(/"sendDuration": "([^"]+)"/.exec(line)?.[1] ?? "0ms"));
      longestQueue = Math.max(longestQueue, Number(/"qLen": (\d+)/.exec(line)?.[1] ?? 0));
    } else if (line.includes("failed to notify webhook")) {
      const event = /"event": "([^"]+)"/.exec(line)?.[1] ?? "?";
      const error = /"error": "([^"]+)"/.exec(line)?.[1] ?? "?";
      dropped.set(`${event} (${error})`, (dropped.get(`${event} (${error})`) ?? 0) + 1);
    }
  }
  sends.sort((a, b) => a - b);
  const at = (q: number) => (sends[Math.min(sends.length - 1, Math.floor(sends.length * q))] ?? 0).toFixed(0);
  const lost = [...dropped].map(([what, n]) => `${n} ${what}`).join(", ") || "none";
  return `livekit-server sent ${sends.length} webhooks, our answer p50 ${at(0.5)} ms / p99 ${at(0.99)} ms / max ${at(1)} ms; longest queue ${longestQueue}; not delivered: ${lost}`;
}
const progress = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** CPU of a set of processes between marks, as % of one core. */
class CpuMeter {
  private marks: Array<{ at: number; ticks: Map<string, number> }> = [];
  constructor(private readonly pids: Map<string, number[]>) {}
  mark() {
    const ticks = new Map<string, number>();
    for (const [name, pids] of this.pids)
      ticks.set(
        name,
        pids.reduce((sum, pid) => sum + cpuTicks(pid), 0),
      );
    this.marks.push({ at: Date.now(), ticks });
    return this.marks.length - 1;
  }
  percent(name: string, from: number, to: number): number {
    const [a, b] = [this.marks[from], this.marks[to]];
    if (!a || !b) return Number.NaN;
    const ticks = (b.ticks.get(name) ?? 0) - (a.ticks.get(name) ?? 0);
    return (ticks / TICKS_PER_SECOND / ((b.at - a.at) / 1000)) * 100;
  }
  seconds(from: number, to: number): number {
    return ((this.marks[to]?.at ?? 0) - (this.marks[from]?.at ?? 0)) / 1000;
  }
}

/** One child process with its own rtc-node runtime; our lines come marked, rtc-node's logs not. */
class BotProcess {
  readonly child: ChildProcess;
  private readonly lines: AsyncIterator<string>;
  readonly otherOutput: string[] = [];
  constructor(readonly index: number) {
    this.child = spawn(process.execPath, ["--import", "tsx", "bench/rooms/bots.ts"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stderr?.on("data", (chunk: Buffer) => this.keep(chunk.toString()));
    this.lines = createInterface({ input: this.child.stdout as NodeJS.ReadableStream })[
      Symbol.asyncIterator
    ]();
  }
  private keep(text: string) {
    this.otherOutput.push(text);
    if (this.otherOutput.length > 40) this.otherOutput.shift();
  }
  get pid(): number {
    if (this.child.pid === undefined) throw new Error("bot process did not start");
    return this.child.pid;
  }
  send(line: string) {
    this.child.stdin?.write(`${line}\n`);
  }
  async next(): Promise<BotMessage> {
    for (;;) {
      const next = await this.lines.next();
      if (next.done) {
        await new Promise((r) => setTimeout(r, 200)); // let the exit code and stderr arrive
        throw new Error(
          `bot process ${this.index} ended (exit ${this.child.exitCode}, signal ${this.child.signalCode}) before reporting:\n${this.otherOutput.join("").slice(-3_000)}`,
        );
      }
      const line = String(next.value);
      if (!line.startsWith(MARK)) {
        this.keep(`${line}\n`);
        continue;
      }
      const message = JSON.parse(line.slice(MARK.length)) as BotMessage;
      if (message.type === "error") throw new Error(`bot process ${this.index}: ${message.message}`);
      return message;
    }
  }
}

interface BotFacts {
  participantId: string;
  join: JoinReport;
  leave?: LeaveReport;
}

/**
 * Exact attendance, compared with what each bot really did. A bot was joining from its first
 * connect() call until one resolved (or it gave up), and leaving from calling disconnect() until it
 * resolved. A failed attempt may still have reached LiveKit (rtc-node gives up on a join after the
 * Rust side already connected), so LiveKit, and therefore Reeks, can rightly see a short extra stay
 * then. Required, within the tolerances: a bot in the room has exactly one stay that starts while it
 * was joining and ends while it was leaving; any other stay of a bot lies wholly within its failed
 * attempts, at most one per failed attempt; nobody else has a stay.
 */
function checkAttendance(rows: AttendanceRow[], bots: Map<string, BotFacts>) {
  const problems: string[] = [];
  const byParticipant = new Map<string, AttendanceRow[]>();
  for (const row of rows)
    byParticipant.set(row.participantId, [...(byParticipant.get(row.participantId) ?? []), row]);
  for (const participantId of byParticipant.keys())
    if (!bots.has(participantId)) problems.push(`stay for a participant that is no bot: ${participantId}`);
  let worstJoinMs = 0;
  let worstLeaveMs = 0;
  let failedAttemptStays = 0;
  const outside = (value: number, from: number, to: number) =>
    value < from ? from - value : value > to ? value - to : 0;
  for (const [participantId, { join, leave }] of bots) {
    const stays = [...(byParticipant.get(participantId) ?? [])];
    const name = join.identity;
    // The stay of the successful join: the one that reaches into the bot's leaving.
    let main: AttendanceRow | undefined;
    if (join.joinedAt !== null) {
      if (!leave) {
        problems.push(`${name}: leave not reported`);
        continue;
      }
      // Dropped by the room: it left somewhere between joining and noticing the drop.
      const [leaveFrom, leaveTo] = leave.dropped
        ? [join.joinedAt, leave.dropped.at]
        : [leave.leaveStartedAt, leave.leftAt];
      const candidates = stays.filter(
        (s) => s.leftAt && s.leftAt.getTime() >= leaveFrom - LEAVE_TOLERANCE_MS,
      );
      if (candidates.length !== 1) {
        problems.push(`${name}: ${candidates.length} stays reaching its leave (${stays.length} in all)`);
        continue;
      }
      main = candidates[0];
      if (!main?.leftAt) continue;
      const joinMiss = outside(main.joinedAt.getTime(), join.firstAttemptAt, join.joinedAt);
      const leaveMiss = outside(main.leftAt.getTime(), leaveFrom, leaveTo);
      worstJoinMs = Math.max(worstJoinMs, joinMiss);
      worstLeaveMs = Math.max(worstLeaveMs, leaveMiss);
      if (joinMiss > JOIN_TOLERANCE_MS) problems.push(`${name}: joined ${joinMiss} ms outside its joining`);
      if (leaveMiss > LEAVE_TOLERANCE_MS) problems.push(`${name}: left ${leaveMiss} ms outside its leaving`);
    }
    const others = stays.filter((s) => s !== main);
    const failedAttempts = join.attempts - (join.joinedAt === null ? 0 : 1);
    if (others.length > failedAttempts)
      problems.push(`${name}: ${others.length} extra stays for ${failedAttempts} failed attempts`);
    for (const extra of others) {
      const from = join.firstAttemptAt - JOIN_TOLERANCE_MS;
      const to = (join.lastFailureAt ?? from) + LEAVE_TOLERANCE_MS;
      const end = extra.leftAt?.getTime() ?? Number.POSITIVE_INFINITY;
      if (extra.joinedAt.getTime() < from || end > to)
        problems.push(
          `${name}: a stay outside its joining (${extra.joinedAt.toISOString()}–${extra.leftAt?.toISOString()})`,
        );
      else failedAttemptStays += 1;
    }
  }
  return { problems, worstJoinMs, worstLeaveMs, failedAttemptStays };
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), "reeks-rooms-scale-"));
  const env = loadEnv({
    PORT: process.env.PORT ?? "3301",
    LIVEKIT_PORT: process.env.LIVEKIT_PORT ?? "8310",
    REEKS_DATA_DIR: dataDir,
    WEB_DIST_DIR: "/nonexistent",
  });
  const loadAtStart = loadAverage();
  const reeks = await startReeks(env, () => {});
  const processes: BotProcess[] = [];
  try {
    const db = reeks.database.db;
    const { series, session } = await firstDemoSession(db);
    await db.update(Session).set({ status: "live" }).where(eq(Session.id, session.id));

    // Seats and tokens as room.join makes them: members subscribe only, speakers may publish.
    const specs: BotSpec[] = [];
    const participantOf = new Map<string, string>();
    for (let i = 0; i < count; i += 1) {
      const speaker = i < speakerCount;
      const p = await createParticipant(db, {
        seriesId: series.id,
        role: speaker ? "speaker" : "member",
        name: `Bot ${i}`,
      });
      const identity = newOpaqueIdentity();
      await db.insert(RoomSeat).values({ sessionId: session.id, participantId: p.participantId, identity });
      const { token } = await mintRoomToken(reeks.livekit.connection, {
        room: session.roomName,
        identity,
        canPublish: speaker,
        ttlSeconds: 3600,
      });
      specs.push({ identity, token, speaker });
      participantOf.set(identity, p.participantId);
    }

    const lk = livekitPid();
    for (let i = 0; i < processCount; i += 1) processes.push(new BotProcess(i));
    const cpu = new CpuMeter(
      new Map([
        ["livekit", [lk]],
        ["reeks", [process.pid]],
        ["bots", processes.map((p) => p.pid)],
      ]),
    );
    const start = cpu.mark();
    // Round-robin, so speakers and joins are spread evenly over the processes.
    const url = reeks.livekit.connection.url;
    processes.forEach((p, i) => {
      const bots = specs.filter((_, j) => j % processCount === i);
      p.send(JSON.stringify({ url, bots, concurrency, attempts }));
    });
    const joinMessages = await Promise.all(processes.map((p) => p.next()));
    const joinReports = joinMessages.flatMap((m) => (m.type === "joined" ? m.bots : []));
    const loopDelays = joinMessages
      .flatMap((m) => (m.type === "joined" ? [m.loopDelay] : []))
      .map((d) => `${d.p50Ms}/${d.p99Ms}/${d.maxMs}`)
      .join(", ");
    const allJoined = cpu.mark();
    const joined = joinReports.filter((r) => r.joinedAt !== null);
    const joinErrors = joinReports.flatMap((r) => r.errors);
    progress(
      `${joined.length}/${count} joined in ${cpu.seconds(start, allJoined).toFixed(1)} s, ${joinReports.filter((r) => r.attempts > 1).length} after a retry${joinErrors.length ? `; failed attempts:\n  ${tally(joinErrors)}` : ""}`,
    );
    let live = 0;
    const caughtUpInTime = await waitUntil(async () => {
      live = await liveAttendanceCount(db, session.id);
      return live === joined.length;
    }, 180_000);
    const caughtUp = cpu.mark();
    if (!caughtUpInTime) progress(`live attendance stayed at ${live}, not ${joined.length}`);
    // LiveKit's own view: everyone there, and the speakers' microphone tracks published.
    const listed = await createRoomService(reeks.livekit.connection).listParticipants(session.roomName);
    const publishedTracks = listed.reduce((sum, p) => sum + p.tracks.length, 0);
    // Steady state: everyone in, nobody moving (the speakers talking).
    await new Promise((r) => setTimeout(r, steadySeconds * 1000));
    const steadyEnd = cpu.mark();
    for (const p of processes) p.send("leave");
    const leaveReports = (await Promise.all(processes.map((p) => p.next()))).flatMap((m) =>
      m.type === "left" ? m.bots : [],
    );
    const allLeft = cpu.mark();
    const botPeakMb = processes.map((p) => peakRssMb(p.pid));
    const dropped = leaveReports.filter((l) => l.dropped);
    const reconnected = leaveReports.filter((l) => l.reconnects > 0);
    progress(
      `left; ${dropped.length} had been dropped by the room${dropped.length ? `:\n  ${tally(dropped.map((d) => d.dropped?.reason ?? ""))}` : ""}; ${reconnected.length} reconnected on the way`,
    );
    await waitUntil(async () => {
      const rows = await listAttendance(db, session.id);
      return rows.length >= joined.length && rows.every((r) => r.leftAt !== null);
    }, 180_000);
    const closed = cpu.mark();
    for (const p of processes) p.send("exit");
    // What ending the session does: one more comparison with ListParticipants.
    await reeks.attendance.kick();
    await reeks.attendance.reconcileLive();
    const rows = await listAttendance(db, session.id);
    // How many of LiveKit's participant webhooks arrived: tells a lost webhook from a wrong result.
    const webhooks = await db
      .select({ event: WebhookEvent.event, n: sql<number>`count(*)::int` })
      .from(WebhookEvent)
      .where(eq(WebhookEvent.roomName, session.roomName))
      .groupBy(WebhookEvent.event);
    const [lkPeakMb, reeksPeakMb] = [peakRssMb(lk), peakRssMb(process.pid)];

    const facts = new Map<string, BotFacts>();
    const leaveOf = new Map(leaveReports.map((l) => [l.identity, l]));
    for (const join of joinReports) {
      const participantId = participantOf.get(join.identity) ?? "";
      const leave = leaveOf.get(join.identity);
      facts.set(participantId, { participantId, join, ...(leave ? { leave } : {}) });
    }
    const check = checkAttendance(rows, facts);
    const retried = joinReports.filter((r) => r.attempts > 1);
    // Held: every bot joined and none was dropped; exact: and attendance says precisely that.
    const held = joined.length === count && dropped.length === 0;
    const exact = held && check.problems.length === 0;

    const pct = (name: string, a: number, b: number) => `${cpu.percent(name, a, b).toFixed(0)} %`;
    console.log(
      `\n${joined.length}/${count} bots joined over ${processCount} processes (${concurrency} at a time each, ${speakerCount} speaking) in ${cpu.seconds(start, allJoined).toFixed(1)} s; attendance caught up ${cpu.seconds(allJoined, caughtUp).toFixed(1)} s later; all left in ${cpu.seconds(steadyEnd, allLeft).toFixed(1)} s, stays closed ${cpu.seconds(allLeft, closed).toFixed(1)} s later`,
    );
    console.log(`LiveKit listed ${listed.length} participants with ${publishedTracks} published tracks`);
    console.log(`bot processes' event-loop delay while joining, p50/p99/max ms: ${loopDelays}`);
    console.log(
      `joins retried: ${retried.length}${joinErrors.length ? ` (failed attempts:\n  ${tally(joinErrors)})` : ""}`,
    );
    console.log(
      `live attendance ${caughtUpInTime ? "caught up" : `stuck at ${live}`}; dropped by the room: ${dropped.length}; reconnected: ${reconnected.length}`,
    );
    console.log(
      `attendance: ${rows.length} stays, ${new Set(rows.map((r) => r.participantId)).size} participants, sources ${[...new Set(rows.map((r) => r.source))].join("+")}; ${check.failedAttemptStays} of them from failed join attempts; worst start ${check.worstJoinMs} ms / end ${check.worstLeaveMs} ms outside the bot's own window (tolerance ${JOIN_TOLERANCE_MS} / ${LEAVE_TOLERANCE_MS} ms); ${check.problems.length} problems → ${exact ? "EXACT" : held ? "NOT EXACT" : "NOT HELD: not every bot stayed in"}`,
    );
    for (const problem of check.problems.slice(0, 20)) console.log(`  ✗ ${problem}`);
    console.log(`webhooks stored: ${webhooks.map((w) => `${w.event} ${w.n}`).join(", ")}`);
    console.log(webhookDelivery(join(dataDir, "livekit", `livekit-${env.LIVEKIT_PORT}.log`)));
    console.log(`load average: ${loadAtStart} at start, ${loadAverage()} at the end`);
    console.log(
      "| process | CPU joining | CPU steady | CPU leaving | CPU whole run | peak RSS |\n|---|---|---|---|---|---|",
    );
    const run = (name: string) =>
      `${pct(name, start, allJoined)} | ${pct(name, caughtUp, steadyEnd)} | ${pct(name, steadyEnd, closed)} | ${pct(name, start, closed)}`;
    console.log(`| livekit-server | ${run("livekit")} | ${lkPeakMb.toFixed(0)} MB |`);
    console.log(`| Reeks server | ${run("reeks")} | ${reeksPeakMb.toFixed(0)} MB |`);
    console.log(
      `| ${processCount} bot processes (sum) | ${run("bots")} | ${botPeakMb.map((m) => m.toFixed(0)).join(" + ")} MB |`,
    );
    if (!exact) process.exitCode = 1;
  } finally {
    for (const p of processes) if (p.child.exitCode === null) p.child.kill();
    await reeks.stop();
    if (args.keep) console.log(`data folder kept: ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
