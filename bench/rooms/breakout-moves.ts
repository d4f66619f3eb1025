/**
 * Breakout moves: N signed-in members as rtc-node bots (spread over child processes, see
 * breakout-bots.ts) in the main room of a live session of a real Reeks server (this process, with its
 * embedded livekit-server posting webhooks to it; attendance the real way: webhook → inbox →
 * attendance worker). A moderator opens a random breakout round of G groups; every bot, on its cue
 * (the "breakout" live event, or polling breakout.state with `--via poll`), asks breakout.join, leaves
 * the main room and connects to its group's room; after `--hold` seconds the moderator closes the
 * round and every bot goes back (breakout.join → room.join → main room).
 *
 * Per bot: from "open" (the moderator's call) to connected in the group, and from "close" to
 * connected in the main room again: p50/p95/max, with the steps in between. Baseline in the same run:
 * the same bots joining the main room all at once (command → room.join → connected). Also the
 * webhooks each move caused, the attendance lag (until the connections and stays in the database say
 * where everyone is), and at the end that attendance is exact: one stay per bot from its first join
 * to its leave, whatever the moves in between.
 *
 *   PORT=9410 LIVEKIT_PORT=9400 pnpm exec tsx bench/rooms/breakout-moves.ts \
 *     [--bots 100] [--groups 10] [--processes 4] [--via event|poll] [--poll-ms 1000] [--hold 10]
 *     [--attempts 3] [--connects 0] [--keep]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { listAttendance, liveAttendanceCount, RECONNECT_GRACE_MS } from "@reeks/api";
import { and, BreakoutGroup, eq, gte, inArray, lt, RoomConnection, RoomSeat, WebhookEvent } from "@reeks/db";
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import { createRoomService } from "@reeks/livekit";
import { loadEnv, startReeks } from "@reeks/server";
import { signInCookies } from "@reeks/server/testing";
import { cpuTicks, peakRssMb, TICKS_PER_SECOND } from "../proc";
import {
  type LeaveReport,
  MARK,
  type MoveReport,
  type MoverCommand,
  type MoverJob,
  type MoverMessage,
} from "./breakout-protocol";

/** As in room-scale.ts: a stay starts at LiveKit's join time and ends at the left webhook (whole seconds). */
const JOIN_TOLERANCE_MS = 1_500;
const LEAVE_TOLERANCE_MS = 2_000;
const AIM_P95_MS = 2_000;

const { values: args } = parseArgs({
  options: {
    bots: { type: "string", default: "100" },
    groups: { type: "string", default: "10" },
    processes: { type: "string", default: "4" },
    via: { type: "string", default: "event" },
    "poll-ms": { type: "string", default: "1000" },
    attempts: { type: "string", default: "3" },
    /** connect() calls at a time per bot process; 0: every bot at once, as real browsers would. */
    connects: { type: "string", default: "0" },
    /** Seconds in the groups between the moves (the reconciler also runs once in between). */
    hold: { type: "string", default: "10" },
    /** Keep the data folder (database and livekit-server's log). */
    keep: { type: "boolean", default: false },
  },
});
const BOTS = Number(args.bots);
const GROUPS = Number(args.groups);
const PROCESSES = Math.min(Number(args.processes), BOTS);
const VIA = args.via === "poll" ? "poll" : "event";

const progress = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
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
    max: sorted.at(-1) ?? 0,
  };
}
const ms = (value: number) => (Number.isNaN(value) ? "—" : `${Math.round(value).toLocaleString("en")} ms`);

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

/** CPU % of one core of process groups between two marks. */
function cpuMeter(groups: Record<string, () => number[]>) {
  const read = () =>
    Object.fromEntries(
      Object.entries(groups).map(([name, pids]) => [
        name,
        pids().reduce((sum, pid) => {
          try {
            return sum + cpuTicks(pid);
          } catch {
            return sum;
          }
        }, 0),
      ]),
    );
  // start() → stop() → percent of a group over that span.
  return () => {
    const at = Date.now();
    const ticks = read();
    return () => {
      const now = read();
      const seconds = (Date.now() - at) / 1000;
      return (name: string) => (((now[name] ?? 0) - (ticks[name] ?? 0)) / TICKS_PER_SECOND / seconds) * 100;
    };
  };
}

/** One child process with its own rtc-node runtime; our lines come marked, rtc-node's logs not. */
class BotProcess {
  readonly child: ChildProcess;
  private readonly lines: AsyncIterator<string>;
  readonly otherOutput: string[] = [];
  constructor(readonly index: number) {
    this.child = spawn(
      process.execPath,
      ["--import", "tsx", new URL("./breakout-bots.ts", import.meta.url).pathname],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
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
    return this.child.pid ?? 0;
  }
  send(command: MoverCommand) {
    this.child.stdin?.write(`${JSON.stringify(command)}\n`);
  }
  async next<T extends MoverMessage["type"]>(type: T): Promise<Extract<MoverMessage, { type: T }>> {
    for (;;) {
      const next = await this.lines.next();
      if (next.done) {
        await sleep(200); // let the exit code and stderr arrive
        throw new Error(
          `bot process ${this.index} ended (exit ${this.child.exitCode}) before "${type}":\n${this.otherOutput.join("").slice(-3_000)}`,
        );
      }
      const line = String(next.value);
      if (!line.startsWith(MARK)) {
        this.keep(`${line}\n`);
        continue;
      }
      const message = JSON.parse(line.slice(MARK.length)) as MoverMessage;
      if (message.type === "error") throw new Error(`bot process ${this.index}: ${message.message}`);
      if (message.type !== type)
        throw new Error(`bot process ${this.index}: "${message.type}", not "${type}"`);
      return message as Extract<MoverMessage, { type: T }>;
    }
  }
}

/** Error messages counted, with numbers folded so alike ones group. */
function tally(messages: string[]): string {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const key = m.replace(/\d+/g, "N").slice(0, 160);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([m, n]) => `${n}× ${m}`).join("; ");
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), "reeks-breakout-moves-"));
  const env = loadEnv({
    HOST: "127.0.0.1",
    PORT: process.env.PORT ?? "9410",
    LIVEKIT_PORT: process.env.LIVEKIT_PORT ?? "9400",
    REEKS_DATA_DIR: dataDir,
    WEB_DIST_DIR: "/nonexistent",
    // The bots stand for people on their own networks; from one loopback address they would meet the
    // per-client API limit meant for one person.
    API_RATE_LIMIT: "0",
  });
  const loadAtStart = loadAverage();
  const reeks = await startReeks(env, () => {}, { console: () => {} });
  const processes: BotProcess[] = [];
  try {
    const db = reeks.database.db;
    const { series, session } = await firstDemoSession(db);
    const tag = randomBytes(3).toString("hex");
    const moderator = await createParticipant(db, {
      email: `moderator-${tag}@bench.test`,
      name: "Moderator Mia",
      seriesId: series.id,
      role: "moderator",
    });
    const emails: string[] = [];
    for (let i = 0; i < BOTS; i++) {
      const email = `lid-${i}-${tag}@bench.test`;
      await createParticipant(db, { email, name: `Lid ${String(i).padStart(3, "0")}`, seriesId: series.id });
      emails.push(email);
    }
    const [moderatorCookie = "", ...cookies] = await signInCookies(reeks, [
      moderator.person.email,
      ...emails,
    ]);
    progress(`Reeks on ${reeks.url} (${reeks.database.kind}); ${cookies.length} members signed in`);
    const api = async <T>(path: string, input: unknown): Promise<T> => {
      const response = await fetch(`${reeks.url}/api/trpc/${path}`, {
        method: "POST",
        headers: { cookie: moderatorCookie, "content-type": "application/json", origin: reeks.url },
        body: JSON.stringify(input),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { result: { data: T } }).result.data;
    };
    await api("room.start", { sessionId: session.id, offSchedule: true });
    // Warm-up: the paths the bots take, so the baseline does not pay for the first calls' JIT.
    for (let i = 0; i < 3; i++) await api("room.join", { sessionId: session.id });

    for (let i = 0; i < PROCESSES; i++) processes.push(new BotProcess(i));
    const lk = livekitPid();
    const cpu = cpuMeter({
      livekit: () => [lk],
      reeks: () => [process.pid],
      bots: () => processes.map((p) => p.pid),
    });
    const job = (share: number): MoverJob => ({
      url: reeks.url,
      sessionId: session.id,
      bots: cookies.map((cookie, index) => ({ cookie, index })).filter((b) => b.index % PROCESSES === share),
      via: VIA,
      pollMs: Number(args["poll-ms"]),
      attempts: Number(args.attempts),
      connects: Number(args.connects),
    });
    processes.forEach((p, i) => {
      p.send({ type: "setup", job: job(i) });
    });
    const streamsOpen = (await Promise.all(processes.map((p) => p.next("ready")))).reduce(
      (n, m) => n + m.streamsOpen,
      0,
    );
    progress(`${PROCESSES} bot processes, ${streamsOpen}/${BOTS} live streams open`);

    // Bot index → participant id, through the sid of its first connection (filled in at the end).
    const seatOf = new Map<number, string>();
    const loopDelays: Record<string, string> = {};
    const collect = async (phase: string) => {
      const messages = await Promise.all(processes.map((p) => p.next("moved")));
      loopDelays[phase] = messages.map((m) => `${m.loopDelay.p99Ms}/${m.loopDelay.maxMs}`).join(", ");
      return messages.flatMap((m) => m.bots);
    };
    /** LiveKit's own join time of each connection (RoomConnection.joinedAt, from its webhook, in ms). */
    const livekitJoinedAt = async (reports: MoveReport[]) => {
      const sids = reports.flatMap((r) => (r.sid ? [r.sid] : []));
      const rows = await db
        .select({ sid: RoomConnection.sid, joinedAt: RoomConnection.joinedAt })
        .from(RoomConnection)
        .where(and(eq(RoomConnection.sessionId, session.id), inArray(RoomConnection.sid, sids)));
      const bySid = new Map(rows.map((r) => [r.sid, r.joinedAt.getTime()]));
      return (r: MoveReport) => (r.sid ? (bySid.get(r.sid) ?? null) : null);
    };

    /**
     * Until the database says what the bots did: every bot's current connection (its sid) open, every
     * earlier one closed, and one open stay per bot. Polled every 200 ms; returns when, or null.
     */
    const settled = async (current: MoveReport[], earlier: MoveReport[], timeoutMs = 120_000) => {
      const deadline = Date.now() + timeoutMs;
      const want = current.flatMap((r) => (r.sid ? [r.sid] : []));
      const gone = earlier.flatMap((r) => (r.sid ? [r.sid] : []));
      while (Date.now() < deadline) {
        const rows = await db
          .select({ sid: RoomConnection.sid, leftAt: RoomConnection.leftAt })
          .from(RoomConnection)
          .where(
            and(eq(RoomConnection.sessionId, session.id), inArray(RoomConnection.sid, [...want, ...gone])),
          );
        const open = new Set(rows.filter((r) => r.leftAt === null).map((r) => r.sid));
        const closed = new Set(rows.filter((r) => r.leftAt !== null).map((r) => r.sid));
        if (want.every((s) => open.has(s)) && gone.every((s) => closed.has(s))) {
          const stays = await listAttendance(db, session.id);
          const live = await liveAttendanceCount(db, session.id);
          if (live === want.length && stays.filter((s) => s.leftAt === null).length === want.length)
            return Date.now();
        }
        await sleep(200);
      }
      const rows = await db
        .select({ sid: RoomConnection.sid, leftAt: RoomConnection.leftAt })
        .from(RoomConnection)
        .where(
          and(eq(RoomConnection.sessionId, session.id), inArray(RoomConnection.sid, [...want, ...gone])),
        );
      const open = new Set(rows.filter((r) => r.leftAt === null).map((r) => r.sid));
      const closed = new Set(rows.filter((r) => r.leftAt !== null).map((r) => r.sid));
      const stays = await listAttendance(db, session.id);
      progress(
        `not settled: ${want.filter((s) => !open.has(s)).length} new connections not open, ${gone.filter((s) => !closed.has(s)).length} old ones not closed, ${stays.filter((s) => s.leftAt === null).length} open stays for ${want.length} bots, ${stays.length} stays in all`,
      );
      return null;
    };
    const webhooksBetween = async (from: number, to: number) => {
      const rows = await db
        .select({ event: WebhookEvent.event, roomName: WebhookEvent.roomName })
        .from(WebhookEvent)
        .where(and(gte(WebhookEvent.receivedAt, new Date(from)), lt(WebhookEvent.receivedAt, new Date(to))));
      const counts = new Map<string, number>();
      for (const r of rows) {
        const key = `${r.event} (${r.roomName === session.roomName ? "main" : r.roomName ? "groups" : "—"})`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return { total: rows.length, by: [...counts].map(([k, n]) => `${k} ${n}`).join(", ") };
    };

    // Baseline: the same bots, all at once, straight into the main room.
    const joinCpu = cpu();
    const goAt = Date.now();
    for (const p of processes) p.send({ type: "join" });
    const joined = await collect("join");
    const joinedAt = Math.max(...joined.map((r) => r.connectedAt ?? 0));
    const joinSettledAt = await settled(joined, []);
    const joinLk = await livekitJoinedAt(joined);
    const joinPct = joinCpu();
    progress(
      `baseline: ${joined.filter((r) => r.connectedAt).length}/${BOTS} in the main room after ${ms(joinedAt - goAt)}; attendance ${joinSettledAt ? `settled ${ms(joinSettledAt - joinedAt)} later` : "did not settle"}`,
    );
    const seats = await db.select().from(RoomSeat).where(eq(RoomSeat.sessionId, session.id));

    // The round: planned, then opened with everyone in the main room.
    const plan = await api<{ roundId: string; version: number }>("breakout.plan", {
      sessionId: session.id,
      assignment: "random",
      groupCount: GROUPS,
      durationMinutes: 20,
      rapporteurChoice: "moderator",
    });
    for (const p of processes) p.send({ type: "arm", phase: "open" });
    await Promise.all(processes.map((p) => p.next("armed")));
    const openCpu = cpu();
    const openAt = Date.now();
    await api("breakout.open", { sessionId: session.id, roundId: plan.roundId, version: plan.version });
    const openAnsweredAt = Date.now();
    const inGroups = await collect("open");
    const inGroupsAt = Math.max(...inGroups.map((r) => r.connectedAt ?? 0));
    const openSettledAt = await settled(inGroups, joined);
    const openLk = await livekitJoinedAt(inGroups);
    const openPct = openCpu();
    const openWebhooks = await webhooksBetween(openAt, Date.now());
    progress(
      `open: ${inGroups.filter((r) => r.connectedAt).length}/${BOTS} in a group after ${ms(inGroupsAt - openAt)}; attendance ${openSettledAt ? `settled ${ms(openSettledAt - inGroupsAt)} later` : "did not settle"}`,
    );

    // Where LiveKit says they are: each bot in the room of the group breakout.join gave it.
    const groups = await db.select().from(BreakoutGroup).where(eq(BreakoutGroup.roundId, plan.roundId));
    const roomOfGroup = new Map(groups.map((g) => [g.id, g.roomName]));
    const rooms = createRoomService(reeks.livekit.connection);
    const sizes: number[] = [];
    let misplaced = 0;
    for (const g of groups) {
      const listed = await rooms.listParticipants(g.roomName);
      sizes.push(listed.length);
      for (const r of inGroups.filter((r) => r.target === g.id))
        if (!r.sid || !listed.some((p) => p.sid === r.sid)) misplaced += 1;
    }
    for (const r of inGroups)
      if (r.roomName && r.target && roomOfGroup.get(r.target) !== r.roomName) misplaced += 1;
    const leftInMain = (await rooms.listParticipants(session.roomName)).length;

    // In the groups: the reconciler runs (it must see the group rooms, or it ends their stays).
    await sleep(Number(args.hold) * 1000);
    await reeks.attendance.reconcileLive();
    const stillIn = await liveAttendanceCount(db, session.id);

    for (const p of processes) p.send({ type: "arm", phase: "close" });
    await Promise.all(processes.map((p) => p.next("armed")));
    const closeCpu = cpu();
    const closeAt = Date.now();
    await api("breakout.close", { sessionId: session.id, roundId: plan.roundId });
    const closeAnsweredAt = Date.now();
    const back = await collect("close");
    const backAt = Math.max(...back.map((r) => r.connectedAt ?? 0));
    const closeSettledAt = await settled(back, inGroups);
    const closeLk = await livekitJoinedAt(back);
    const closePct = closeCpu();
    const closeWebhooks = await webhooksBetween(closeAt, Date.now());
    progress(
      `close: ${back.filter((r) => r.connectedAt).length}/${BOTS} back in the main room after ${ms(backAt - closeAt)}; attendance ${closeSettledAt ? `settled ${ms(closeSettledAt - backAt)} later` : "did not settle"}`,
    );
    const backInMain = (await rooms.listParticipants(session.roomName)).length;
    await reeks.attendance.reconcileLive();

    for (const p of processes) p.send({ type: "leave" });
    const left = (await Promise.all(processes.map((p) => p.next("left")))).flatMap((m) => m.bots);
    const allClosed = await (async () => {
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const rows = await listAttendance(db, session.id);
        if (rows.length > 0 && rows.every((r) => r.leftAt !== null)) return true;
        await sleep(500);
      }
      return false;
    })();
    for (const p of processes) p.send({ type: "exit" });
    await reeks.attendance.kick();
    await reeks.attendance.reconcileLive();
    const stays = await listAttendance(db, session.id);

    // The server alone, no rtc-node load: the same burst of reads the cue sets off, from every member at once.
    const burst = async (kind: "query" | "mutation", path: string) => {
      const refused: number[] = [];
      const times = await Promise.all(
        cookies.map(async (cookie) => {
          const started = performance.now();
          const input = JSON.stringify({ sessionId: session.id });
          const response =
            kind === "query"
              ? await fetch(`${reeks.url}/api/trpc/${path}?input=${encodeURIComponent(input)}`, {
                  headers: { cookie },
                })
              : await fetch(`${reeks.url}/api/trpc/${path}`, {
                  method: "POST",
                  headers: { cookie, "content-type": "application/json", origin: reeks.url },
                  body: input,
                });
          await response.text();
          if (!response.ok) refused.push(response.status);
          return performance.now() - started;
        }),
      );
      const counts = new Map<number, number>();
      for (const status of refused) counts.set(status, (counts.get(status) ?? 0) + 1);
      return { ...summary(times), refused: [...counts].map(([status, n]) => `${n}× ${status}`).join(", ") };
    };
    const stateBurst = await burst("query", "breakout.state");
    const joinBurst = await burst("mutation", "room.join");

    // Exact attendance: one stay per bot, from its first join to its leave, whatever it did between.
    const problems: string[] = [];
    const leaveOf = new Map<number, LeaveReport>(left.map((l) => [l.index, l]));
    const joinOf = new Map(joined.map((r) => [r.index, r]));
    // The main-room sid of each bot's first connection names its seat through RoomConnection.
    const firstConnections = await db
      .select({ sid: RoomConnection.sid, seatId: RoomConnection.seatId })
      .from(RoomConnection)
      .where(eq(RoomConnection.sessionId, session.id));
    const seatById = new Map(seats.map((s) => [s.id, s]));
    for (const c of firstConnections) {
      const r = joined.find((j) => j.sid === c.sid);
      const seat = seatById.get(c.seatId);
      if (r && seat) seatOf.set(r.index, seat.participantId);
    }
    const bots = new Set(seatOf.values());
    for (const s of stays)
      if (!bots.has(s.participantId)) problems.push(`a stay of someone who is no bot (${s.name})`);
    let absentTooLong = 0;
    let worstStart = 0;
    let worstEnd = 0;
    for (let index = 0; index < BOTS; index++) {
      const participantId = seatOf.get(index);
      const first = joinOf.get(index);
      const leave = leaveOf.get(index);
      if (!participantId || !first?.connectedAt || !leave) {
        problems.push(`bot ${index}: not in the main room at the start, or no leave`);
        continue;
      }
      const own = stays.filter((s) => s.participantId === participantId);
      if (own.length !== 1) {
        // Longer out of every room than the reconnect grace is a real absence, rightly its own stay.
        const out = [inGroups, back].map((reports) => {
          const r = reports.find((m) => m.index === index);
          return r?.disconnectedAt ? (r.connectedAt ?? Number.POSITIVE_INFINITY) - r.disconnectedAt : 0;
        });
        const longest = Math.max(...out);
        if (longest > RECONNECT_GRACE_MS) absentTooLong += 1;
        problems.push(
          `bot ${index}: ${own.length} stays; out of every room for ${Number.isFinite(longest) ? ms(longest) : "good (never connected again)"} in its longest move`,
        );
        continue;
      }
      const [stay] = own;
      if (!stay?.leftAt) continue;
      const outside = (value: number, from: number, to: number) =>
        value < from ? from - value : value > to ? value - to : 0;
      const startMiss = outside(stay.joinedAt.getTime(), first.triggerAt, first.connectedAt);
      const endMiss = outside(stay.leftAt.getTime(), leave.leaveStartedAt, leave.leftAt);
      worstStart = Math.max(worstStart, startMiss);
      worstEnd = Math.max(worstEnd, endMiss);
      if (startMiss > JOIN_TOLERANCE_MS) problems.push(`bot ${index}: stay starts ${startMiss} ms off`);
      if (endMiss > LEAVE_TOLERANCE_MS) problems.push(`bot ${index}: stay ends ${endMiss} ms off`);
    }

    // The figures.
    const span = (
      rs: MoveReport[],
      from: (r: MoveReport) => number | null,
      to: (r: MoveReport) => number | null,
    ) =>
      summary(
        rs.flatMap((r) => {
          const [a, b] = [from(r), to(r)];
          return a !== null && b !== null ? [b - a] : [];
        }),
      );
    const base = span(
      joined,
      () => goAt,
      (r) => r.connectedAt,
    );
    const out = span(
      inGroups,
      () => openAt,
      (r) => r.connectedAt,
    );
    const home = span(
      back,
      () => closeAt,
      (r) => r.connectedAt,
    );
    console.log(
      `\n### ${BOTS} bots, ${GROUPS} groups, cue by ${VIA === "event" ? "live event" : `polling breakout.state every ${args["poll-ms"]} ms`}, ${PROCESSES} bot processes (${reeks.database.kind}; load average ${loadAtStart} at start, ${loadAverage()} at the end)\n`,
    );
    console.log("| per bot | n | p50 | p95 | max |");
    console.log("| --- | ---: | ---: | ---: | ---: |");
    const row = (name: string, s: ReturnType<typeof summary>) =>
      console.log(`| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |`);
    row("baseline: command → connected in the main room (room.join, connect)", base);
    row(
      "  command → in the main room per LiveKit (its join time)",
      span(joined, () => goAt, joinLk),
    );
    row("**open → connected in the group**", out);
    row(
      "  open → in the group per LiveKit (its join time)",
      span(inGroups, () => openAt, openLk),
    );
    row(
      "  open → cue (live event / poll)",
      span(
        inGroups,
        () => openAt,
        (r) => r.triggerAt,
      ),
    );
    row(
      "  cue → breakout.join answered (token)",
      span(
        inGroups,
        (r) => r.triggerAt,
        (r) => r.tokenAt,
      ),
    );
    row(
      "  → left the main room",
      span(
        inGroups,
        (r) => r.tokenAt,
        (r) => r.disconnectedAt,
      ),
    );
    row(
      "  → connected in the group",
      span(
        inGroups,
        (r) => r.disconnectedAt,
        (r) => r.connectedAt,
      ),
    );
    row(
      "  then breakout.state read (after the move, for the page)",
      span(
        inGroups,
        (r) => r.connectedAt,
        (r) => r.stateAt,
      ),
    );
    row("**close → connected in the main room**", home);
    row(
      "  close → in the main room per LiveKit",
      span(back, () => closeAt, closeLk),
    );
    row(
      "  close → cue",
      span(
        back,
        () => closeAt,
        (r) => r.triggerAt,
      ),
    );
    row(
      "  cue → room.join answered (token)",
      span(
        back,
        (r) => r.triggerAt,
        (r) => r.tokenAt,
      ),
    );
    row(
      "  → left the group",
      span(
        back,
        (r) => r.tokenAt,
        (r) => r.disconnectedAt,
      ),
    );
    row(
      "  → connected in the main room",
      span(
        back,
        (r) => r.disconnectedAt,
        (r) => r.connectedAt,
      ),
    );
    row(
      "  then breakout.state read (after the move, for the page)",
      span(
        back,
        (r) => r.connectedAt,
        (r) => r.stateAt,
      ),
    );
    row(`server alone, after the run: ${BOTS} breakout.state at once`, stateBurst);
    row(`server alone, after the run: ${BOTS} room.join at once`, joinBurst);
    if (stateBurst.refused || joinBurst.refused)
      console.log(
        `\nRefused in the bursts (HTTP status): state ${stateBurst.refused || "none"}; room.join ${joinBurst.refused || "none"}.`,
      );
    const ratio = (s: ReturnType<typeof summary>) => (s.p95 / base.p95).toFixed(1);
    console.log(
      `\nbreakout.open answered in ${ms(openAnsweredAt - openAt)}, breakout.close in ${ms(closeAnsweredAt - closeAt)}. p95 ratio to the baseline join: open ×${ratio(out)}, close ×${ratio(home)}.`,
    );
    const lag = (settledAt: number | null, lastAt: number, from: number) =>
      settledAt
        ? `${ms(settledAt - lastAt)} after the last bot connected (${ms(settledAt - from)} after the command)`
        : "did not settle in 120 s";
    console.log(
      `Attendance lag (until every bot's new connection is open, the old one closed, one open stay each): join ${lag(joinSettledAt, joinedAt, goAt)}; open ${lag(openSettledAt, inGroupsAt, openAt)}; close ${lag(closeSettledAt, backAt, closeAt)}.`,
    );
    console.log(
      `Webhooks stored during the open: ${openWebhooks.total} (${openWebhooks.by}); during the close: ${closeWebhooks.total} (${closeWebhooks.by}).`,
    );
    console.log(
      `LiveKit after the open: group sizes ${sizes.sort((a, b) => a - b).join("/")}, ${leftInMain} left in the main room, ${misplaced} bots not in their group's room; after the close: ${backInMain} in the main room. Live attendance after ${args.hold} s in the groups and a reconciler run: ${stillIn}/${BOTS}.`,
    );
    console.log(
      `Bot processes' event-loop delay p99/max ms (one pair per process): join ${loopDelays.join}; open ${loopDelays.open}; close ${loopDelays.close}.`,
    );
    const errors = [...joined, ...inGroups, ...back].flatMap((r) => r.errors);
    const retried = [...inGroups, ...back].filter((r) => r.attempts > 1).length;
    const dropped = left.flatMap((l) => l.dropped.map((d) => d.reason));
    console.log(
      `Errors: ${errors.length ? tally(errors) : "none"}; moves that needed a second connect: ${retried}; dropped by LiveKit: ${dropped.length ? tally(dropped) : "none"}; rtc-node reconnects: ${left.reduce((n, l) => n + l.reconnects, 0)}; API calls answered 503 busy (retried): ${left.reduce((n, l) => n + l.busy, 0)}.`,
    );
    const exact = allClosed && problems.length === 0 && stays.length === BOTS;
    console.log(
      `Attendance at the end: ${stays.length} stays for ${BOTS} bots; worst start ${worstStart} ms / end ${worstEnd} ms outside the bot's own window (tolerance ${JOIN_TOLERANCE_MS} / ${LEAVE_TOLERANCE_MS} ms) → ${exact ? "EXACT" : "NOT EXACT"}`,
    );
    if (absentTooLong > 0)
      console.log(
        `  (${absentTooLong} of the split bots were out of every room longer than the ${RECONNECT_GRACE_MS / 1000} s reconnect grace in a move (failed connects): a real gap)`,
      );
    for (const problem of problems.slice(0, 15)) console.log(`  ✗ ${problem}`);
    const pct = (f: (name: string) => number) =>
      `livekit-server ${f("livekit").toFixed(0)}%, Reeks ${f("reeks").toFixed(0)}%, bots ${f("bots").toFixed(0)}%`;
    console.log(
      `CPU (% of one core) from the command until attendance settled: join ${pct(joinPct)}; open ${pct(openPct)}; close ${pct(closePct)}. Peak RSS: Reeks ${peakRssMb(process.pid).toFixed(0)} MB, livekit-server ${peakRssMb(lk).toFixed(0)} MB.`,
    );
    const met = out.p95 < AIM_P95_MS && home.p95 < AIM_P95_MS;
    console.log(
      `Aim (p95 < ${AIM_P95_MS} ms each move, attendance exact): ${met && exact ? "MET" : "NOT MET"}.`,
    );
    if (!(met && exact)) process.exitCode = 1;
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
