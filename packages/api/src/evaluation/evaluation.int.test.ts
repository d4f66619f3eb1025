import {
  AttendanceInterval,
  type DatabaseHandle,
  EvaluationInvitation,
  EvaluationResponse,
  EvaluationTokenUse,
  eq,
  Job,
  Outcome,
  RoomState,
  Session,
  sql,
} from "@reeks/db";
import { createParticipant, createTestDatabase, type TestParticipant } from "@reeks/db/testing";
import { MAIL_JOB_KIND, mailJobHandler, startWorker } from "@reeks/jobs";
import { createMailer, type SmtpSink, startSmtpSink } from "@reeks/mail";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeExpiredSeries } from "../accounts/retention";
import { type CaptureWorld, callerFor, captureWorld, errorOf } from "../testing";
import { EVALUATION_JOBS, evaluationJobHandlers } from "./invite";

const config = { appUrl: "http://reeks.test" };
const answers = (usefulness: number, essayMust = "", changeNext = "") => ({
  usefulness,
  essayMust,
  changeNext,
  extra: {},
});

describe("evaluation after a session", () => {
  let handle: DatabaseHandle;
  let sink: SmtpSink;
  let world: CaptureWorld;
  let outsider: TestParticipant;
  const jobErrors: string[] = [];

  async function runJobs() {
    const mailer = createMailer({ smtpUrl: sink.url, from: "Reeks <noreply@reeks.test>" });
    const worker = startWorker({
      database: handle,
      handlers: { ...evaluationJobHandlers(handle.db, config), [MAIL_JOB_KIND]: mailJobHandler(mailer) },
      pollIntervalMs: 60_000,
      onError: (error, job) => jobErrors.push(`${job?.kind}: ${String(error)}`),
    });
    await worker.stop();
    while ((await worker.runOnce()) > 0) {}
    mailer.close();
    expect(jobErrors).toEqual([]);
  }

  /** Holds a session with these attendees and ends it the way a moderator does. */
  async function holdSession(sessionId: string, attendees: TestParticipant[]) {
    const start = new Date(Date.now() - 90 * 60_000);
    await handle.db.update(Session).set({ status: "live" }).where(eq(Session.id, sessionId));
    await handle.db.insert(RoomState).values({ sessionId, openedAt: start }).onConflictDoNothing();
    for (const a of attendees) {
      await handle.db.insert(AttendanceInterval).values({
        sessionId,
        participantId: a.participantId,
        joinedAt: start,
        leftAt: new Date(start.getTime() + 60 * 60_000),
        source: "webhook",
      });
    }
    // No media server here: the end is committed before the room is deleted, which then fails.
    const error = await callerFor(handle, world.moderator)
      .room.end({ sessionId })
      .then(
        () => null,
        (e: unknown) => e,
      );
    if (error !== null && !(error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE")) throw error;
    const session = await handle.db.query.Session.findFirst({ where: eq(Session.id, sessionId) });
    expect(session?.status).toBe("ended");
  }

  const tokenOf = (to: string, subject: RegExp) => {
    const mail = sink.messages().find((m) => m.to.includes(to) && subject.test(m.subject));
    const token = /\/evaluatie\/([\w-]+)/.exec(mail?.text ?? "")?.[1];
    if (!token) throw new Error(`no evaluation mail for ${to}`);
    return token;
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    sink = await startSmtpSink();
    world = await captureWorld(handle);
    outsider = await createParticipant(handle.db, { seriesId: world.seriesId, role: "member", name: "Otto" });
  });
  afterAll(async () => {
    await sink?.stop();
    await handle?.close();
  });

  it("invites every attendee by mail when the session ends, and nobody who was not there", async () => {
    const sessionId = world.sessions[0]?.id ?? "";
    await holdSession(sessionId, [world.member, world.member2, world.moderator]);
    await runJobs();
    const mails = sink.messages().filter((m) => m.subject.startsWith("Evaluatie:"));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(
      [world.member.email, world.member2.email, world.moderator.email].sort(),
    );
    expect(mails[0]?.text).toContain("anoniem");
    // The job's second pass (late attendance) invites nobody twice.
    await handle.db
      .update(Job)
      .set({ runAt: new Date() })
      .where(eq(Job.idempotencyKey, `evaluation:open-late:${sessionId}`));
    await runJobs();
    expect(sink.messages().filter((m) => m.subject.startsWith("Evaluatie:"))).toHaveLength(3);

    const form = await callerFor(handle, world.member).evaluation.form({ sessionId });
    expect(form).toMatchObject({ invited: true, mode: "anonymous", answered: false, open: true });
    expect((await callerFor(handle, outsider).evaluation.form({ sessionId })).invited).toBe(false);
    const refused = await errorOf(
      callerFor(handle, outsider).evaluation.submit({ sessionId, answers: answers(5) }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toBe("Alleen wie bij deze sessie aanwezig was, vult de evaluatie in.");
    // Not even an organiser who was not there.
    expect(
      (
        await errorOf(
          callerFor(handle, world.organiser).evaluation.submit({ sessionId, answers: answers(5) }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });

  it("takes exactly one response per attendee, also from two submits at once", async () => {
    const sessionId = world.sessions[0]?.id ?? "";
    const member = callerFor(handle, world.member);
    const results = await Promise.allSettled([
      member.evaluation.submit({
        sessionId,
        answers: answers(4, "Het essay moet de rol van de raad noemen"),
      }),
      member.evaluation.submit({ sessionId, answers: answers(2, "iets anders") }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(
      rejected?.status === "rejected" && rejected.reason instanceof TRPCError && rejected.reason.code,
    ).toBe("CONFLICT");
    // The mail's link names the same invitation: no second answer that way either.
    const token = tokenOf(world.member.email, /^Evaluatie:/);
    expect(
      (await errorOf(callerFor(handle, null).evaluation.submitByToken({ token, answers: answers(1) }))).code,
    ).toBe("CONFLICT");
    // Another attendee answers by the link, without signing in.
    const token2 = tokenOf(world.member2.email, /^Evaluatie:/);
    const anonymous = callerFor(handle, null, "en");
    expect((await anonymous.evaluation.formByToken({ token: token2 })).mode).toBe("anonymous");
    await anonymous.evaluation.submitByToken({
      token: token2,
      answers: answers(5, "", "Meer tijd voor groepen"),
    });
    const rows = await handle.db
      .select()
      .from(EvaluationResponse)
      .where(eq(EvaluationResponse.sessionId, sessionId));
    expect(rows.map((r) => r.usefulness)).toContain(5);
    expect(rows).toHaveLength(2);
    const wrong = await errorOf(anonymous.evaluation.formByToken({ token: "x".repeat(43) }));
    expect(wrong.code).toBe("NOT_FOUND");
    expect(wrong.message).toBe("This link to the evaluation is not valid, or a newer mail replaced it.");
  });

  it("stores anonymous answers with no column, key, transaction or time that leads to a person", async () => {
    const sessionId = world.sessions[0]?.id ?? "";
    // No foreign key from the responses to anything but the session and (named only) the participant,
    // and none from the used tokens or invitations to the responses.
    const keys = await handle.db.execute(sql`
      select cl.relname as from_table, att.attname as from_column, ref.relname as to_table
      from pg_constraint con
      join pg_class cl on cl.oid = con.conrelid
      join pg_class ref on ref.oid = con.confrelid
      join pg_attribute att on att.attrelid = con.conrelid and att.attnum = any(con.conkey)
      where con.contype = 'f'
        and (cl.relname = 'evaluation_response' or ref.relname = 'evaluation_response')`);
    const fks = (keys as unknown as { rows: Array<Record<string, string>> }).rows
      .map((r) => `${r.from_table}.${r.from_column}->${r.to_table}`)
      .sort();
    expect(fks).toEqual([
      "evaluation_response.participant_id->participant",
      "evaluation_response.session_id->session",
    ]);
    // No time at all on an answer or a used token: nothing to line the two up by.
    const timed = await handle.db.execute(sql`
      select table_name, column_name from information_schema.columns
      where table_name in ('evaluation_response', 'evaluation_token_use')
        and (data_type like 'timestamp%' or data_type in ('date', 'bigint', 'integer') and column_name <> 'usefulness')`);
    expect((timed as unknown as { rows: unknown[] }).rows).toEqual([]);
    const anonymous = await handle.db
      .select()
      .from(EvaluationResponse)
      .where(eq(EvaluationResponse.sessionId, sessionId));
    expect(anonymous.every((r) => r.participantId === null)).toBe(true);
    // Written in separate transactions: no shared transaction id joins an answer to its used token.
    const shared = await handle.db.execute(sql`
      select count(*)::int as n from ${EvaluationResponse} r
      join ${EvaluationTokenUse} u on u.xmin = r.xmin
      where r.session_id = ${sessionId}`);
    expect((shared as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(0);
    // And no value of an answer row appears in the invitations or used tokens.
    const ids = anonymous.map((r) => r.id);
    const echoed = await handle.db.execute(sql`
      select count(*)::int as n from ${EvaluationInvitation} i
      where i.id::text in ${ids} or i.token_hash in ${ids}`);
    expect((echoed as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(0);
  });

  it("sends the one reminder once, only to those who have not answered, and refuses answers after the deadline", async () => {
    const sessionId = world.sessions[0]?.id ?? "";
    // Three days have passed.
    await handle.db.update(Job).set({ runAt: new Date() }).where(eq(Job.kind, EVALUATION_JOBS.remind));
    await runJobs();
    await handle.db
      .update(Job)
      .set({ runAt: new Date(), status: "pending" })
      .where(eq(Job.kind, EVALUATION_JOBS.remind));
    await runJobs();
    const reminders = sink.messages().filter((m) => m.subject.startsWith("Herinnering — evaluatie:"));
    expect(reminders.map((m) => m.to[0])).toEqual([world.moderator.email]);
    // The reminder's link works (and the job no longer holds the token).
    const token = tokenOf(world.moderator.email, /^Herinnering/);
    const payloads = await handle.db
      .select({ payload: Job.payload })
      .from(Job)
      .where(eq(Job.kind, EVALUATION_JOBS.remind));
    expect(JSON.stringify(payloads)).not.toContain(token);

    await handle.db
      .update(EvaluationInvitation)
      .set({ deadline: new Date(Date.now() - 1000) })
      .where(eq(EvaluationInvitation.sessionId, sessionId));
    const closed = await errorOf(
      callerFor(handle, null).evaluation.submitByToken({ token, answers: answers(3) }),
    );
    expect(closed.code).toBe("PRECONDITION_FAILED");
    expect(closed.message).toBe(
      "De evaluatie van deze sessie is gesloten; er worden geen antwoorden meer aangenomen.",
    );
    expect(await callerFor(handle, world.moderator).evaluation.pending()).toEqual([]);
  });

  it("keeps names when the series chose named, with extra questions, and turns an answer into an outcome", async () => {
    const organiser = callerFor(handle, world.organiser);
    const questionId = "7b0f5b6e-2a59-4a53-9a51-0e3c7d2b1a11";
    await organiser.evaluation.updateSettings({
      seriesId: world.seriesId,
      mode: "named",
      deadlineDays: 7,
      questions: [{ id: questionId, text: "Welke gemeente moet spreken?" }],
    });
    const sessionId = world.sessions[1]?.id ?? "";
    await holdSession(sessionId, [world.member]);
    await runJobs();
    const member = callerFor(handle, world.member);
    const pending = await member.evaluation.pending();
    expect(pending.map((p) => [p.sessionId, p.mode])).toEqual([[sessionId, "named"]]);
    const unknown = await errorOf(
      member.evaluation.submit({
        sessionId,
        answers: { ...answers(3), extra: { "11111111-1111-4111-8111-111111111111": "x" } },
      }),
    );
    expect(unknown.code).toBe("BAD_REQUEST");
    await member.evaluation.submit({
      sessionId,
      answers: { ...answers(5, "De casus uit Zuidhorn"), extra: { [questionId]: "Leeuwarden" } },
    });
    const results = await organiser.evaluation.results({ seriesId: world.seriesId });
    const second = results.sessions.find((s) => s.sessionId === sessionId);
    expect(second).toMatchObject({ invited: 1, responded: 1, usefulness: [0, 0, 0, 0, 1], average: 5 });
    expect(second?.answers.map((a) => [a.field, a.text, a.respondent, a.question])).toEqual([
      ["essayMust", "De casus uit Zuidhorn", world.member.name, null],
      [`extra:${questionId}`, "Leeuwarden", world.member.name, "Welke gemeente moet spreken?"],
    ]);
    const first = results.sessions.find((s) => s.sessionId === world.sessions[0]?.id);
    expect(first).toMatchObject({ invited: 3, responded: 2 });
    expect(first?.answers.every((a) => a.respondent === null)).toBe(true);
    expect(results.series.usefulness.reduce((a, b) => a + b, 0)).toBe(3);

    const answer = first?.answers.find((a) => a.field === "changeNext");
    const made = await organiser.evaluation.toOutcome({
      sessionId: world.sessions[0]?.id ?? "",
      responseId: answer?.responseId ?? "",
      field: "changeNext",
      kind: "recommendation",
    });
    const outcome = await handle.db.query.Outcome.findFirst({ where: eq(Outcome.id, made.outcomeId) });
    expect(outcome).toMatchObject({
      text: "Meer tijd voor groepen",
      attribution: "anonymous",
      authorId: null,
      status: "confirmed",
    });
    expect(outcome?.provenance[0]).toMatchObject({
      source: "evaluation",
      ref: `${answer?.responseId}:changeNext`,
    });
    const again = await organiser.evaluation.results({ seriesId: world.seriesId });
    expect(again.sessions[0]?.answers.find((a) => a.field === "changeNext")?.outcomeId).toBe(made.outcomeId);
    // An answer of another session is not found through this one.
    const other = second?.answers[0]?.responseId ?? "";
    const notHere = await errorOf(
      organiser.evaluation.toOutcome({
        sessionId: world.sessions[0]?.id ?? "",
        responseId: other,
        field: "essayMust",
        kind: "insight",
      }),
    );
    expect(notHere.code).toBe("NOT_FOUND");
  });

  it("never answers a 500 to any answer, of any size or script", async () => {
    const sessionId = world.sessions[2]?.id ?? "";
    const many = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        createParticipant(handle.db, { seriesId: world.seriesId, role: "member", name: `P${i}` }),
      ),
    );
    await holdSession(sessionId, many);
    await runJobs();
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.string({ unit: "grapheme", maxLength: 300 }),
      fc.constantFrom(
        "",
        " ",
        "\u0000",
        "\uD800",
        "a\uDC00",
        "<script>alert(1)</script>",
        "😀".repeat(1000),
        "ü".repeat(2001),
      ),
      fc.integer({ min: 1990, max: 5000 }).map((n) => "a".repeat(n)),
    );
    const usefulness = fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double(), fc.constant(Number.NaN));
    const extraKey = fc.oneof(fc.uuid(), fc.string({ maxLength: 20 }));
    const ok = new Set(["BAD_REQUEST", "NOT_FOUND", "FORBIDDEN", "CONFLICT", "PRECONDITION_FAILED"]);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        usefulness,
        text,
        text,
        fc.dictionary(extraKey, text, { maxKeys: 3 }),
        async (who, u, essayMust, changeNext, extra) => {
          const person = many[who];
          if (!person) return;
          try {
            await callerFor(handle, person).evaluation.submit({
              sessionId,
              answers: { usefulness: u, essayMust, changeNext, extra },
            });
          } catch (error) {
            if (!(error instanceof TRPCError) || !ok.has(error.code)) throw error;
          }
        },
      ),
      { numRuns: 60 },
    );
    const stored = await handle.db
      .select()
      .from(EvaluationResponse)
      .where(eq(EvaluationResponse.sessionId, sessionId));
    expect(stored.length).toBeLessThanOrEqual(3);
  });

  it("puts the evaluations in the essay draft's appendix and in CSV and XLSX, names only where named", async () => {
    const organiser = callerFor(handle, world.organiser);
    const download = async (kind: "essay" | "evaluation", format: "md" | "csv" | "xlsx" | "docx") =>
      Buffer.from(
        (await organiser.exports.download({ seriesId: world.seriesId, kind, format, locale: "nl" })).base64,
        "base64",
      );
    const md = (await download("essay", "md")).toString("utf8");
    const appendix = md.slice(md.indexOf("## Bijlage: evaluaties"));
    expect(appendix).toContain("2 van 3 aanwezigen antwoordden");
    expect(appendix).toContain("Meer tijd voor groepen");
    expect(appendix).toContain(`| De casus uit Zuidhorn |  | Leeuwarden | ${world.member.name} |`);
    // The anonymous answers of the first session carry no name.
    const firstRows = appendix.split("\n").filter((line) => line.includes("Meer tijd voor groepen"));
    expect(firstRows).toHaveLength(1);
    for (const name of [world.member.name, world.member2.name, world.moderator.name])
      expect(firstRows[0]).not.toContain(name);

    const csv = (await download("evaluation", "csv")).toString("utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain("Welke gemeente moet spreken?");
    // Sessions 1 and 2: two and one responses (session 3 holds whatever the property test let through).
    expect(lines.filter((l) => /^"?Sessie 1:/.test(l))).toHaveLength(2);
    expect(lines.filter((l) => /^"?Sessie 2:/.test(l))).toHaveLength(1);
    const xlsx = await download("evaluation", "xlsx");
    expect(xlsx.subarray(0, 2).toString()).toBe("PK");
    const docx = await download("essay", "docx");
    expect(docx.subarray(0, 2).toString()).toBe("PK");
  });

  it("gives a person their invitations and named answers, and keeps no name after erasure or the retention purge", async () => {
    const data = await callerFor(handle, world.member).account.exportData();
    expect(data?.evaluations.invitations.map((i) => [i.mode, i.answered])).toEqual([
      ["anonymous", true],
      ["named", true],
    ]);
    expect(data?.evaluations.namedResponses.map((r) => r.whatTheEssayShouldSay)).toEqual([
      "De casus uit Zuidhorn",
    ]);
    // The anonymous answer of the first session is nowhere in the export.
    expect(JSON.stringify(data)).not.toContain("rol van de raad");
    expect(JSON.stringify(data)).not.toContain("iets anders");

    await callerFor(handle, world.member).account.erase({ confirm: true });
    const named = await handle.db
      .select()
      .from(EvaluationResponse)
      .where(eq(EvaluationResponse.sessionId, world.sessions[1]?.id ?? ""));
    expect(named.map((r) => r.participantId)).toEqual([null]);

    await purgeExpiredSeries(handle.db, new Date(Date.now() + 100 * 365 * 24 * 3600_000));
    expect(await handle.db.select().from(EvaluationInvitation)).toEqual([]);
    expect((await handle.db.select().from(EvaluationResponse)).every((r) => r.participantId === null)).toBe(
      true,
    );
  });
});
