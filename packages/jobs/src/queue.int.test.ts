import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, type DatabaseHandle, eq, Job, migrate } from "@reeks/db";
import { createMailer, type SmtpSink, startSmtpSink } from "@reeks/mail";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAIL_JOB_KIND, mailJob, mailJobHandler } from "./mail-job";
import { enqueueJobs, startWorker } from "./queue";

/**
 * A database that survives a "restart": PGlite in a folder, or a PostgreSQL database of its own when
 * DATABASE_URL is set. `open()` can be called again after the previous handle was closed.
 */
async function reopenableDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), "reeks-jobs-"));
    return {
      open: async () => {
        const handle = createDatabase({ kind: "pglite", dataDir: dir });
        await migrate(handle);
        return handle;
      },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `reeks_jobs_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    open: async () => {
      const handle = createDatabase({ kind: "postgres", url: dbUrl.toString(), maxConnections: 4 });
      await migrate(handle);
      return handle;
    },
    dispose: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** An SMTP server that accepts the connection and never answers: a send that hangs mid-flight. */
async function startBlackHole(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("durable job queue", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.stop());

  it("a reminder job interrupted by a restart is sent exactly once", async () => {
    const storage = await reopenableDatabase();
    const key = "mail:session-reminder:test:day:anne";
    const reminder = mailJob(key, {
      to: "anne@gemeente.test",
      subject: "Morgen: Sessie 1",
      text: "Deelnemen: http://reeks.test/sessies/1",
    });

    // First life: the job is claimed and the send hangs (the SMTP server never answers)…
    const first = await storage.open();
    expect(await enqueueJobs(first.db, [reminder])).toBe(1);
    const blackHole = await startBlackHole();
    const hangingMailer = createMailer({ smtpUrl: blackHole.url, from: "Reeks <noreply@reeks.test>" });
    const crashed = startWorker({
      database: first,
      handlers: { [MAIL_JOB_KIND]: mailJobHandler(hangingMailer) },
      leaseMs: 1500,
      onError: () => {},
    });
    await until(async () => {
      const [job] = await first.db.select().from(Job).where(eq(Job.idempotencyKey, key));
      return job?.status === "running";
    });
    // …and the process dies: no completion, no failure is ever written.
    await crashed.stop({ wait: false });
    await first.close();
    await blackHole.close();
    hangingMailer.close();

    // Second life: the same storage, a new worker. The dead worker's lease expires and the job runs.
    const second = await storage.open();
    // Enqueueing the same reminder again (e.g. the scheduler runs again after the restart) adds nothing.
    expect(await enqueueJobs(second.db, [reminder])).toBe(0);
    const mailer = createMailer({ smtpUrl: sink.url, from: "Reeks <noreply@reeks.test>" });
    const errors: unknown[] = [];
    const worker = startWorker({
      database: second,
      handlers: { [MAIL_JOB_KIND]: mailJobHandler(mailer) },
      pollIntervalMs: 100,
      leaseMs: 1500,
      onError: (e) => errors.push(e),
    });
    const mail = await sink.waitFor((m) => m.subject === "Morgen: Sessie 1", 15_000);
    expect(mail.messageId).toMatch(/@reeks\.mail>$/);
    // Give the worker several more polls past another lease: nothing may be sent again.
    await new Promise((r) => setTimeout(r, 2000));
    await worker.stop();
    expect(sink.messages().filter((m) => m.subject === "Morgen: Sessie 1")).toHaveLength(1);
    const [job] = await second.db.select().from(Job).where(eq(Job.idempotencyKey, key));
    expect(job).toMatchObject({ status: "done", attempts: 2, lockedBy: null });
    expect(errors).toEqual([]);
    mailer.close();
    await second.close();
    await storage.dispose();
  });

  describe("on one database", () => {
    let handle: DatabaseHandle;
    let storage: Awaited<ReturnType<typeof reopenableDatabase>>;
    beforeAll(async () => {
      storage = await reopenableDatabase();
      handle = await storage.open();
    });
    afterAll(async () => {
      await handle.close();
      await storage.dispose();
    });

    it("two workers side by side send every mail once (SKIP LOCKED)", async () => {
      const jobs = Array.from({ length: 20 }, (_, i) =>
        mailJob(`mail:bulk:${i}`, { to: `p${i}@gemeente.test`, subject: `Bulk ${i}`, text: "x" }),
      );
      await enqueueJobs(handle.db, jobs);
      const mailer = createMailer({ smtpUrl: sink.url, from: "Reeks <noreply@reeks.test>" });
      const workers = [0, 1].map(() =>
        startWorker({
          database: handle,
          handlers: { [MAIL_JOB_KIND]: mailJobHandler(mailer) },
          batchSize: 3,
        }),
      );
      await until(async () => sink.messages().filter((m) => m.subject.startsWith("Bulk ")).length >= 20);
      await new Promise((r) => setTimeout(r, 500));
      await Promise.all(workers.map((w) => w.stop()));
      const subjects = sink
        .messages()
        .filter((m) => m.subject.startsWith("Bulk "))
        .map((m) => m.subject);
      expect(subjects).toHaveLength(20);
      expect(new Set(subjects).size).toBe(20);
      mailer.close();
    });

    it("retries a failing job later and gives up after maxAttempts", async () => {
      await enqueueJobs(handle.db, [
        { kind: "flaky", payload: {}, idempotencyKey: "flaky:1", maxAttempts: 2 },
      ]);
      const worker = startWorker({
        database: handle,
        handlers: {
          flaky: async () => {
            throw new Error("smtp down");
          },
        },
        pollIntervalMs: 60_000,
      });
      await worker.stop();
      expect(await worker.runOnce()).toBe(1);
      const [afterFirst] = await handle.db.select().from(Job).where(eq(Job.idempotencyKey, "flaky:1"));
      expect(afterFirst).toMatchObject({ status: "pending", attempts: 1, lastError: "smtp down" });
      expect(afterFirst?.runAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
      // Not due yet: nothing runs.
      expect(await worker.runOnce()).toBe(0);
      await handle.db
        .update(Job)
        .set({ runAt: new Date(0) })
        .where(eq(Job.idempotencyKey, "flaky:1"));
      expect(await worker.runOnce()).toBe(1);
      const [afterSecond] = await handle.db.select().from(Job).where(eq(Job.idempotencyKey, "flaky:1"));
      expect(afterSecond).toMatchObject({ status: "failed", attempts: 2 });
    });
  });
});
