import { randomUUID } from "node:crypto";
import {
  AttendanceInterval,
  AuditEntry,
  Availability,
  and,
  CandidateSlot,
  ChatMessage,
  eq,
  ilike,
  Job,
  Outcome,
  Participant,
  Person,
  Series,
  Session,
  SessionNoteUpdate,
} from "@reeks/db";
import { MAIL_JOB_KIND, mailJobHandler, startWorker } from "@reeks/jobs";
import type { ParticipantRole, RegistrationStatus } from "@reeks/models";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import { appRouter } from "../root";
import { fakeLivekit as livekit } from "../testing";
import { createCallerFactory } from "../trpc";
import { useAccountsWorld } from "./accounts-world";
import { anonymisePerson, columnsReferencingPeople, EXPORT_COVERAGE, exportMyData } from "./my-data";

const createCaller = createCallerFactory(appRouter);

describe("organiser tools: bulk approval, the audit log in names, messages, the readable export", () => {
  const { w } = useAccountsWorld();
  const ids: Record<string, { personId: string; participantId: string }> = {};
  let slotId = "";
  let sessionId = "";

  async function add(
    key: string,
    options: {
      role?: ParticipantRole;
      status?: RegistrationStatus;
      confirmed?: boolean;
      locale?: "nl" | "en";
    } = {},
  ) {
    const personId = randomUUID();
    await w.handle.db.insert(Person).values({
      id: personId,
      name: key,
      email: `${key.toLowerCase().replace(/\s+/g, ".")}@gemeente.test`,
      emailVerified: options.confirmed ?? true,
      locale: options.locale ?? "nl",
    });
    const [p] = await w.handle.db
      .insert(Participant)
      .values({
        seriesId: w.seriesId,
        personId,
        organisation: `Gemeente van ${key}`,
        role: options.role ?? "member",
        status: options.status ?? "interested",
      })
      .returning({ id: Participant.id });
    ids[key] = { personId, participantId: p?.id ?? "" };
    return ids[key];
  }
  const pid = (key: string) => ids[key]?.participantId ?? "";
  const as = (personId: string) =>
    createCaller(
      createContextInner({ database: w.handle, livekit, actor: { personId }, accounts: w.accounts }),
    );
  const olga = () => as(w.organiserId);
  const statusOf = async (key: string) =>
    (await w.handle.db.query.Participant.findFirst({ where: eq(Participant.id, pid(key)) }))?.status;

  async function runMailJobs() {
    const worker = startWorker({
      database: w.handle,
      handlers: { [MAIL_JOB_KIND]: mailJobHandler(w.mailer) },
    });
    await worker.stop();
    while ((await worker.runOnce()) > 0) {}
  }

  it("approves several registrations in one call, audits each person and mails each in their language", async () => {
    await add("Anna Jansen");
    await add("Bram Bos", { locale: "en" });
    await add("Cees Smit");
    const result = await olga().review.approveMany({
      seriesId: w.seriesId,
      participantIds: [pid("Anna Jansen"), pid("Bram Bos"), pid("Cees Smit")],
    });
    expect(result).toMatchObject({ approved: 3, alreadyApproved: 0, mailed: 3 });
    for (const key of ["Anna Jansen", "Bram Bos", "Cees Smit"]) expect(await statusOf(key)).toBe("approved");

    const entries = await w.handle.db
      .select()
      .from(AuditEntry)
      .where(and(eq(AuditEntry.seriesId, w.seriesId), eq(AuditEntry.action, "registration.approve")));
    expect(entries.map((e) => e.target).sort()).toEqual(
      [pid("Anna Jansen"), pid("Bram Bos"), pid("Cees Smit")].map((id) => `participant:${id}`).sort(),
    );
    const log = await olga().review.audit({ seriesId: w.seriesId });
    const line = log.find((l) => l.action === "registration.approve");
    expect(line).toMatchObject({ actor: { name: "Olga", erased: false }, count: 3 });
    expect(line?.people.map((p) => p.name).sort()).toEqual(["Anna Jansen", "Bram Bos", "Cees Smit"]);
    expect(JSON.stringify(log)).not.toMatch(/participant:/);

    await runMailJobs();
    const bram = await w.sink.waitFor((m) => m.to.includes("bram.bos@gemeente.test"));
    expect(bram.subject).toMatch(/has been approved/);
    const anna = await w.sink.waitFor((m) => m.to.includes("anna.jansen@gemeente.test"));
    expect(anna.subject).toMatch(/is goedgekeurd/);
  });

  it("approves all or none: one unconfirmed address, the organiser's own row or an erased account stops the lot", async () => {
    await add("Dirk Dam");
    await add("Eva Eik", { confirmed: false });
    await add("Fleur Vos");
    await anonymisePerson(w.handle.db, ids["Fleur Vos"]?.personId ?? "");
    const auditBefore = (await w.handle.db.select().from(AuditEntry)).length;
    const olgaRow = (
      await w.handle.db.query.Participant.findFirst({ where: eq(Participant.personId, w.organiserId) })
    )?.id;

    const refused = async (participantIds: string[]) => {
      const error = await olga()
        .review.approveMany({ seriesId: w.seriesId, participantIds })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(TRPCError);
      return error as TRPCError;
    };
    const unconfirmed = await refused([pid("Dirk Dam"), pid("Eva Eik")]);
    expect(unconfirmed.code).toBe("BAD_REQUEST");
    expect(unconfirmed.message).toContain("Eva Eik");
    expect((await refused([pid("Dirk Dam"), olgaRow ?? ""])).code).toBe("BAD_REQUEST");
    expect((await refused([pid("Dirk Dam"), pid("Fleur Vos")])).code).toBe("BAD_REQUEST");
    // Another series' participant (or a made-up id) is not found, and names nobody.
    const unknown = await refused([pid("Dirk Dam"), randomUUID()]);
    expect(unknown.code).toBe("NOT_FOUND");

    expect(await statusOf("Dirk Dam")).toBe("interested");
    expect((await w.handle.db.select().from(AuditEntry)).length).toBe(auditBefore);
  });

  it("respects the capacity for the whole batch, and lets only organisers of the series approve", async () => {
    await add("Gert Goud");
    await add("Hans Hout");
    await add("Moderator Mia", { role: "moderator", status: "approved" });
    const approved = (await olga().review.list({ seriesId: w.seriesId, filter: { status: "approved" } }))
      .approvedCount;
    await w.handle.db
      .update(Series)
      .set({ capacity: approved + 1 })
      .where(eq(Series.id, w.seriesId));
    await expect(
      olga().review.approveMany({
        seriesId: w.seriesId,
        participantIds: [pid("Gert Goud"), pid("Hans Hout")],
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await statusOf("Gert Goud")).toBe("interested");
    await w.handle.db.update(Series).set({ capacity: null }).where(eq(Series.id, w.seriesId));

    await expect(
      as(ids["Moderator Mia"]?.personId ?? "").review.approveMany({
        seriesId: w.seriesId,
        participantIds: [pid("Gert Goud")],
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await statusOf("Gert Goud")).toBe("interested");
  });

  it("marks the organiser's own row, and writes the audit log with names; an erased person is not named", async () => {
    const list = await olga().review.list({ seriesId: w.seriesId, filter: {} });
    expect(list.registrations.filter((r) => r.you).map((r) => r.name)).toEqual(["Olga"]);

    await add("Ilse Ijs", { status: "approved" });
    await olga().review.setRole({ seriesId: w.seriesId, participantId: pid("Ilse Ijs"), role: "moderator" });
    const line = (await olga().review.audit({ seriesId: w.seriesId })).find(
      (l) => l.action === "participant.set_role",
    );
    expect(line).toMatchObject({ actor: { name: "Olga" }, people: [{ name: "Ilse Ijs" }], to: "moderator" });

    await anonymisePerson(w.handle.db, ids["Ilse Ijs"]?.personId ?? "");
    const after = (await olga().review.audit({ seriesId: w.seriesId })).find(
      (l) => l.action === "participant.set_role",
    );
    expect(after?.people).toEqual([{ name: "", erased: true }]);
    expect(JSON.stringify(after)).not.toContain("erased.invalid");
  });

  describe("messages to participants", () => {
    it("refuses to ask for availability before there are dates to answer, in the person's language", async () => {
      const caller = createCaller(
        createContextInner({
          database: w.handle,
          livekit,
          actor: { personId: w.organiserId },
          accounts: w.accounts,
          locale: "en",
        }),
      );
      await expect(
        caller.review.previewMessage({ seriesId: w.seriesId, kind: "availability" }),
      ).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/No times/) });
    });

    it("previews in both languages with the number of recipients, and sends once per person in their language", async () => {
      const session = await w.handle.db.query.Session.findFirst({ where: eq(Session.seriesId, w.seriesId) });
      sessionId = session?.id ?? "";
      const [slot] = await w.handle.db
        .insert(CandidateSlot)
        .values({
          sessionId,
          startsAt: new Date("2027-03-01T09:00:00Z"),
          endsAt: new Date("2027-03-01T11:00:00Z"),
        })
        .returning();
      slotId = slot?.id ?? "";
      const recipients = await w.handle.db
        .select({ email: Person.email, locale: Person.locale })
        .from(Participant)
        .innerJoin(Person, eq(Person.id, Participant.personId))
        .where(and(eq(Participant.seriesId, w.seriesId), eq(Participant.status, "approved")))
        .then((rows) => rows.filter((r) => r.email !== "olga@vgs.test" && !r.email.endsWith(".invalid")));

      const preview = await olga().review.previewMessage({
        seriesId: w.seriesId,
        kind: "availability",
        note: "Graag voor vrijdag.",
      });
      expect(preview.recipients).toBe(recipients.length);
      expect(preview.byLocale.en).toBe(recipients.filter((r) => r.locale === "en").length);
      expect(preview.mails.nl.subject).toMatch(/Geef je beschikbaarheid door/);
      expect(preview.mails.en.subject).toMatch(/Give your availability/);
      expect(preview.mails.nl.text).toContain("Graag voor vrijdag.");
      expect(preview.mails.en.text).toContain("/beschikbaarheid");

      const requestId = randomUUID();
      const input = { seriesId: w.seriesId, kind: "availability" as const, requestId };
      // A double click: two calls with the same request at once.
      const [first, second] = await Promise.all([
        olga().review.sendMessage(input),
        olga().review.sendMessage(input),
      ]);
      expect(first.queued + second.queued).toBe(recipients.length);
      const jobs = await w.handle.db
        .select()
        .from(Job)
        .where(ilike(Job.idempotencyKey, `mail:message:%:${requestId}:%`));
      expect(jobs).toHaveLength(recipients.length);
      expect(await olga().review.sendMessage(input)).toMatchObject({ queued: 0, alreadySent: true });
      const audit = await w.handle.db
        .select()
        .from(AuditEntry)
        .where(eq(AuditEntry.action, "message.availability"));
      expect(audit).toHaveLength(1);
      expect(audit[0]?.details).toMatchObject({ count: recipients.length });

      await runMailJobs();
      const bram = w.sink
        .messages()
        .filter((m) => m.to.includes("bram.bos@gemeente.test") && /availability/.test(m.subject));
      expect(bram).toHaveLength(1);
      const anna = w.sink
        .messages()
        .filter((m) => m.to.includes("anna.jansen@gemeente.test") && /beschikbaarheid/.test(m.subject));
      expect(anna).toHaveLength(1);
      expect(anna[0]?.text).toContain("Beste Anna Jansen");
    });

    it("reminds only those who have not answered, and follows up only with those who attended", async () => {
      await w.handle.db
        .insert(Availability)
        .values({ participantId: pid("Anna Jansen"), slotId, answer: "yes" });
      const reminder = await olga().review.previewMessage({
        seriesId: w.seriesId,
        kind: "availability_reminder",
      });
      const all = await olga().review.previewMessage({ seriesId: w.seriesId, kind: "availability" });
      expect(reminder.recipients).toBe(all.recipients - 1);

      await w.handle.db.insert(AttendanceInterval).values({
        sessionId,
        participantId: pid("Bram Bos"),
        joinedAt: new Date("2027-03-01T09:00:00Z"),
        leftAt: new Date("2027-03-01T10:00:00Z"),
        source: "webhook",
      });
      const followUp = await olga().review.previewMessage({
        seriesId: w.seriesId,
        kind: "follow_up",
        sessionId,
      });
      expect(followUp.recipients).toBe(1);
      expect(followUp.byLocale).toEqual({ nl: 0, en: 1 });
      expect(followUp.mails.en.text).toContain(`/sessies/${sessionId}/overzicht`);
      await olga().review.sendMessage({
        seriesId: w.seriesId,
        kind: "follow_up",
        sessionId,
        requestId: randomUUID(),
      });
      await runMailJobs();
      const mail = await w.sink.waitFor(
        (m) => m.to.includes("bram.bos@gemeente.test") && /Thank you/.test(m.subject),
      );
      expect(mail.text).toContain(`/sessies/${sessionId}/overzicht`);
      expect(
        w.sink.messages().filter((m) => /Dank voor je deelname|Thank you for taking part/.test(m.subject)),
      ).toHaveLength(1);

      await expect(
        olga().review.previewMessage({ seriesId: w.seriesId, kind: "follow_up" }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(
        as(ids["Moderator Mia"]?.personId ?? "").review.sendMessage({
          seriesId: w.seriesId,
          kind: "availability",
          requestId: randomUUID(),
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    });
  });

  describe("the readable export", () => {
    it("holds the person's profile, registrations, availability, contributions and attendance, with human keys", async () => {
      const bram = ids["Bram Bos"];
      const session = await w.handle.db.query.Session.findFirst({ where: eq(Session.seriesId, w.seriesId) });
      await w.handle.db.insert(Outcome).values([
        {
          seriesId: w.seriesId,
          sessionId: session?.id ?? "",
          themeId: session?.themeId ?? "",
          kind: "action",
          text: "Bram stelt een werkgroep voor",
          authorId: pid("Bram Bos"),
          attribution: "named",
        },
        {
          seriesId: w.seriesId,
          sessionId: session?.id ?? "",
          themeId: session?.themeId ?? "",
          kind: "insight",
          text: "Anna's geheime inzicht",
          authorId: pid("Anna Jansen"),
          attribution: "chatham_house",
        },
      ]);
      await w.handle.db.insert(ChatMessage).values([
        { sessionId: session?.id ?? "", authorId: bram?.personId ?? "", body: "Goedemorgen allemaal" },
        {
          sessionId: session?.id ?? "",
          authorId: ids["Anna Jansen"]?.personId ?? "",
          body: "Anna zegt hallo",
        },
      ]);
      await w.handle.db.insert(SessionNoteUpdate).values({
        sessionId: session?.id ?? "",
        authorId: pid("Bram Bos"),
        update: new Uint8Array([1, 2, 3, 4]),
      });
      await w.handle.db
        .insert(Availability)
        .values({ participantId: pid("Bram Bos"), slotId, answer: "if_need_be" });

      const data = await exportMyData(w.handle.db, bram?.personId ?? "");
      if (!data) throw new Error("no export");
      expect(Object.keys(data)).toEqual(
        expect.arrayContaining([
          "readme",
          "profile",
          "registrations",
          "availability",
          "contributions",
          "attendance",
        ]),
      );
      expect(data.readme.language).toBe("en");
      expect(data.readme.keys.contributions).toMatch(/what you contributed/);
      expect(data.profile).toMatchObject({ name: "Bram Bos", email: "bram.bos@gemeente.test" });
      expect(data.registrations[0]).toMatchObject({
        organisation: "Gemeente van Bram Bos",
        status: "approved",
      });
      expect(data.availability[0]).toMatchObject({ answer: "if_need_be", from: "2027-03-01T09:00:00.000Z" });
      expect(data.availability[0]?.session).toMatch(/session 1/);
      expect(data.contributions.items.map((i) => i.text)).toEqual(["Bram stelt een werkgroep voor"]);
      expect(data.contributions.chatMessages.map((m) => m.text)).toEqual(["Goedemorgen allemaal"]);
      expect(data.contributions.noteTaking.editsToSharedNotes[0]?.edits).toBe(1);
      expect(data.attendance.stays[0]).toMatchObject({ joinedAt: "2027-03-01T09:00:00.000Z" });

      const json = JSON.stringify(data);
      for (const other of ["Anna", "anna.jansen@", "Olga", "olga@vgs.test", "Cees"])
        expect(json).not.toContain(other);
      // No ids at all (nobody else's, and no table rows): titles and dates instead.
      expect(json).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
      expect(json).not.toMatch(/participant_id|person_id|_at"/);
      const binary = (value: unknown): boolean =>
        value instanceof Uint8Array ||
        (Array.isArray(value)
          ? value.some(binary)
          : typeof value === "object" && value !== null
            ? Object.entries(value).some(([k, v]) => /^\d+$/.test(k) || binary(v))
            : false);
      expect(binary(data)).toBe(false);
      // Every date is an ISO string.
      for (const [, value] of json.matchAll(/"(?:\w+At|from|until|since|at)":("[^"]*"|null)/g)) {
        if (value !== "null") expect(value).toMatch(/^"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
      }
    });

    it("has decided, for every column that points at a person, where the export shows it", async () => {
      const columns = await columnsReferencingPeople(w.handle.db);
      expect(columns.length).toBeGreaterThan(10);
      expect(columns.filter((c) => !(c in EXPORT_COVERAGE))).toEqual([]);
    });
  });
});
