import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dispose } from "@livekit/rtc-node";
import { listAttendance } from "@reeks/api";
import { createRoomFixture } from "@reeks/api/testing";
import { eq, RoomSeat, Session } from "@reeks/db";
import { createRoomService, mintRoomToken, newOpaqueIdentity, processIsAlive } from "@reeks/livekit";
import { type Bot, joinBot, signWebhook } from "@reeks/livekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database";
import { loadEnv } from "./env";

const serverDir = dirname(dirname(fileURLToPath(import.meta.url)));
const base = Number(process.env.REEKS_TEST_LIVEKIT_PORT ?? 7980);
const LIVEKIT_PORT = base + 30;
const APP_PORT = base + 35;
/** Joins are LiveKit's join time; connect() resolves after it, later on a busy machine. */
const JOIN_TOLERANCE_MS = 3_000;
/** Leaves come from the webhook's creation time, which LiveKit gives in whole seconds. */
const LEAVE_TOLERANCE_MS = 2_500;
/** The secret that used to be hard-coded for the embedded server. */
const OLD_DEV_KEY = { apiKey: "devkey", apiSecret: "reeks-dev-secret-0123456789abcdefghij" };

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The real app (`pnpm start`'s entry point) as a child process on its own data folder with the
 * embedded livekit-server, so that it can be killed as a crash would kill it.
 */
describe("kill -9 of the app during a live session", () => {
  let dataDir: string;
  let app: ChildProcess | null = null;
  let output = "";
  const roomName = `rk_crash_${newOpaqueIdentity().slice(2)}`;
  const identities: string[] = [];
  let sessionId = "";
  const participantIds: string[] = [];
  const bots: Bot[] = [];

  const env = () => ({
    REEKS_DATA_DIR: dataDir,
    PORT: String(APP_PORT),
    HOST: "127.0.0.1",
    LIVEKIT_PORT: String(LIVEKIT_PORT),
  });

  async function startApp(): Promise<ChildProcess> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env() };
    // The app must run its own livekit-server, on PGlite in its own folder.
    for (const name of ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "DATABASE_URL"]) {
      delete childEnv[name];
    }
    // node itself, not the tsx CLI: that would be a parent relaying signals, and kill -9 would hit it.
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: serverDir,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`app exited:\n${output}`);
        try {
          return (await fetch(`http://127.0.0.1:${APP_PORT}/healthz`)).ok;
        } catch {
          return false;
        }
      },
      60_000,
      "the app to answer",
    );
    return child;
  }

  async function livekitPid(): Promise<number> {
    const file = JSON.parse(await readFile(join(dataDir, "livekit", `livekit-${LIVEKIT_PORT}.pid`), "utf8"));
    return file.pid as number;
  }

  async function connection() {
    const keys = JSON.parse(await readFile(join(dataDir, "livekit", "keys.json"), "utf8"));
    return { url: `ws://127.0.0.1:${LIVEKIT_PORT}`, apiKey: keys.apiKey, apiSecret: keys.apiSecret };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "reeks-crash-"));
    // Prepare the session and seats in the app's own database before it runs (PGlite: one process).
    const database = await openDatabase(loadEnv(env()));
    try {
      const fixture = await createRoomFixture(database.db, { members: 3, roomName });
      sessionId = fixture.sessionId;
      for (const member of fixture.members) {
        const identity = newOpaqueIdentity();
        identities.push(identity);
        participantIds.push(member.participantId);
        await database.db
          .insert(RoomSeat)
          .values({ sessionId, participantId: member.participantId, identity });
      }
      await database.db.update(Session).set({ status: "live" }).where(eq(Session.id, sessionId));
    } finally {
      await database.close();
    }
  }, 120_000);

  afterAll(async () => {
    for (const bot of bots) await bot.leave().catch(() => {});
    await dispose();
    if (app && app.exitCode === null) {
      const exited = new Promise((r) => app?.once("exit", r));
      app.kill("SIGTERM");
      await exited;
    }
    // Whatever happened, no livekit-server may outlive the test.
    const pid = await livekitPid().catch(() => null);
    if (pid && processIsAlive(pid)) process.kill(pid, "SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps LiveKit and the calls up, adopts the server on restart, and records what LiveKit knew", async () => {
    app = await startApp();
    const pidBefore = await livekitPid();
    const lk = await connection();
    // The embedded server has a key of its own, kept readable by the owner only.
    expect(lk.apiKey).not.toBe(OLD_DEV_KEY.apiKey);
    expect((await stat(join(dataDir, "livekit", "keys.json"))).mode & 0o777).toBe(0o600);
    // A webhook signed with the key that used to be in the repository is refused.
    const forged = JSON.stringify({
      id: "EV_forged",
      event: "participant_left",
      room: { name: roomName },
      createdAt: String(Math.floor(Date.now() / 1000)),
    });
    const forgedAnswer = await fetch(`http://127.0.0.1:${APP_PORT}/livekit/webhook`, {
      method: "POST",
      body: forged,
      headers: { Authorization: signWebhook(forged, OLD_DEV_KEY.apiKey, OLD_DEV_KEY.apiSecret) },
    });
    expect(forgedAnswer.status).toBe(401);

    const rooms = createRoomService(lk);
    for (const identity of identities) {
      const { token } = await mintRoomToken(lk, { room: roomName, identity, canPublish: false });
      bots.push(await joinBot(lk.url, token, identity));
    }
    const [stayerA, stayerB, leaver] = bots;
    if (!stayerA || !stayerB || !leaver) throw new Error("bots");
    const sidsBefore = new Map((await rooms.listParticipants(roomName)).map((p) => [p.identity, p.sid]));
    expect(sidsBefore.size).toBe(3);
    // Let the joins' webhooks be stored and processed.
    await new Promise((r) => setTimeout(r, 2_000));

    const crashed = new Promise((r) => app?.once("exit", r));
    app.kill("SIGKILL");
    await crashed;
    // It used to die of its pipes within 2–4 s.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(processIsAlive(pidBefore), "livekit-server outlives the app").toBe(true);
    const during = await rooms.listParticipants(roomName);
    expect(new Map(during.map((p) => [p.identity, p.sid]))).toEqual(sidsBefore);

    // One leaves while the app is down; LiveKit's webhook about it finds nobody answering.
    const leftAt = await leaver.leave();
    bots.splice(bots.indexOf(leaver), 1);
    // LiveKit retries a webhook for about 15 s, then drops it: stay down longer than that, so that
    // only what LiveKit logged can tell when it left (not the restart time, 18 s later).
    await new Promise((r) => setTimeout(r, 18_000));

    output = "";
    app = await startApp();
    expect(await livekitPid()).toBe(pidBefore);
    expect(output).toContain(`adopted on ws://127.0.0.1:${LIVEKIT_PORT} (pid ${pidBefore})`);
    const after = await rooms.listParticipants(roomName);
    expect(new Map(after.map((p) => [p.identity, p.sid]))).toEqual(
      new Map([...sidsBefore].filter(([identity]) => identity !== leaver.identity)),
    );

    // A normal shutdown (Ctrl-C, SIGTERM) stops the media server too.
    const stopped = new Promise((r) => app?.once("exit", r));
    app.kill("SIGTERM");
    await stopped;
    await waitFor(() => !processIsAlive(pidBefore), 10_000, "livekit-server to stop with the app");

    const database = await openDatabase(loadEnv(env()));
    try {
      const rows = await listAttendance(database.db, sessionId);
      const stays = (i: number) => rows.filter((r) => r.participantId === participantIds[i]);
      for (const [i, bot] of [
        [0, stayerA],
        [1, stayerB],
      ] as const) {
        expect(stays(i), `one continuous stay for ${bot.identity}`).toHaveLength(1);
        expect(Math.abs((stays(i)[0]?.joinedAt.getTime() ?? 0) - bot.joinedAt.getTime())).toBeLessThan(
          JOIN_TOLERANCE_MS,
        );
        // Still in the call when the app stopped: the stay is open.
        expect(stays(i)[0]?.leftAt).toBeNull();
      }
      expect(stays(2)).toHaveLength(1);
      const ended = stays(2)[0]?.leftAt?.getTime() ?? Number.NaN;
      expect(Math.abs(ended - leftAt.getTime()), "the leaver's stay ends when it left").toBeLessThanOrEqual(
        LEAVE_TOLERANCE_MS,
      );
    } finally {
      await database.close();
    }
  }, 180_000);
});
