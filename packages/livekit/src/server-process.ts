import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createConnection } from "node:net";
import { join } from "node:path";
import { ensureLivekitBinary } from "./binary";
import { DEFAULT_PORTS, type DevServerPorts, renderDevConfig } from "./config";

export interface RunningLivekit {
  url: string;
  apiKey: string;
  apiSecret: string;
  stop(): Promise<void>;
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

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`livekit-server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url.replace(/^ws/, "http"));
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`livekit-server did not become ready within ${timeoutMs} ms`);
}

export interface StartLivekitOptions {
  /** Folder for its config and log file. */
  workDir: string;
  ports?: DevServerPorts;
  apiKey?: string;
  apiSecret?: string;
  webhookUrl?: string;
  cacheDir?: string;
  log?: (line: string) => void;
}

/** Starts a local livekit-server in dev mode on 127.0.0.1 and waits until it answers. */
export async function startLivekitServer(options: StartLivekitOptions): Promise<RunningLivekit> {
  const ports = options.ports ?? DEFAULT_PORTS;
  const apiKey = options.apiKey ?? "devkey";
  // Dev secret: LiveKit wants at least 32 characters; this server only listens on loopback.
  const apiSecret = options.apiSecret ?? "reeks-dev-secret-0123456789abcdefghij";
  for (const port of [ports.http, ports.rtcTcp]) {
    if (!(await portIsFree(port))) {
      throw new Error(
        `Port ${port} is in use, so livekit-server cannot start. Stop what uses it, or set LIVEKIT_PORT to another port.`,
      );
    }
  }
  const binary = await ensureLivekitBinary({
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  await mkdir(options.workDir, { recursive: true });
  const configPath = join(options.workDir, `livekit-${ports.http}.yaml`);
  await writeFile(
    configPath,
    renderDevConfig({
      ports,
      apiKey,
      apiSecret,
      ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
    }),
  );
  const logFile = createWriteStream(join(options.workDir, `livekit-${ports.http}.log`), { flags: "a" });
  const child = spawn(binary, ["--dev", "--config", configPath, "--bind", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(logFile);
  child.stderr?.pipe(logFile);
  const url = `ws://127.0.0.1:${ports.http}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    logFile.end();
  };
  try {
    await waitUntilReady(url, child, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, apiKey, apiSecret, stop };
}
