import { execFile } from "node:child_process";
import { constants, existsSync } from "node:fs";
import { access, chmod, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The livekit-server release we build or download. Newer tags that build may replace it. */
export const LIVEKIT_SERVER_TAG = "v1.13.5";

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "reeks");
}

export function cachedBinaryPath(cacheDir: string): string {
  return join(cacheDir, "livekit", LIVEKIT_SERVER_TAG, "livekit-server");
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

async function goInstall(target: string, log: (line: string) => void): Promise<void> {
  const go = await findOnPath("go");
  if (!go) throw new Error("Go is not installed");
  const gobin = await mkdtemp(join(tmpdir(), "reeks-livekit-build-"));
  try {
    log(`Building livekit-server ${LIVEKIT_SERVER_TAG} with go install (takes a few minutes, once)…`);
    await run(go, ["install", `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_SERVER_TAG}`], {
      env: { ...process.env, GOBIN: gobin, CGO_ENABLED: "0", GOFLAGS: "-buildvcs=false" },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 20 * 60_000,
    });
    await rename(join(gobin, "server"), target);
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
}

function releaseAssetUrl(): string {
  const version = LIVEKIT_SERVER_TAG.replace(/^v/, "");
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const os = process.platform === "darwin" ? "darwin" : "linux";
  return `https://github.com/livekit/livekit-server/releases/download/${LIVEKIT_SERVER_TAG}/livekit_${version}_${os}_${arch}.tar.gz`;
}

async function downloadRelease(target: string, log: (line: string) => void): Promise<void> {
  const url = releaseAssetUrl();
  log(`Downloading ${url}…`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download failed with HTTP ${response.status}`);
  const dir = await mkdtemp(join(tmpdir(), "reeks-livekit-dl-"));
  try {
    const archive = join(dir, "livekit.tar.gz");
    await writeFile(archive, Buffer.from(await response.arrayBuffer()));
    await run("tar", ["-xzf", archive, "-C", dir]);
    await rename(join(dir, "livekit-server"), target);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export class LivekitUnavailableError extends Error {}

/**
 * Finds a livekit-server binary: on PATH, else in the cache, else builds it with Go, else downloads
 * the release. Throws LivekitUnavailableError saying how to provide one when all of that fails.
 */
export async function ensureLivekitBinary(
  options: { cacheDir?: string; log?: (line: string) => void } = {},
): Promise<string> {
  const log = options.log ?? ((line: string) => console.log(line));
  const onPath = await findOnPath("livekit-server");
  if (onPath) return onPath;
  const target = cachedBinaryPath(options.cacheDir ?? defaultCacheDir());
  if (await isExecutable(target)) return target;
  await mkdir(join(target, ".."), { recursive: true });
  const failures: string[] = [];
  for (const [how, obtain] of [
    ["go install", goInstall],
    ["release download", downloadRelease],
  ] as const) {
    try {
      await obtain(target, log);
      await chmod(target, 0o755);
      if (existsSync(target)) return target;
    } catch (error) {
      const message = error instanceof Error ? error.message.split("\n").slice(-3).join(" ") : String(error);
      failures.push(`${how}: ${message}`);
    }
  }
  throw new LivekitUnavailableError(
    `livekit-server could not be obtained (${failures.join("; ")}). ` +
      `Put livekit-server on PATH, or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to use a running server.`,
  );
}
