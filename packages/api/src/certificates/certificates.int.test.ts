import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AttendanceInterval,
  and,
  asc,
  Certificate,
  type DatabaseHandle,
  eq,
  Job,
  Participant,
  Person,
  Series,
  Session,
  SessionExcusal,
  seedDemoSeries,
} from "@reeks/db";
import { createParticipant, createTestDatabase, type TestParticipant } from "@reeks/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseMyAccount, exportMyData } from "../accounts/my-data";
import { purgeExpiredSeries } from "../accounts/retention";
import { createContextInner } from "../context";
import { appRouter } from "../root";
import { errorOf, fakeLivekit } from "../testing";
import { createCallerFactory } from "../trpc";
import { attendedMs } from "./eligibility";

const PUBLIC_URL = "http://reeks.test";
const createCaller = createCallerFactory(appRouter);

describe("certificates of attendance", () => {
  let handle: DatabaseHandle;
  let seriesId: string;
  let sessionIds: string[];
  let organiser: TestParticipant;
  /** Left and came back: 40 + 30 minutes of 90. */
  let anna: TestParticipant;
  /** Two overlapping stays (two devices): 50 minutes, not the 70 that adding them would give. */
  let bram: TestParticipant;
  /** Excused, and in the room for 30 minutes. */
  let cas: TestParticipant;
  /** One stay of 66 minutes: 73 %. */
  let dirk: TestParticipant;

  const caller = (who: { personId: string } | null, clientAddress: string | null = null) =>
    createCaller(
      createContextInner({
        database: handle,
        livekit: fakeLivekit,
        actor: who ? { personId: who.personId } : null,
        clientAddress,
        accounts: {
          publicUrl: PUBLIC_URL,
          mailer: { send: async () => ({ messageId: "" }), close: () => {} },
          sendSignInLink: async () => {},
        },
      }),
    );
  const at = (minutes: number) => new Date(Date.UTC(2026, 2, 12, 13, minutes));
  async function stay(p: TestParticipant, from: number, to: number, sessionId = sessionIds[0] ?? "") {
    await handle.db.insert(AttendanceInterval).values({
      sessionId,
      participantId: p.participantId,
      joinedAt: at(from),
      leftAt: at(to),
      source: "webhook",
    });
  }
  async function pdfText(base64: string): Promise<string> {
    const file = join(mkdtempSync(join(tmpdir(), "reeks-cert-")), "c.pdf");
    writeFileSync(file, Buffer.from(base64, "base64"));
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  }
  const codeIn = (text: string) => text.match(/\/verifieer\/([A-Za-z0-9_-]{24})/)?.[1] ?? "";

  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedDemoSeries(handle.db);
    const series = await handle.db.query.Series.findFirst({ orderBy: asc(Series.createdAt) });
    seriesId = series?.id ?? "";
    const sessions = await handle.db
      .select()
      .from(Session)
      .where(eq(Session.seriesId, seriesId))
      .orderBy(asc(Session.position));
    sessionIds = sessions.map((s) => s.id);
    await handle.db
      .update(Session)
      .set({ status: "ended", startsAt: at(0), durationMinutes: 90 })
      .where(eq(Session.id, sessionIds[0] ?? ""));
    const person = (role: "organiser" | "member", name: string) =>
      createParticipant(handle.db, { seriesId, role, name, organisation: "Gemeente Test", locale: "nl" });
    organiser = await person("organiser", "Olga Organisator");
    anna = await person("member", "Ümit Çelik");
    bram = await person("member", "Bram Bos");
    cas = await person("member", "Cas Zoë");
    dirk = await person("member", "Dirk Dekker");
    await stay(anna, 0, 40);
    await stay(anna, 50, 80);
    await stay(bram, 0, 40);
    await stay(bram, 20, 50);
    await stay(cas, 0, 30);
    await handle.db
      .insert(SessionExcusal)
      .values({ sessionId: sessionIds[0] ?? "", participantId: cas.participantId });
    await stay(dirk, 0, 66);
  });
  afterAll(() => handle?.close());

  it("counts the union of stays: overlaps once, a return adds up", () => {
    const s = (a: number, b: number | null) => ({ joinedAt: at(a), leftAt: b === null ? null : at(b) });
    expect(attendedMs([s(0, 40), s(50, 80)], at(90)) / 60_000).toBe(70);
    expect(attendedMs([s(0, 40), s(20, 50)], at(90)) / 60_000).toBe(50);
    expect(attendedMs([s(0, 40), s(10, 20), s(60, null)], at(90)) / 60_000).toBe(70);
  });

  it("computes the threshold from the recorded stays, with leave-and-return, overlaps and excusals", async () => {
    const preview = await caller(organiser).certificates.preview({
      seriesId,
      sessionId: sessionIds[0],
      thresholdPercent: 75,
    });
    const byName = new Map(preview.people.map((p) => [p.name, p]));
    expect(byName.get(anna.name)).toMatchObject({ eligible: true, sessions: [{ attendedMinutes: 70 }] });
    expect(byName.get(bram.name)).toMatchObject({ eligible: false, sessions: [{ attendedMinutes: 50 }] });
    expect(byName.get(cas.name)).toMatchObject({
      eligible: false,
      sessions: [{ attendedMinutes: 30, excused: true }],
    });
    expect(byName.get(dirk.name)).toMatchObject({ eligible: false, sessions: [{ attendedMinutes: 66 }] });
    const lower = await caller(organiser).certificates.preview({
      seriesId,
      sessionId: sessionIds[0],
      thresholdPercent: 70,
    });
    expect(lower.people.filter((p) => p.eligible).map((p) => p.name)).toEqual(
      expect.arrayContaining([anna.name, dirk.name]),
    );
    expect(lower.people.find((p) => p.name === bram.name)?.eligible).toBe(false);
  });

  it("issues once per person and scope, queues one mail each, and re-issuing adds nothing", async () => {
    const input = { seriesId, sessionId: sessionIds[0], thresholdPercent: 75 };
    const first = await caller(organiser).certificates.issue(input);
    expect(first).toMatchObject({ issued: 1 });
    const again = await caller(organiser).certificates.issue(input);
    expect(again).toMatchObject({ issued: 0, alreadyHeld: 1 });
    const rows = await handle.db.select().from(Certificate).where(eq(Certificate.seriesId, seriesId));
    expect(rows.map((r) => r.printedName)).toEqual([anna.name]);
    const mails = await handle.db
      .select()
      .from(Job)
      .where(eq(Job.idempotencyKey, `mail:certificate:${rows[0]?.id}`));
    expect(mails).toHaveLength(1);
    expect(JSON.stringify(mails[0]?.payload)).toContain(`${PUBLIC_URL}/mijn-gegevens`);
  });

  it("refuses a series certificate while sessions are still to come, in the person's language", async () => {
    const error = await errorOf(caller(organiser).certificates.issue({ seriesId, thresholdPercent: 75 }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toMatch(/alle sessies zijn afgelopen/);
  });

  it("makes a PDF that holds the name, the series, the minutes and the rule; verification says valid", async () => {
    const [mine] = await caller(anna).certificates.mine();
    expect(mine).toBeDefined();
    const file = await caller(anna).certificates.download({ certificateId: mine?.id ?? "" });
    expect(file.mimeType).toBe("application/pdf");
    const text = await pdfText(file.base64);
    expect(text).toContain("Ümit Çelik");
    expect(text).toContain("Uitvoering op z'n Kop");
    expect(text).toMatch(/90 min\s+70 min/);
    expect(text).toContain("ten minste 75%");
    const code = codeIn(text);
    expect(code).toHaveLength(24);
    const verified = await caller(null).certificates.verify({ code });
    expect(verified).toEqual({ status: "valid", name: "Ümit Çelik", series: expect.any(Object) });
    // The code itself is not stored, only its hash.
    const [row] = await handle.db
      .select()
      .from(Certificate)
      .where(eq(Certificate.id, mine?.id ?? ""));
    expect(JSON.stringify({ ...row, pdf: null })).not.toContain(code);
    // Someone else's certificate is "not found", the organiser of the series may download it.
    expect((await errorOf(caller(bram).certificates.download({ certificateId: mine?.id ?? "" }))).code).toBe(
      "NOT_FOUND",
    );
    await expect(
      caller(organiser).certificates.download({ certificateId: mine?.id ?? "" }),
    ).resolves.toMatchObject({ mimeType: "application/pdf" });
    // The personal data export lists it.
    const exported = await exportMyData(handle.db, anna.personId);
    expect(exported?.certificates).toMatchObject([{ scope: "session", nameAsPrinted: "Ümit Çelik" }]);
  });

  it("answers unknown for a wrong code and for nonsense, never an error", async () => {
    expect(await caller(null).certificates.verify({ code: "A".repeat(24) })).toEqual({ status: "unknown" });
    expect(await caller(null).certificates.verify({ code: "../../etc/passwd" })).toEqual({
      status: "unknown",
    });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300, unit: "binary" }), async (code) => {
        const result = await caller(null)
          .certificates.verify({ code })
          .catch((e: unknown) => e);
        if (result instanceof Error) {
          expect((result as { code?: string }).code).toBe("BAD_REQUEST");
        } else expect(result).toEqual({ status: "unknown" });
      }),
      { numRuns: 60 },
    );
    for (const thresholdPercent of [0, 101, 7.5, Number.NaN]) {
      const error = await errorOf(
        caller(organiser).certificates.preview({ seriesId, sessionId: sessionIds[0], thresholdPercent }),
      );
      expect(error.code).toBe("BAD_REQUEST");
    }
    const other = await errorOf(
      caller(organiser).certificates.issue({
        seriesId,
        sessionId: crypto.randomUUID(),
        thresholdPercent: 75,
      }),
    );
    expect(other.code).toBe("NOT_FOUND");
    expect(other.message).not.toMatch(/select|sql/i);
  });

  it("limits verification per client address", async () => {
    const results = [];
    for (let i = 0; i < 32; i++)
      results.push(
        await caller(null, "198.51.100.7")
          .certificates.verify({ code: "B".repeat(24) })
          .then(
            () => "ok",
            (e: { code?: string }) => e.code,
          ),
      );
    expect(results.slice(0, 30).every((r) => r === "ok")).toBe(true);
    expect(results.at(-1)).toBe("TOO_MANY_REQUESTS");
  });

  it("a revoked certificate verifies as revoked and its holder can no longer download it", async () => {
    const [mine] = await caller(anna).certificates.mine();
    const { base64 } = await caller(organiser).certificates.download({ certificateId: mine?.id ?? "" });
    const code = codeIn(await pdfText(base64));
    await caller(organiser).certificates.revoke({
      seriesId,
      certificateId: mine?.id ?? "",
      reason: "vergissing",
    });
    expect(await caller(null).certificates.verify({ code })).toMatchObject({
      status: "revoked",
      name: anna.name,
    });
    const refused = await errorOf(caller(anna).certificates.download({ certificateId: mine?.id ?? "" }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    // Revoked, it no longer blocks a new one.
    const again = await caller(organiser).certificates.issue({
      seriesId,
      sessionId: sessionIds[0],
      thresholdPercent: 75,
    });
    expect(again.issued).toBe(1);
  });

  it("erasure revokes the person's certificates and removes the name from the verification page", async () => {
    await caller(organiser).certificates.issue({ seriesId, sessionId: sessionIds[0], thresholdPercent: 70 });
    const [dirks] = await caller(dirk).certificates.mine();
    const { base64 } = await caller(dirk).certificates.download({ certificateId: dirks?.id ?? "" });
    const code = codeIn(await pdfText(base64));
    expect(await caller(null).certificates.verify({ code })).toMatchObject({
      status: "valid",
      name: dirk.name,
    });
    await eraseMyAccount(handle.db, dirk.personId);
    expect(await caller(null).certificates.verify({ code })).toEqual({
      status: "revoked",
      name: "",
      series: expect.any(Object),
    });
    const [row] = await handle.db
      .select()
      .from(Certificate)
      .where(and(eq(Certificate.id, dirks?.id ?? "")));
    expect(row).toMatchObject({ printedName: "", pdf: null, revokedBy: "erasure" });
  });

  it("the series' retention purge revokes every certificate and removes the names and PDFs", async () => {
    const before = await handle.db.select().from(Certificate).where(eq(Certificate.seriesId, seriesId));
    expect(before.some((c) => c.printedName !== "" && c.revokedAt === null)).toBe(true);
    // Anna is also in a series that is not due yet, so her account stays: the purge itself must act.
    const [elsewhere] = await handle.db
      .insert(Series)
      .values({ slug: "elders", title: { nl: "Elders" }, organiser: "X", createdAt: new Date("2099-12-01") })
      .returning();
    await handle.db.insert(Participant).values({
      seriesId: elsewhere?.id ?? "",
      personId: anna.personId,
      organisation: "X",
      status: "approved",
    });
    await purgeExpiredSeries(handle.db, new Date("2100-01-01T00:00:00Z"));
    expect(
      (await handle.db.query.Person.findFirst({ where: eq(Person.id, anna.personId) }))?.erasedAt,
    ).toBeNull();
    const after = await handle.db.select().from(Certificate).where(eq(Certificate.seriesId, seriesId));
    expect(after.map((c) => ({ name: c.printedName, pdf: c.pdf, revoked: c.revokedAt !== null }))).toEqual(
      before.map(() => ({ name: "", pdf: null, revoked: true })),
    );
  });
});
