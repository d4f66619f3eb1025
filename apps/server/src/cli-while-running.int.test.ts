import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { and, DEMO_SERIES_SLUG, eq, Participant, Person } from "@reeks/db";
import { testLivekit } from "@reeks/testing/livekit-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "./env";
import { type RunningReeks, startReeks } from "./server";

const serverDir = fileURLToPath(new URL("..", import.meta.url));

describe("the organiser CLI while Reeks runs on the embedded database", () => {
  let dir: string;
  let reeks: RunningReeks;
  let cliEnv: NodeJS.ProcessEnv;
  const reeksCli = (...args: string[]) =>
    promisify(execFile)("pnpm", ["exec", "tsx", "src/cli.ts", ...args], { cwd: serverDir, env: cliEnv });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "reeks-cli-running-"));
    const livekit = testLivekit();
    // Always the embedded database here, even in the PostgreSQL run of the suite.
    reeks = await startReeks(
      loadEnv({
        PORT: "0",
        REEKS_DATA_DIR: dir,
        LIVEKIT_URL: livekit.url,
        LIVEKIT_API_KEY: livekit.apiKey,
        LIVEKIT_API_SECRET: livekit.apiSecret,
      }),
      () => {},
    );
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    cliEnv = { ...inherited, REEKS_DATA_DIR: dir };
  });
  afterAll(async () => {
    await reeks?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("adds an organiser, lists the series and exports, while the app keeps answering", async () => {
    const health = setInterval(() => void fetch(`${reeks.url}/healthz`).catch(() => {}), 50);
    try {
      const added = await reeksCli("organiser", "add", "--email", "Olga@VGS.test", "--name", "Olga");
      expect(added.stdout).toContain(`olga@vgs.test is now organiser of ${DEMO_SERIES_SLUG}`);
      const [row] = await reeks.database.db
        .select({ role: Participant.role, status: Participant.status })
        .from(Participant)
        .innerJoin(Person, eq(Person.id, Participant.personId))
        .where(and(eq(Person.email, "olga@vgs.test")));
      expect(row).toEqual({ role: "organiser", status: "approved" });

      const listed = await reeksCli("series", "list");
      expect(listed.stdout).toContain(`(${DEMO_SERIES_SLUG})`);

      const out = join(dir, "series.json");
      const exported = await reeksCli(
        "export",
        "--series",
        DEMO_SERIES_SLUG,
        "--format",
        "json",
        "--out",
        out,
      );
      expect(exported.stdout).toContain(`Wrote series (json, nl) to ${out}`);
      expect(JSON.parse(await readFile(out, "utf8")).sessions).toHaveLength(4);
    } finally {
      clearInterval(health);
    }
    expect((await fetch(`${reeks.url}/healthz`)).status).toBe(200);
  }, 180_000);
});
