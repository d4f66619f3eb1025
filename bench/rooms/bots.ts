/**
 * One bot process of room-scale.ts: its own rtc-node runtime (one FFI client, one tokio runtime)
 * for a share of the bots. Reads one JSON line {url, bots, concurrency, attempts} from stdin, joins
 * its bots a few at a time, retrying a failed join, and reports what each bot really did (when it
 * first tried, when connect() resolved, how often it tried); on "leave" leaves them all and reports
 * when each leave started and ended; exits on "exit" (so the parent can read its peak RSS first).
 *
 * Bots are silent members: autoSubscribe off, nothing published — except the ones marked `speaker`,
 * which publish one microphone track of a quiet 440 Hz tone (48 kHz mono, 10 ms frames), like a
 * speaker on stage. Nobody subscribes to it, so livekit-server receives it and forwards it to no one.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import {
  AudioFrame,
  AudioSource,
  DisconnectReason,
  dispose,
  LocalAudioTrack,
  Room,
  RoomEvent,
  TrackPublishOptions,
  TrackSource,
} from "@livekit/rtc-node";
import { type Bot, joinBot } from "@reeks/livekit/testing";
import {
  type BotJob,
  type BotMessage,
  type BotSpec,
  type JoinReport,
  type LeaveReport,
  MARK,
} from "./bot-protocol";

const SAMPLE_RATE = 48_000;
const FRAME_SAMPLES = SAMPLE_RATE / 100;

function send(message: BotMessage) {
  process.stdout.write(`${MARK}${JSON.stringify(message)}\n`);
}

/** A quiet tone, pushed in real time (captureFrame waits while the source's queue is full). */
async function speak(bot: Bot, stop: AbortSignal) {
  const source = new AudioSource(SAMPLE_RATE, 1, 200);
  const track = LocalAudioTrack.createAudioTrack("microphone", source);
  const options = new TrackPublishOptions();
  options.source = TrackSource.SOURCE_MICROPHONE;
  await bot.room.localParticipant?.publishTrack(track, options);
  const samples = new Int16Array(FRAME_SAMPLES);
  let n = 0;
  while (!stop.aborted) {
    for (let i = 0; i < FRAME_SAMPLES; i += 1, n += 1)
      samples[i] = Math.round(2_000 * Math.sin((2 * Math.PI * 440 * n) / SAMPLE_RATE));
    await source.captureFrame(new AudioFrame(samples, SAMPLE_RATE, 1, FRAME_SAMPLES));
  }
  await source.close();
}

/**
 * Rooms whose connect() failed. Kept referenced for the life of the process: when the Rust side gave
 * up on a join (it waits a limited time for the JS side to answer its connect callback, and a busy
 * event loop answers late) it drops the room handle, and rtc-node's FfiHandle for it would throw
 * "trying to drop an invalid handle" from its finalizer — an uncaught exception that ends the process.
 */
const failedRooms: Room[] = [];

async function joinWithRetry(url: string, spec: BotSpec, attempts: number) {
  const report: JoinReport = {
    identity: spec.identity,
    firstAttemptAt: Date.now(),
    joinedAt: null,
    attempts: 0,
    lastFailureAt: null,
    errors: [],
  };
  while (report.attempts < attempts) {
    report.attempts += 1;
    const room = new Room();
    try {
      const bot = await joinBot(url, spec.token, spec.identity, room);
      report.joinedAt = bot.joinedAt.getTime();
      return { report, bot };
    } catch (error) {
      report.lastFailureAt = Date.now();
      failedRooms.push(room);
      report.errors.push(error instanceof Error ? error.message : String(error));
      // Back off a little: a failed join is usually a busy machine, not a bad token.
      await new Promise((r) => setTimeout(r, 500 * report.attempts));
    }
  }
  return { report, bot: null };
}

/** What happened to a joined bot before it chose to leave. */
function watch(bot: Bot) {
  const seen: Pick<LeaveReport, "reconnects" | "dropped"> & { leaving: boolean } = {
    reconnects: 0,
    dropped: null,
    leaving: false,
  };
  bot.room.on(RoomEvent.Reconnecting, () => {
    seen.reconnects += 1;
  });
  bot.room.on(RoomEvent.Disconnected, (reason) => {
    if (!seen.leaving) seen.dropped = { at: Date.now(), reason: DisconnectReason[reason] ?? String(reason) };
  });
  return seen;
}

async function run(job: BotJob) {
  const joined: Array<{ bot: Bot; spec: BotSpec; seen: ReturnType<typeof watch> }> = [];
  const reports: JoinReport[] = [];
  const speaking = new AbortController();
  const speakers: Promise<void>[] = [];
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  let next = 0;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.bots.length) {
        const spec = job.bots[next];
        next += 1;
        if (!spec) continue;
        const { report, bot } = await joinWithRetry(job.url, spec, job.attempts);
        reports.push(report);
        if (!bot) continue;
        joined.push({ bot, spec, seen: watch(bot) });
        // A speaker that cannot publish is worth a line, not the whole run.
        if (spec.speaker)
          speakers.push(
            speak(bot, speaking.signal).catch((error: unknown) => {
              console.error(`speaker ${spec.identity} stopped:`, error);
            }),
          );
      }
    }),
  );
  delay.disable();
  const ms = (ns: number) => Math.round(ns / 1e6);
  send({
    type: "joined",
    bots: reports,
    loopDelay: { p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max) },
  });
  return {
    async leave() {
      speaking.abort();
      await Promise.all(speakers);
      const left = await Promise.all(
        joined.map(async ({ bot, seen }): Promise<LeaveReport> => {
          seen.leaving = true;
          const leaveStartedAt = Date.now();
          const leftAt = (await bot.leave()).getTime();
          const { reconnects, dropped } = seen;
          return { identity: bot.identity, leaveStartedAt, leftAt, reconnects, dropped };
        }),
      );
      send({ type: "left", bots: left });
    },
  };
}

async function main() {
  let running: Awaited<ReturnType<typeof run>> | null = null;
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.startsWith("{")) running = await run(JSON.parse(line) as BotJob);
    else if (line === "leave") await running?.leave();
    else if (line === "exit") break;
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
