/**
 * Room scale: N rtc-node bots (a separate process) in one session room of a real Reeks server with
 * its own livekit-server posting webhooks to it. Checks that attendance is exact (N stays, all
 * closed after they leave) and samples CPU and memory of livekit-server and of our server.
 *
 *   PORT=3301 LIVEKIT_PORT=8310 pnpm exec tsx bench/rooms/room-scale.ts [bots=50]
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { listAttendance, liveAttendanceCount } from "@reeks/api";
import { addParticipant } from "@reeks/api/testing";
import { asc, eq, RoomSeat, Series, Session } from "@reeks/db";
import { mintRoomToken, newOpaqueIdentity } from "@reeks/livekit";
import { loadEnv, startReeks } from "@reeks/server";

const count = Number(process.argv[2] ?? 50);
const ticks = 100; // USER_HZ on Linux

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return Number(fields[11]) + Number(fields[12]);
}
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}
function livekitPid(): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.split(") ")[1]?.split(" ")[1]);
      if (ppid === process.pid && stat.includes("(livekit-server)")) return Number(entry);
    } catch {}
  }
  throw new Error("livekit-server child not found");
}
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), "reeks-rooms-scale-"));
  const env = loadEnv({
    PORT: process.env.PORT ?? "3301",
    LIVEKIT_PORT: process.env.LIVEKIT_PORT ?? "8310",
    REEKS_DATA_DIR: dataDir,
    WEB_DIST_DIR: "/nonexistent",
  });
  const reeks = await startReeks(env, () => {});
  try {
    const db = reeks.database.db;
    const [series] = await db.select().from(Series).limit(1);
    const [session] = series
      ? await db
          .select()
          .from(Session)
          .where(eq(Session.seriesId, series.id))
          .orderBy(asc(Session.position))
          .limit(1)
      : [];
    if (!series || !session) throw new Error("no demo session");
    await db.update(Session).set({ status: "live" }).where(eq(Session.id, session.id));
    const bots: Array<{ identity: string; token: string }> = [];
    for (let i = 0; i < count; i += 1) {
      const p = await addParticipant(db, series.id, "member", `Bot ${i}`);
      const identity = newOpaqueIdentity();
      await db.insert(RoomSeat).values({ sessionId: session.id, participantId: p.participantId, identity });
      const { token } = await mintRoomToken(reeks.livekit.connection, {
        room: session.roomName,
        identity,
        canPublish: false,
        ttlSeconds: 3600,
      });
      bots.push({ identity, token });
    }
    const lk = livekitPid();
    const child = spawn("pnpm", ["exec", "tsx", "bench/rooms/bots.ts"], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const out = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
    const started = Date.now();
    child.stdin.write(`${JSON.stringify({ url: reeks.livekit.connection.url, bots, concurrency: 8 })}\n`);
    // rtc-node logs to stdout too: wait for our own line (and fail, not spin, if the bots die).
    const nextLine = async () => {
      const next = await out.next();
      if (next.done) throw new Error(`bots process ended (exit code ${child.exitCode}) before reporting`);
      return String(next.value);
    };
    let joinedLine = "";
    while (!joinedLine.startsWith("joined")) joinedLine = await nextLine();
    const joinSeconds = (Date.now() - started) / 1000;
    await waitFor(
      "live attendance = N",
      async () => (await liveAttendanceCount(db, session.id)) === count,
      180_000,
    );
    const attendanceLagS = (Date.now() - started) / 1000 - joinSeconds;
    // Steady state: everyone in, nobody moving; sample 10 s.
    const [lk0, me0, t0] = [cpuTicks(lk), cpuTicks(process.pid), Date.now()];
    await new Promise((r) => setTimeout(r, 10_000));
    const secs = (Date.now() - t0) / 1000;
    const lkCpu = ((cpuTicks(lk) - lk0) / ticks / secs) * 100;
    const meCpu = ((cpuTicks(process.pid) - me0) / ticks / secs) * 100;
    const [lkRss, meRss] = [rssMb(lk), rssMb(process.pid)];
    child.stdin.write("leave\n");
    for (let line = ""; !line.startsWith("left"); ) line = await nextLine();
    await waitFor(
      "all stays closed",
      async () => {
        const rows = await listAttendance(db, session.id);
        return rows.length === count && rows.every((r) => r.leftAt !== null);
      },
      180_000,
    );
    const rows = await listAttendance(db, session.id);
    const perParticipant = new Set(rows.map((r) => r.participantId)).size;
    console.log(`\n${joinedLine.trim()} in ${joinSeconds.toFixed(1)} s (8 joining at a time)`);
    console.log(
      `| bots | stays recorded | distinct participants | attendance caught up after | livekit-server CPU | livekit-server RSS | Reeks server CPU | Reeks server RSS |`,
    );
    console.log(`|---|---|---|---|---|---|---|---|`);
    console.log(
      `| ${count} | ${rows.length} | ${perParticipant} | ${attendanceLagS.toFixed(1)} s | ${lkCpu.toFixed(0)} % | ${lkRss.toFixed(0)} MB | ${meCpu.toFixed(0)} % | ${meRss.toFixed(0)} MB |`,
    );
  } finally {
    await reeks.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
