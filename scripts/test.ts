/**
 * `pnpm test`: everything CI checks, on a machine that may have nothing yet.
 * Installs what the tests need when missing (Debian's chromium and postgresql, livekit-server via the
 * project's own code), starts a throwaway PostgreSQL cluster and one livekit-server, then runs lint,
 * typecheck, the unit tests, the integration tests on PGlite and on PostgreSQL, the browser tests, and
 * the network tests (Reeks deployed in one network namespace, members' Chromium in another; as root).
 * Ends with one line: "Summary: N passed, N failed".
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureLivekitBinary, startLivekitServer } from "@reeks/livekit";
import { postgresBinDir, startPostgres } from "@reeks/testing/postgres";

const root = new URL("..", import.meta.url).pathname;
const isRoot = process.getuid?.() === 0;
const log = (line: string) => console.log(`\n▶ ${line}`);

function aptInstall(packages: string[]) {
  if (!isRoot)
    throw new Error(
      `Missing ${packages.join(", ")}: install them (sudo apt-get install ${packages.join(" ")}).`,
    );
  log(`Installing ${packages.join(", ")} from Debian…`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", ...packages], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

function ensureSystemPackages() {
  const missing: string[] = [];
  if (!existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) missing.push("chromium");
  if (!postgresBinDir()) missing.push("postgresql");
  // The network tests: Caddy as the HTTPS front, nftables as the member's firewall, iproute2 for namespaces.
  if (!existsSync("/usr/bin/caddy")) missing.push("caddy");
  if (!existsSync("/usr/sbin/nft")) missing.push("nftables");
  if (!existsSync("/usr/sbin/ip") && !existsSync("/usr/bin/ip")) missing.push("iproute2");
  if (!existsSync("/usr/bin/openssl")) missing.push("openssl");
  // The screenshot baselines are drawn with these fonts; another fallback font moves every line.
  if (!existsSync("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")) missing.push("fonts-dejavu");
  if (!existsSync("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"))
    missing.push("fonts-noto-color-emoji");
  // The certificate tests read the PDFs back with pdftotext.
  if (!existsSync("/usr/bin/pdftotext")) missing.push("poppler-utils");
  if (missing.length) aptInstall(missing);
}

interface StepResult {
  name: string;
  ok: boolean;
  passed: number;
  failed: number;
  /** "file > test: first line of the error", for the summary at the end (CI shows only the tail). */
  failures?: string[];
  /** Tests that failed once and passed on their retry: listed, for someone to fix. */
  flaky?: string[];
}

function runCommand(
  name: string,
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): StepResult {
  log(name);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  const ok = result.status === 0;
  return { name, ok, passed: 0, failed: 0 };
}

/**
 * Tests against real servers (database, livekit-server, Chromium) get one retry: on a loaded 2-core
 * machine one unlucky timing should not fail the whole run. Every retried test is listed at the end as
 * flaky with the error of its failed attempt, so a retry never hides a problem. Unit tests get none.
 */
function runVitest(
  name: string,
  project: string,
  env: NodeJS.ProcessEnv,
  { retry = 1 }: { retry?: number } = {},
): Promise<StepResult> {
  log(name);
  const reportDir = mkdtempSync(join(tmpdir(), "reeks-vitest-"));
  const report = join(reportDir, "report.json");
  const flakyReport = join(reportDir, "flaky.txt");
  return new Promise((resolve) => {
    const child = spawn(
      "pnpm",
      [
        "exec",
        "vitest",
        "run",
        "--project",
        project,
        "--reporter=default",
        "--reporter=json",
        "--reporter=./scripts/flaky-reporter.ts",
        `--outputFile.json=${report}`,
        `--retry=${retry}`,
      ],
      { cwd: root, stdio: "inherit", env: { ...env, REEKS_FLAKY_REPORT: flakyReport } },
    );
    child.on("exit", (code) => {
      let passed = 0;
      let failed = 0;
      const failures: string[] = [];
      if (existsSync(report)) {
        const json = JSON.parse(readFileSync(report, "utf8")) as {
          numPassedTests: number;
          numFailedTests: number;
          testResults?: Array<{
            name: string;
            message?: string;
            assertionResults?: Array<{ fullName: string; status: string; failureMessages?: string[] }>;
          }>;
        };
        passed = json.numPassedTests;
        failed = json.numFailedTests;
        for (const file of json.testResults ?? []) {
          const where = file.name.replace(root, "");
          for (const test of file.assertionResults ?? []) {
            if (test.status !== "failed") continue;
            const first = (test.failureMessages?.[0] ?? "").split("\n").slice(0, 3).join(" ⏎ ");
            failures.push(`${where} > ${test.fullName}: ${first.slice(0, 400)}`);
          }
          // A file that failed to load (or whose hooks threw) has a message and maybe no tests.
          if (file.message && !(file.assertionResults ?? []).some((t) => t.status === "failed"))
            failures.push(`${where}: ${file.message.split("\n").slice(0, 3).join(" ⏎ ").slice(0, 400)}`);
        }
      }
      const flaky = existsSync(flakyReport) ? readFileSync(flakyReport, "utf8").trim().split("\n") : [];
      rmSync(reportDir, { recursive: true, force: true });
      // A suite that crashed before running its tests still counts as a failure.
      if (code !== 0 && failed === 0) failed = 1;
      resolve({ name, ok: code === 0, passed, failed, failures, flaky });
    });
  });
}

async function main() {
  const started = Date.now();
  ensureSystemPackages();
  log("Ensuring livekit-server (the project's own binary management)…");
  await ensureLivekitBinary({ log: (line) => console.log(line) });

  const results: StepResult[] = [];
  results.push(runCommand("Lint (biome)", "pnpm", ["exec", "biome", "check", "."]));
  results.push(runCommand("Typecheck", "pnpm", ["typecheck"]));
  results.push(runCommand("Build the web app", "pnpm", ["--filter", "@reeks/web", "build"]));
  // The network tests run the compiled server, as systemd does in production.
  results.push(runCommand("Build the server", "pnpm", ["--filter", "@reeks/server", "build"]));

  const livekitDir = mkdtempSync(join(tmpdir(), "reeks-livekit-"));
  const livekitPort = Number(process.env.REEKS_TEST_LIVEKIT_PORT ?? 7980);
  const livekit = await startLivekitServer({
    workDir: livekitDir,
    ports: { http: livekitPort, rtcTcp: livekitPort + 1, rtcUdp: livekitPort + 2 },
    log: () => {},
  });
  // A PostgreSQL that fails to start (port taken) must not leave the livekit-server running behind us.
  const postgres = await (async () => {
    try {
      return startPostgres(Number(process.env.REEKS_TEST_PG_PORT ?? 54329));
    } catch (error) {
      await livekit.stop();
      rmSync(livekitDir, { recursive: true, force: true });
      throw error;
    }
  })();
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
  };
  delete baseEnv.DATABASE_URL;
  try {
    results.push(await runVitest("Unit tests", "unit", baseEnv, { retry: 0 }));
    results.push(await runVitest("Integration tests on PGlite", "integration", baseEnv));
    results.push(
      await runVitest("Integration tests on PostgreSQL", "integration", {
        ...baseEnv,
        DATABASE_URL: postgres.url,
      }),
    );
    results.push(await runVitest("Browser tests (Chromium)", "e2e", baseEnv));
    results.push(
      await runVitest("Network tests (server and member in their own namespaces)", "network", baseEnv),
    );
  } finally {
    await livekit.stop();
    postgres.stop();
    rmSync(livekitDir, { recursive: true, force: true });
  }

  console.log("\n── Results ──");
  for (const r of results) {
    const counts = r.passed || r.failed ? ` (${r.passed} passed, ${r.failed} failed)` : "";
    console.log(`${r.ok ? "✔" : "✘"} ${r.name}${counts}`);
    for (const failure of r.failures ?? []) console.log(`    ✘ ${failure}`);
    for (const flaky of r.flaky ?? []) console.log(`    ⚠ flaky, passed on its retry: ${flaky}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  // A failed lint, typecheck or build counts as one failure.
  const failed = results.reduce((n, r) => n + (r.failed || (r.ok ? 0 : 1)), 0);
  console.log(`Took ${Math.round((Date.now() - started) / 1000)} s.`);
  console.log(`Summary: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  console.log("Summary: 0 passed, 1 failed");
  process.exit(1);
});
