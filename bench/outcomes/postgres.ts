import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A throwaway PostgreSQL cluster for a benchmark run (Debian's postgresql), unless DATABASE_URL is set. */
export function startBenchPostgres(port: number): { url: string; stop(): void } {
  const base = "/usr/lib/postgresql";
  const version = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))[0]
    : undefined;
  if (!version) throw new Error("PostgreSQL not found: apt-get install postgresql, or set DATABASE_URL");
  const bin = join(base, version, "bin");
  const dir = mkdtempSync(join(tmpdir(), "reeks-bench-pg-"));
  const isRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    isRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" })
      : execFileSync(cmd, args, { stdio: "pipe" });
  if (isRoot) execFileSync("chown", ["postgres", dir]);
  const data = join(dir, "data");
  run(join(bin, "initdb"), ["-D", data, "-U", "reeks", "-A", "trust", "-E", "UTF8", "--no-locale"]);
  run(join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    join(dir, "log"),
    "-w",
    "start",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
  ]);
  return {
    url: `postgres://reeks@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
