import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, createWriteStream, openSync } from "node:fs";
import { mkdir, open, readFile, rm, writeFile } from "node:fs/promises";
import { createConnection } from "node:net";
import { basename, join } from "node:path";
import { ensureLivekitBinary } from "./binary";
import {
  DEFAULT_PORTS,
  type DevServerPorts,
  type ProductionServerConfig,
  renderDevConfig,
  renderProductionConfig,
} from "./config";

export interface RunningLivekit {
  url: string;
  apiKey: string;
  apiSecret: string;
  /** The livekit-server process. */
  pid: number;
  /** True when a server left running by an earlier run (same folder, same config) was taken over. */
  adopted: boolean;
  /** Leaves whose webhooks LiveKit gave up on (the app was down), from the server's log. */
  undeliveredLeaves(): Promise<UndeliveredLeave[]>;
  /** Stops the server, whether this run started it or adopted it. */
  stop(): Promise<void>;
}

/** A participant_left (or connection_aborted) webhook that LiveKit could not deliver. */
export interface UndeliveredLeave {
  roomName: string;
  /** The participant's sid: the connection that ended. */
  sid: string;
  /** The event's creation time (LiveKit's clock, whole seconds): when the connection ended. */
  leftAt: Date;
}

const LEAVE_EVENTS = new Set(["participant_left", "participant_connection_aborted"]);
/** Only the end of the log matters: what happened while the app was down. */
const LOG_TAIL_BYTES = 8 << 20;

/**
 * LiveKit retries a webhook for about 15 s (four retries, 1–8 s apart) and then drops it, logging
 * what it was. When the app was down for longer, that log line is the only record of when someone
 * left: read those back, so that their stay ends when LiveKit saw them go, not when the app returned.
 */
export async function readUndeliveredLeaves(logPath: string): Promise<UndeliveredLeave[]> {
  let text: string;
  try {
    const file = await open(logPath, "r");
    try {
      const { size } = await file.stat();
      const length = Math.min(size, LOG_TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      await file.read(buffer, 0, length, size - length);
      text = buffer.toString("utf8");
    } finally {
      await file.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const leaves: UndeliveredLeave[] = [];
  for (const line of text.split("\n")) {
    if (!line.includes("webhook") || !line.startsWith("{")) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // the first line of the tail may be cut
    }
    const message = entry.msg ?? entry.message;
    if (message !== "failed to send webhook" && message !== "dropped webhook") continue;
    const { event, room, participantID, webhookTime } = entry;
    if (typeof event !== "string" || !LEAVE_EVENTS.has(event)) continue;
    if (typeof room !== "string" || typeof participantID !== "string") continue;
    const seconds = Number(webhookTime);
    if (!Number.isFinite(seconds) || seconds <= 0) continue;
    leaves.push({ roomName: room, sid: participantID, leftAt: new Date(seconds * 1000) });
  }
  return leaves;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

/** Whether a process with this pid exists (EPERM: it does, but belongs to someone else). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url.replace(/^ws/, "http"), { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`livekit-server exited with code ${child.exitCode}`);
    if (await answers(url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`livekit-server did not become ready within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
async function terminate(pid: number, graceMs = 5_000): Promise<void> {
  if (!processIsAlive(pid)) return;
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (processIsAlive(pid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        return;
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface LivekitKeys {
  apiKey: string;
  apiSecret: string;
}

/**
 * The key pair of the server for `workDir`: made at random on first use and kept there, readable by
 * the owner only. A key in the repository would let anyone who reaches the webhook endpoint of an
 * exposed dev server forge attendance; one per folder keeps a restart (and an adopted server) valid.
 */
export async function loadOrCreateKeys(workDir: string): Promise<LivekitKeys> {
  const file = join(workDir, "keys.json");
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as Partial<LivekitKeys>;
    if (
      typeof stored.apiKey === "string" &&
      /^[A-Za-z0-9]{8,}$/.test(stored.apiKey) &&
      typeof stored.apiSecret === "string" &&
      stored.apiSecret.length >= 32
    ) {
      return { apiKey: stored.apiKey, apiSecret: stored.apiSecret };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT" && !(error instanceof SyntaxError)) throw error;
  }
  await mkdir(workDir, { recursive: true, mode: 0o700 });
  // Key: a name, so letters and digits only; secret: 256 bits (LiveKit wants at least 32 characters).
  const keys = {
    apiKey: `API${randomBytes(9).toString("hex")}`,
    apiSecret: randomBytes(32).toString("base64url"),
  };
  await writeFile(file, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  return keys;
}

interface PidFile {
  pid: number;
  configHash: string;
}

async function readPidFile(path: string): Promise<PidFile | null> {
  try {
    const value = JSON.parse(await readFile(path, "utf8")) as Partial<PidFile>;
    if (Number.isInteger(value.pid) && typeof value.configHash === "string") {
      return { pid: value.pid as number, configHash: value.configHash };
    }
  } catch {
    // missing or torn: nothing to adopt
  }
  return null;
}

/** Whether `pid` is a livekit-server started on `configPath` (a recycled pid is something else). */
async function isOurLivekit(pid: number, configPath: string): Promise<boolean> {
  if (!processIsAlive(pid)) return false;
  try {
    const argv = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0");
    return basename(argv[0] ?? "") === "livekit-server" && argv.includes(configPath);
  } catch {
    // No /proc (not Linux) or not ours to read: do not adopt what cannot be checked.
    return false;
  }
}

export interface StartLivekitOptions {
  /** Folder for its config, keys, pid and log file. */
  workDir: string;
  ports?: DevServerPorts;
  /** Given keys (the test harness); otherwise the folder's own, see loadOrCreateKeys. */
  apiKey?: string;
  apiSecret?: string;
  webhookUrl?: string;
  cacheDir?: string;
  log?: (line: string) => void;
  /**
   * The app's own server: keep running when this process dies (its own process group, output to a
   * file), and take over one left running for `workDir`. Off for test harnesses, whose server should
   * end with them (through its output pipes) rather than hold its ports after a crashed run.
   */
  outliveParent?: boolean;
  /**
   * Production mode: public node address, TURN, no `--dev`. Signalling still answers on 127.0.0.1
   * (the TLS front and the app reach it there); media listens on every interface.
   */
  production?: Omit<ProductionServerConfig, "ports" | "apiKey" | "apiSecret" | "webhookUrl">;
}

/**
 * Starts a local livekit-server in dev mode on 127.0.0.1 and waits until it answers, or adopts the one
 * an earlier run left for this folder when it still runs with the same config.
 *
 * With `outliveParent` the server runs in its own session (process group) with its output going to a
 * file, not to pipes from this process: when the app crashes or is killed, the media server and
 * everyone in a call stay up (with pipes it died within seconds), and the next start takes it over.
 * `stop()` ends it, so a normal shutdown (Ctrl-C) still stops everything.
 */
export async function startLivekitServer(options: StartLivekitOptions): Promise<RunningLivekit> {
  const ports = options.ports ?? DEFAULT_PORTS;
  await mkdir(options.workDir, { recursive: true, mode: 0o700 });
  const keys =
    options.apiKey && options.apiSecret
      ? { apiKey: options.apiKey, apiSecret: options.apiSecret }
      : await loadOrCreateKeys(options.workDir);
  const binary = await ensureLivekitBinary({
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const configPath = join(options.workDir, `livekit-${ports.http}.yaml`);
  const pidPath = join(options.workDir, `livekit-${ports.http}.pid`);
  const webhook = options.webhookUrl ? { webhookUrl: options.webhookUrl } : {};
  const config = options.production
    ? renderProductionConfig({ ports, ...keys, ...webhook, ...options.production })
    : renderDevConfig({ ports, ...keys, ...webhook });
  const configHash = createHash("sha256").update(binary).update("\0").update(config).digest("hex");
  const url = `ws://127.0.0.1:${ports.http}`;
  const logPath = join(options.workDir, `livekit-${ports.http}.log`);
  const undeliveredLeaves = () => readUndeliveredLeaves(logPath);
  const stopPid = (pid: number) => async () => {
    await terminate(pid);
    await rm(pidPath, { force: true });
  };

  const previous = options.outliveParent ? await readPidFile(pidPath) : null;
  if (previous && (await isOurLivekit(previous.pid, configPath))) {
    if (previous.configHash === configHash && (await answers(url))) {
      options.log?.(`livekit-server ${previous.pid} is still running: taking it over`);
      return {
        url,
        ...keys,
        pid: previous.pid,
        adopted: true,
        undeliveredLeaves,
        stop: stopPid(previous.pid),
      };
    }
    // Ours, but with another config (ports, webhook URL) or hung: replace it.
    options.log?.(`stopping livekit-server ${previous.pid} left by an earlier run (config changed)`);
    await terminate(previous.pid);
  }

  for (const port of [ports.http, ports.rtcTcp]) {
    if (!(await portIsFree(port))) {
      throw new Error(
        `Port ${port} is in use, so livekit-server cannot start. Stop what uses it, or set LIVEKIT_PORT to another port.`,
      );
    }
  }
  await writeFile(configPath, config, { mode: 0o600 });
  const args = options.production
    ? ["--config", configPath]
    : ["--dev", "--config", configPath, "--bind", "127.0.0.1"];
  let child: ChildProcess;
  if (options.outliveParent) {
    const logFd = openSync(logPath, "a", 0o600);
    try {
      child = spawn(binary, args, { detached: true, stdio: ["ignore", logFd, logFd] });
    } finally {
      closeSync(logFd);
    }
    // Neither the child's handle nor its exit may keep this process alive or tie the two together.
    child.unref();
  } else {
    child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    const logFile = createWriteStream(logPath, { flags: "a", mode: 0o600 });
    child.stdout?.pipe(logFile);
    child.stderr?.pipe(logFile);
  }
  const pid = child.pid;
  if (pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once("error", resolve));
    throw new Error(`livekit-server could not be started: ${error.message}`);
  }
  if (options.outliveParent) {
    await writeFile(pidPath, JSON.stringify({ pid, configHash } satisfies PidFile), { mode: 0o600 });
  }
  const stop = stopPid(pid);
  try {
    await waitUntilReady(url, child, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, ...keys, pid, adopted: false, undeliveredLeaves, stop };
}
