import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const isRoot = process.getuid?.() === 0;

/** The newest Debian PostgreSQL server binaries, or null when none is installed. */
export function postgresBinDir(): string | null {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], "bin") : null;
}

export interface Postgres {
  url: string;
  /** Its Unix socket folder: reachable from another network namespace, where 127.0.0.1 is not. */
  socketDir: string;
  port: number;
  /** An orderly shutdown (`pg_ctl -m fast stop`), as in a restart: the data stays for `resume`. */
  pause(): void;
  /** Starts the paused cluster again, on the same port and data. */
  resume(): void;
  stop(): void;
}

/**
 * A private PostgreSQL cluster in a temporary folder, trusted on loopback only. Without fsync unless
 * `durable` (tests need no durability; a benchmark of durable writes does).
 */
export function startPostgres(port: number, options: { durable?: boolean } = {}): Postgres {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL binaries not found");
  const dir = mkdtempSync(join(tmpdir(), "reeks-pg-"));
  const dataDir = join(dir, "data");
  // PostgreSQL refuses to run as root; as root we run it as the postgres user Debian creates.
  const asUser = (cmd: string, args: string[]) =>
    isRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" })
      : execFileSync(cmd, args, { stdio: "pipe" });
  if (isRoot) execFileSync("chown", ["postgres", dir]);
  asUser(join(bin, "initdb"), ["-D", dataDir, "-U", "reeks", "-A", "trust", "-E", "UTF8", "--no-locale"]);
  const start = () =>
    asUser(join(bin, "pg_ctl"), [
      "-D",
      dataDir,
      "-l",
      join(dir, "postgres.log"),
      "-w",
      "start",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${options.durable ? "on" : "off"} -c max_connections=200`,
    ]);
  start();
  return {
    url: `postgres://reeks@127.0.0.1:${port}/postgres`,
    socketDir: dir,
    port,
    pause: () => {
      asUser(join(bin, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "stop"]);
    },
    resume: start,
    stop: () => {
      try {
        asUser(join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
