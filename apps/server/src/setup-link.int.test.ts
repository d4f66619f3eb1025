import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { claimSetupLink, SETUP_LINK_TTL_MS, setupLinkState } from "@reeks/api";
import { and, eq, Participant, Person, Series, SetupToken } from "@reeks/db";
import { createPerson } from "@reeks/db/testing";
import { testLivekit } from "@reeks/testing/livekit-env";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "./env";
import { type RunningReeks, startReeks } from "./server";
import { requestSignInLink } from "./testing";

/** A fresh database for these starts: a PGlite folder, or a new database on DATABASE_URL's server. */
async function freshDatabase(dir: string): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { env: { REEKS_DATA_DIR: dir }, drop: async () => {} };
  const name = `reeks_setup_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    // The demo series, which these starts need, is seeded on PostgreSQL only when asked for.
    env: { REEKS_DATA_DIR: dir, DATABASE_URL: own.toString(), REEKS_SEED: "demo" },
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

describe("the one-time setup link for the first administrator", () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const consoleLines: string[] = [];
  const logLines: string[] = [];
  let reeks: RunningReeks | null = null;

  const start = async () => {
    const livekit = testLivekit();
    reeks = await startReeks(
      loadEnv({
        PORT: "0",
        API_RATE_LIMIT: "0",
        LIVEKIT_URL: livekit.url,
        LIVEKIT_API_KEY: livekit.apiKey,
        LIVEKIT_API_SECRET: livekit.apiSecret,
        ...database.env,
      }),
      (line) => logLines.push(line),
      { console: (line) => consoleLines.push(line) },
    );
    return reeks;
  };
  const stop = async () => {
    await reeks?.stop();
    reeks = null;
  };
  const trpc = async (server: RunningReeks, path: string, input: unknown, cookie?: string) => {
    const response = await fetch(`${server.url}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-reeks-locale": "en", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(input),
    });
    return { status: response.status, body: (await response.json()) as { error?: { message?: string } } };
  };
  const status = async (server: RunningReeks, token: string) => {
    const response = await fetch(
      `${server.url}/api/trpc/setup.status?input=${encodeURIComponent(JSON.stringify({ token }))}`,
    );
    return ((await response.json()) as { result: { data: { state: string } } }).result.data.state;
  };
  const signIn = async (server: RunningReeks, email: string) => {
    const link = await requestSignInLink(server, email);
    const response = await fetch(link, { redirect: "manual" });
    const session = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0] ?? "")
      .find((c) => c.split("=")[0]?.endsWith("session_token"));
    if (!session) throw new Error("no session cookie");
    return session;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "reeks-setup-"));
    database = await freshDatabase(dir);
  });
  afterAll(async () => {
    await stop();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("prints a new link at each start while unclaimed, on the console only; only the last one works", async () => {
    const first = await start();
    const firstLink = first.setupLink ?? "";
    expect(firstLink).toMatch(new RegExp(`^${first.url}/setup/[A-Za-z0-9_-]{43}$`));
    const firstToken = firstLink.split("/").pop() ?? "";
    expect(consoleLines.join("\n")).toContain(firstLink);
    expect(logLines.join("\n")).not.toContain(firstToken);
    // Stored only as a hash.
    const rows = await first.database.db.select().from(SetupToken);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(firstToken);
    expect(await status(first, firstToken)).toBe("valid");
    await stop();

    const second = await start();
    const secondToken = second.setupLink?.split("/").pop() ?? "";
    expect(secondToken).not.toBe(firstToken);
    expect(await status(second, firstToken)).toBe("unknown");
    expect(await status(second, secondToken)).toBe("valid");
    // Expired a day later.
    expect(
      await setupLinkState(second.database.db, secondToken, new Date(Date.now() + SETUP_LINK_TTL_MS)),
    ).toBe("expired");
    const late = await createPerson(second.database.db, { email: "late@gemeente.test" });
    await expect(
      claimSetupLink(second.database.db, secondToken, late.id, new Date(Date.now() + SETUP_LINK_TTL_MS)),
    ).rejects.toThrow("Deze instellink is verlopen.");
    expect(await status(second, secondToken)).toBe("valid");
  }, 90_000);

  it("makes whoever claims it organiser of every series, once; then no start prints a link", async () => {
    const server = reeks ?? (await start());
    const token = server.setupLink?.split("/").pop() ?? "";
    const begun = await trpc(server, "setup.begin", {
      token,
      email: "Beheer@Gemeente.test",
      name: "Bea Beheer",
      locale: "en",
    });
    expect(begun.status).toBe(200);
    // A wrong token creates nobody.
    const forged = await trpc(server, "setup.begin", {
      token: "A".repeat(43),
      email: "mallory@evil.test",
      name: "Mallory",
      locale: "en",
    });
    expect(forged.status).toBe(404);
    expect(forged.body.error?.message).toBe(
      "This setup link does not work (any more). Restart Reeks for a new one while nobody administers it.",
    );
    expect(JSON.stringify(forged.body)).not.toMatch(/select|insert|setup_token|at .*\.ts/i);
    expect(
      await server.database.db.select().from(Person).where(eq(Person.email, "mallory@evil.test")),
    ).toEqual([]);

    // Claiming needs a signed-in person.
    expect((await trpc(server, "setup.claim", { token })).status).toBe(401);
    const bea = await signIn(server, "beheer@gemeente.test");
    const claimed = await trpc(server, "setup.claim", { token }, bea);
    expect(claimed.status).toBe(200);
    const [person] = await server.database.db
      .select()
      .from(Person)
      .where(eq(Person.email, "beheer@gemeente.test"));
    const seriesCount = (await server.database.db.select().from(Series)).length;
    const roles = await server.database.db
      .select({ role: Participant.role, status: Participant.status })
      .from(Participant)
      .where(and(eq(Participant.personId, person?.id ?? "")));
    expect(seriesCount).toBeGreaterThan(0);
    expect(roles).toEqual(Array(seriesCount).fill({ role: "organiser", status: "approved" }));

    // Single use: a second claim, even by the same person, is refused.
    const again = await trpc(server, "setup.claim", { token }, bea);
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toBe(
      "Reeks already has an administrator. Ask them to give you access.",
    );
    expect(await status(server, token)).toBe("used");
    await stop();

    consoleLines.length = 0;
    const later = await start();
    expect(later.setupLink).toBeNull();
    expect(consoleLines.join("\n")).not.toContain("/setup/");
  }, 90_000);
});
