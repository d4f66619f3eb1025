/**
 * One bot process of breakout-moves.ts: its own rtc-node runtime for a share of the bots, each bot a
 * signed-in member doing what the web client does around a breakout round. Reads commands (one JSON
 * line each, see breakout-protocol.ts) from stdin:
 *
 * - setup: open each bot's live stream (capture.live), as the room page keeps it open;
 * - join: every bot at once asks room.join and connects to the session's main room (the baseline);
 * - arm open|close: every bot waits for its cue (the "breakout" live event, or breakout.state when
 *   polling), then, as the client does on the event, asks where it belongs
 *   (breakout.join, and room.join for the main room), leaves its room and connects to the new one;
 * - leave, exit.
 *
 * Bots are silent members: autoSubscribe off, nothing published.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { DisconnectReason, dispose, Room, RoomEvent } from "@livekit/rtc-node";
import { EventSource } from "eventsource";
import {
  type LeaveReport,
  type LoopDelay,
  MARK,
  type MovePhase,
  type MoveReport,
  type MoverCommand,
  type MoverJob,
  type MoverMessage,
  type MoverSpec,
} from "./breakout-protocol";

function send(message: MoverMessage) {
  process.stdout.write(`${MARK}${JSON.stringify(message)}\n`);
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Measures the event loop's delay until the returned function is called. */
function loopDelay(): () => LoopDelay {
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  return () => {
    histogram.disable();
    const ms = (ns: number) => Math.round(ns / 1e6);
    return {
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
    };
  };
}

/**
 * Leaves a room. rtc-node may already have dropped the room's handle (when the Rust side gave up on
 * it, see bots.ts): then there is nothing left to leave, and the error says only that.
 */
async function disconnect(room: Room, errors: string[]) {
  try {
    await room.disconnect();
  } catch (error) {
    errors.push(`disconnect: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Rooms whose connect() failed, kept referenced for the life of the process: rtc-node may hold a
 * handle the Rust side already dropped, and collecting it throws from a finalizer (see bots.ts).
 */
const failedRooms: Room[] = [];
const CUE_TIMEOUT_MS = 120_000;

/**
 * At most `limit` connect() calls at a time in this process (0: no limit, as 100 browsers on their own
 * machines would). Each connect costs this process's event loop and CPU (see bots.ts); a limit trades
 * failed connects on a starved machine for queueing in the load generator.
 */
function limiter(limit: number) {
  let running = 0;
  const queue: Array<() => void> = [];
  return {
    async acquire(): Promise<() => void> {
      if (limit > 0 && running >= limit) await new Promise<void>((resolve) => queue.push(resolve));
      running += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        running -= 1;
        queue.shift()?.();
      };
    },
  };
}
let connecting = limiter(0);

type JoinAnswer =
  | { kind: "main" }
  | { kind: "group"; groupId: string; token: string; url: string }
  | { kind: "token"; token: string; url: string }
  | { kind: "waiting" | "ended" | "lobby" };

interface BreakoutState {
  round: null | { id: string; status: "planned" | "open" | "closed"; myGroupId: string | null };
}

class Mover {
  room: Room | null = null;
  stream: EventSource | null = null;
  reconnects = 0;
  dropped: Array<{ at: number; reason: string }> = [];
  /** True while the bot itself leaves a room: that disconnect is no drop. */
  private leaving = false;
  /** Resolvers waiting for a breakout live event with this change. */
  private waiters = new Map<string, Array<(at: number) => void>>();

  constructor(
    readonly job: MoverJob,
    readonly spec: MoverSpec,
  ) {}

  /** 503s answered "busy" (the server's queue of waiting requests was full), retried as Retry-After says. */
  busy = 0;

  async call<T>(kind: "query" | "mutation", path: string, input: unknown): Promise<T> {
    const base = `${this.job.url}/api/trpc/${path}`;
    const headers: Record<string, string> = { cookie: this.spec.cookie, "x-reeks-locale": "nl" };
    for (let attempt = 1; ; attempt++) {
      const response =
        kind === "query"
          ? await fetch(`${base}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
          : await fetch(base, {
              method: "POST",
              headers: { ...headers, "content-type": "application/json", origin: this.job.url },
              body: JSON.stringify(input),
            });
      const text = await response.text();
      if (response.status === 503 && attempt < 5) {
        this.busy += 1;
        await sleep(Number(response.headers.get("retry-after") ?? 1) * 1000);
        continue;
      }
      if (!response.ok) throw new Error(`${path} ${response.status}: ${text.slice(0, 200)}`);
      return (JSON.parse(text) as { result: { data: T } }).result.data;
    }
  }

  /** The session's live stream, as the room page holds it: resolves once open. */
  openStream(): Promise<void> {
    const input = encodeURIComponent(JSON.stringify({ sessionId: this.job.sessionId }));
    const cookie = this.spec.cookie;
    const source = new EventSource(`${this.job.url}/api/trpc/capture.live?input=${input}`, {
      fetch: (url, init) =>
        fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } }),
    });
    this.stream = source;
    source.addEventListener("message", (event) => {
      const at = Date.now();
      if (!event.data.includes('"breakout"')) return;
      let change: string | undefined;
      try {
        change = (JSON.parse(event.data) as { type?: string; change?: string }).change;
      } catch {
        return;
      }
      if (!change) return;
      const waiting = this.waiters.get(change) ?? [];
      this.waiters.delete(change);
      for (const resolve of waiting) resolve(at);
    });
    return new Promise((resolve, reject) => {
      source.addEventListener("open", () => resolve(), { once: true });
      source.addEventListener("error", (e) => reject(new Error(`live stream: ${e.message ?? "error"}`)), {
        once: true,
      });
    });
  }

  /** The cue to move: armed before the moderator acts, so the event cannot come before the wait. */
  cue(phase: MovePhase): Promise<number> {
    if (this.job.via === "event") {
      const change = phase === "open" ? "opened" : "closed";
      return new Promise((resolve) => {
        this.waiters.set(change, [...(this.waiters.get(change) ?? []), resolve]);
      });
    }
    return (async () => {
      // Each bot on its own phase, as browsers that loaded the page at different times would be.
      await sleep(Math.random() * this.job.pollMs);
      for (;;) {
        const state = await this.call<BreakoutState>("query", "breakout.state", {
          sessionId: this.job.sessionId,
        }).catch(() => null);
        const status = state?.round?.status;
        if (phase === "open" ? status === "open" : status === "closed" || (state && !state.round))
          return Date.now();
        await sleep(this.job.pollMs);
      }
    })();
  }

  private watch(room: Room) {
    room.on(RoomEvent.Reconnecting, () => {
      this.reconnects += 1;
    });
    room.on(RoomEvent.Disconnected, (reason) => {
      if (!this.leaving && room === this.room)
        this.dropped.push({ at: Date.now(), reason: DisconnectReason[reason] ?? String(reason) });
    });
  }

  /**
   * Leaves the room it is in (if any), then connects with the token, retrying a failed connect. The
   * connect slot (see limiter) is taken before leaving: a browser connects right after it leaves, so
   * waiting for the load generator must not count as time out of every room.
   */
  private async connect(report: MoveReport, url: string, token: string) {
    while (report.attempts < this.job.attempts) {
      report.attempts += 1;
      const release = await connecting.acquire();
      if (this.room) {
        this.leaving = true;
        await disconnect(this.room, report.errors);
        this.leaving = false;
        this.room = null;
        report.disconnectedAt = Date.now();
      }
      const room = new Room();
      try {
        await room.connect(url, token, { autoSubscribe: false, dynacast: false });
        report.connectedAt = Date.now();
        report.roomName = room.name ?? null;
        report.sid = room.localParticipant?.sid ?? null;
        this.room = room;
        this.watch(room);
        return;
      } catch (error) {
        failedRooms.push(room);
        report.errors.push(error instanceof Error ? error.message : String(error));
        release();
        await sleep(250 * report.attempts);
      } finally {
        release();
      }
    }
  }

  private blank(triggerAt: number): MoveReport {
    return {
      index: this.spec.index,
      triggerAt,
      stateAt: null,
      tokenAt: null,
      disconnectedAt: null,
      connectedAt: null,
      roomName: null,
      sid: null,
      target: null,
      attempts: 0,
      errors: [],
    };
  }

  async mainToken(): Promise<{ token: string; url: string }> {
    const answer = await this.call<JoinAnswer>("mutation", "room.join", { sessionId: this.job.sessionId });
    if (answer.kind !== "token") throw new Error(`room.join answered ${answer.kind}`);
    return answer;
  }

  /** The baseline: straight into the main room, as the room page does after the pre-join. */
  async join(at: number): Promise<MoveReport> {
    const report = this.blank(at);
    try {
      const { token, url } = await this.mainToken();
      report.tokenAt = Date.now();
      report.target = "main";
      await this.connect(report, url, token);
    } catch (error) {
      report.errors.push(error instanceof Error ? error.message : String(error));
    }
    return report;
  }

  async move(phase: MovePhase, cue: Promise<number>): Promise<MoveReport> {
    // A cue that never comes (a broken stream) must not hold the whole run.
    const triggerAt = await Promise.race([cue, sleep(CUE_TIMEOUT_MS).then(() => null)]);
    const report = this.blank(triggerAt ?? Date.now());
    if (triggerAt === null) {
      report.errors.push(`no cue within ${CUE_TIMEOUT_MS / 1000} s`);
      return report;
    }
    const sessionId = this.job.sessionId;
    try {
      // As the web client on the "opened"/"closed" event: the token first, the state after the move.
      // As the web client (use-room-moves.ts): a group from breakout.join, the main room from room.join.
      let target: { token: string; url: string };
      if (phase === "open") {
        const answer = await this.call<JoinAnswer>("mutation", "breakout.join", { sessionId });
        if (answer.kind !== "group") throw new Error(`breakout.join answered ${answer.kind} after the open`);
        report.target = answer.groupId;
        target = answer;
      } else {
        report.target = "main";
        target = await this.mainToken();
      }
      report.tokenAt = Date.now();
      await this.connect(report, target.url, target.token);
      if (this.job.via === "event") {
        await this.call<BreakoutState>("query", "breakout.state", { sessionId });
        report.stateAt = Date.now();
      }
    } catch (error) {
      report.errors.push(error instanceof Error ? error.message : String(error));
    }
    return report;
  }

  async leave(): Promise<LeaveReport> {
    const leaveStartedAt = Date.now();
    this.stream?.close();
    this.leaving = true;
    const errors: string[] = [];
    if (this.room) await disconnect(this.room, errors);
    for (const error of errors) this.dropped.push({ at: Date.now(), reason: error });
    return {
      index: this.spec.index,
      leaveStartedAt,
      leftAt: Date.now(),
      reconnects: this.reconnects,
      busy: this.busy,
      dropped: this.dropped,
    };
  }
}

async function main() {
  let movers: Mover[] = [];
  for await (const line of createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as MoverCommand;
    if (command.type === "setup") {
      const job = command.job;
      movers = job.bots.map((spec) => new Mover(job, spec));
      connecting = limiter(job.connects);
      const opened = await Promise.allSettled(movers.map((m) => m.openStream()));
      send({ type: "ready", streamsOpen: opened.filter((o) => o.status === "fulfilled").length });
    } else if (command.type === "join") {
      const at = Date.now();
      const delay = loopDelay();
      const bots = await Promise.all(movers.map((m) => m.join(at)));
      send({ type: "moved", phase: "join", bots, loopDelay: delay() });
    } else if (command.type === "arm") {
      const phase = command.phase;
      // Every cue is in place before the parent lets the moderator act.
      const cues = movers.map((m) => m.cue(phase));
      const delay = loopDelay();
      const moving = Promise.all(movers.map((m, i) => m.move(phase, cues[i] ?? Promise.resolve(Date.now()))));
      send({ type: "armed" });
      const bots = await moving;
      send({ type: "moved", phase, bots, loopDelay: delay() });
    } else if (command.type === "leave") {
      send({ type: "left", bots: await Promise.all(movers.map((m) => m.leave())) });
    } else if (command.type === "exit") break;
  }
  await dispose();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    send({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
