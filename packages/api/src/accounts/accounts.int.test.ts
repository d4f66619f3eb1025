import { randomUUID } from "node:crypto";
import { accountServices, createAuth } from "@reeks/auth";
import {
  AuditEntry,
  type DatabaseHandle,
  DEMO_SERIES_SLUG,
  eq,
  Participant,
  Person,
  Series,
  Session,
  seedDemoSeries,
  sql,
} from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { createMailer, type Mailer, type SmtpSink, startSmtpSink } from "@reeks/mail";
import type { RegistrationInput } from "@reeks/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccountServices, createContextInner } from "../context";
import { appRouter } from "../root";
import { fakeLivekit as NO_LIVEKIT } from "../testing";
import { createCallerFactory } from "../trpc";
import { bootstrapOrganiser } from "./bootstrap";
import { listRegistrations } from "./lists";
import { anonymisePerson, eraseMyAccount, exportMyData } from "./my-data";
import { registerInterest } from "./registration";
import { purgeExpiredSeries, purgeUnconfirmedRegistrations } from "./retention";
import { decideRegistration, invitePerson, setParticipantRole, updateSeriesSettings } from "./review";

const PUBLIC_URL = "http://reeks.test";

describe("registration, review and privacy", () => {
  let handle: DatabaseHandle;
  let sink: SmtpSink;
  let mailer: Mailer;
  let accounts: AccountServices;
  let seriesId: string;
  let organiserId: string;

  const form = (email: string, extra: Partial<RegistrationInput> = {}): RegistrationInput => ({
    seriesSlug: DEMO_SERIES_SLUG,
    name: "Anne de Vries",
    email,
    organisation: "Gemeente Zuidhorn",
    jobTitle: "Gemeentesecretaris",
    motivation: "Ik wil leren van collega's.",
    commitsToAllSessions: true,
    consent: true,
    ...extra,
  });
  const ctx = (locale: "nl" | "en" = "nl") => ({ locale, clientAddress: "10.0.0.1", accounts });

  async function participantOf(email: string) {
    const [row] = await handle.db
      .select({ participant: Participant, person: Person })
      .from(Participant)
      .innerJoin(Person, eq(Person.id, Participant.personId))
      .where(eq(Person.email, email));
    if (!row) throw new Error(`no participant for ${email}`);
    return row;
  }
  async function confirm(email: string) {
    await handle.db.update(Person).set({ emailVerified: true }).where(eq(Person.email, email));
  }

  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedDemoSeries(handle.db);
    sink = await startSmtpSink();
    mailer = createMailer({ smtpUrl: sink.url, from: "Reeks <noreply@reeks.test>" });
    const auth = createAuth({ db: handle.db, mailer, publicUrl: PUBLIC_URL, secret: "s".repeat(32) });
    accounts = accountServices(auth, { mailer, publicUrl: PUBLIC_URL });
    const series = await handle.db.query.Series.findFirst({ where: eq(Series.slug, DEMO_SERIES_SLUG) });
    seriesId = series?.id ?? "";
    organiserId = randomUUID();
    await handle.db
      .insert(Person)
      .values({ id: organiserId, name: "Olga", email: "olga@vgs.test", emailVerified: true });
    await handle.db.insert(Participant).values({
      seriesId,
      personId: organiserId,
      organisation: "VGS",
      role: "organiser",
      status: "approved",
    });
  });
  afterAll(async () => {
    mailer?.close();
    await sink?.stop();
    await handle?.close();
  });

  it("registers once per address, mails a confirmation link each time", async () => {
    await registerInterest(handle.db, form("anne@zuidhorn.test"), ctx());
    await registerInterest(handle.db, form("ANNE@zuidhorn.test ", { name: "Someone Else" }), ctx());
    const rows = await handle.db.select().from(Person).where(eq(Person.email, "anne@zuidhorn.test"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toBe("Anne de Vries");
    expect(rows[0]?.emailVerified).toBe(false);
    const { participant } = await participantOf("anne@zuidhorn.test");
    expect(participant).toMatchObject({
      status: "interested",
      organisation: "Gemeente Zuidhorn",
      commitsToAllSessions: true,
    });
    expect(participant.consentedAt).toBeInstanceOf(Date);
    const mails = sink.messages().filter((m) => m.to.includes("anne@zuidhorn.test"));
    expect(mails).toHaveLength(2);
    expect(mails[0]?.subject).toBe("Bevestig je aanmelding voor “Uitvoering op z'n Kop”");
    expect(mails[0]?.text).toContain(`${PUBLIC_URL}/api/auth/magic-link/verify?token=`);
    expect(mails[0]?.text).toContain(encodeURIComponent(`/reeksen/${DEMO_SERIES_SLUG}`));
  });

  it("writes the confirmation mail in English for someone registering in English, names escaped", async () => {
    await registerInterest(handle.db, form("bob@bzk.test", { name: "Bob & Co" }), ctx("en"));
    const mail = await sink.waitFor((m) => m.to.includes("bob@bzk.test"));
    expect(mail.subject).toBe(
      "Confirm your registration for “Uitvoering op z'n Kop (Execution turned upside down)”",
    );
    expect(mail.html).toContain("Dear Bob &amp; Co,");
  });

  it("limits registrations per address with a translated TOO_MANY_REQUESTS", async () => {
    const email = "flood@zuidhorn.test";
    for (let i = 0; i < 5; i++) await registerInterest(handle.db, form(email), ctx());
    // The service names the message; the procedure speaks the caller's language.
    const caller = createCallerFactory(appRouter)(
      createContextInner({ database: handle, livekit: NO_LIVEKIT, ...ctx("en") }),
    );
    await expect(caller.registration.register(form(email))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/Too many attempts/),
    });
  });

  it("lets an organiser filter, approve with a mail in the person's language, and audits it", async () => {
    await registerInterest(
      handle.db,
      form("carla@zuidhorn.test", { organisation: "Gemeente Leek" }),
      ctx("en"),
    );
    const { participant } = await participantOf("carla@zuidhorn.test");
    const organiser = { personId: organiserId };
    await expect(
      decideRegistration(
        { db: handle.db, accounts },
        { seriesId, participantId: participant.id, decision: "approve" },
        organiser,
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await confirm("carla@zuidhorn.test");

    const unconfirmed = await listRegistrations(handle.db, seriesId, { confirmed: false });
    expect(unconfirmed.registrations.map((r) => r.email)).not.toContain("carla@zuidhorn.test");
    const byOrg = await listRegistrations(handle.db, seriesId, { search: "leek", status: "interested" });
    expect(byOrg.registrations.map((r) => r.email)).toEqual(["carla@zuidhorn.test"]);

    await decideRegistration(
      { db: handle.db, accounts },
      { seriesId, participantId: participant.id, decision: "approve" },
      organiser,
    );
    const mail = await sink.waitFor(
      (m) => m.to.includes("carla@zuidhorn.test") && m.subject.includes("approved"),
    );
    expect(mail.text).toContain(`${PUBLIC_URL}/reeksen/${DEMO_SERIES_SLUG}`);
    expect((await participantOf("carla@zuidhorn.test")).participant.status).toBe("approved");
    const audit = await handle.db
      .select()
      .from(AuditEntry)
      .where(eq(AuditEntry.target, `participant:${participant.id}`));
    expect(audit).toMatchObject([{ actorId: organiserId, action: "registration.approve", seriesId }]);
  });

  it("refuses to approve beyond capacity, and waitlists with a Dutch mail", async () => {
    const organiser = { personId: organiserId };
    await registerInterest(handle.db, form("dirk@zuidhorn.test"), ctx());
    await confirm("dirk@zuidhorn.test");
    const { participant } = await participantOf("dirk@zuidhorn.test");
    const approved = (await listRegistrations(handle.db, seriesId, { status: "approved" })).registrations
      .length;
    await updateSeriesSettings(handle.db, { seriesId, capacity: approved, retentionMonths: 24 }, organiser);
    await expect(
      decideRegistration(
        { db: handle.db, accounts },
        { seriesId, participantId: participant.id, decision: "approve" },
        organiser,
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/vol/) });
    await decideRegistration(
      { db: handle.db, accounts },
      { seriesId, participantId: participant.id, decision: "waitlist" },
      organiser,
    );
    const mail = await sink.waitFor(
      (m) => m.to.includes("dirk@zuidhorn.test") && m.subject.includes("wachtlijst"),
    );
    expect(mail.text).toContain("Beste Anne de Vries");
    await updateSeriesSettings(handle.db, { seriesId, capacity: null, retentionMonths: 24 }, organiser);
  });

  it("does not let ids from another series through", async () => {
    const [other] = await handle.db
      .insert(Series)
      .values({ slug: "andere-reeks", title: { nl: "Andere reeks" }, organiser: "X" })
      .returning();
    const stranger = randomUUID();
    await handle.db
      .insert(Person)
      .values({ id: stranger, name: "S", email: "s@x.test", emailVerified: true });
    const [p] = await handle.db
      .insert(Participant)
      .values({ seriesId: other?.id ?? "", personId: stranger, organisation: "X" })
      .returning();
    const organiser = { personId: organiserId };
    await expect(
      decideRegistration(
        { db: handle.db, accounts },
        { seriesId, participantId: p?.id ?? "", decision: "approve" },
        organiser,
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      setParticipantRole(
        { db: handle.db, accounts },
        { seriesId, participantId: p?.id ?? "", role: "organiser" },
        organiser,
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("invites a guest straight in as speaker, with an invitation mail", async () => {
    const organiser = { personId: organiserId };
    await invitePerson(
      { db: handle.db, accounts },
      {
        seriesId,
        name: "Vera VNG",
        email: "vera@vng.test",
        organisation: "VNG",
        role: "speaker",
        locale: "nl",
      },
      organiser,
    );
    const { participant } = await participantOf("vera@vng.test");
    expect(participant).toMatchObject({ role: "speaker", status: "approved", source: "invitation" });
    const mail = await sink.waitFor((m) => m.to.includes("vera@vng.test"));
    expect(mail.text).toMatch(/Olga nodigt je uit als spreker/);
    await setParticipantRole(
      { db: handle.db, accounts },
      { seriesId, participantId: participant.id, role: "moderator" },
      organiser,
    );
    expect((await participantOf("vera@vng.test")).participant.role).toBe("moderator");
    await expect(
      setParticipantRole(
        { db: handle.db, accounts },
        { seriesId, participantId: (await participantOf("olga@vgs.test")).participant.id, role: "member" },
        organiser,
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("exports the person's data and nobody else's", async () => {
    const { person } = await participantOf("carla@zuidhorn.test");
    const data = await exportMyData(handle.db, person.id);
    const json = JSON.stringify(data);
    expect(data?.person.email).toBe("carla@zuidhorn.test");
    expect(data?.participations).toHaveLength(1);
    expect(json).toContain("Gemeente Leek");
    for (const other of ["anne@zuidhorn.test", "dirk@zuidhorn.test", "olga@vgs.test", "vera@vng.test"]) {
      expect(json).not.toContain(other);
    }
  });

  it("erases an account so that no personal field is left anywhere in the database", async () => {
    await registerInterest(
      handle.db,
      form("erik@zuidhorn.test", {
        name: "Erik Uniekenaam",
        organisation: "Gemeente Uniekdorp",
        jobTitle: "Uniekfunctie",
        motivation: "Uniekmotivatie",
      }),
      ctx(),
    );
    const { person } = await participantOf("erik@zuidhorn.test");
    await eraseMyAccount(handle.db, person.id);
    const tables = [
      "person",
      "participant",
      "auth_session",
      "auth_account",
      "auth_verification",
      "audit_entry",
      "rate_limit_counter",
    ];
    for (const table of tables) {
      const result = await handle.db.execute(sql`select * from ${sql.identifier(table)}`);
      const dump = JSON.stringify((result as unknown as { rows: unknown[] }).rows);
      for (const value of [
        "erik@zuidhorn.test",
        "Erik Uniekenaam",
        "Gemeente Uniekdorp",
        "Uniekfunctie",
        "Uniekmotivatie",
      ]) {
        expect(dump, `${value} in ${table}`).not.toContain(value);
      }
    }
    const after = await handle.db.query.Person.findFirst({ where: eq(Person.id, person.id) });
    expect(after?.erasedAt).toBeInstanceOf(Date);
  });

  it("purges a series' personal data once its retention period has passed, and only then", async () => {
    const [old] = await handle.db
      .insert(Series)
      .values({ slug: "oude-reeks", title: { nl: "Oude reeks" }, organiser: "X", retentionMonths: 6 })
      .returning();
    const oldId = old?.id ?? "";
    const [theme] = await handle.db
      .execute(sql`insert into theme (series_id, position, title, guiding_question, description)
        values (${oldId}, 1, '{"nl":"t"}', '{"nl":"q"}', '{"nl":"d"}') returning id`)
      .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
    await handle.db.insert(Session).values({
      seriesId: oldId,
      themeId: theme?.id ?? "",
      position: 1,
      roomName: `room-${randomUUID()}`,
      startsAt: new Date("2025-01-10T09:00:00+01:00"),
    });
    const frida = randomUUID();
    await handle.db
      .insert(Person)
      .values({ id: frida, name: "Frida Oud", email: "frida@oud.test", emailVerified: true });
    await handle.db
      .insert(Participant)
      .values({ seriesId: oldId, personId: frida, organisation: "Gemeente Oud", status: "approved" });

    expect(await purgeExpiredSeries(handle.db, new Date("2025-07-01T00:00:00Z"))).not.toContain(oldId);
    const purged = await purgeExpiredSeries(handle.db, new Date("2025-07-11T00:00:00Z"));
    expect(purged).toEqual([oldId]);
    const person = await handle.db.query.Person.findFirst({ where: eq(Person.id, frida) });
    expect(person).toMatchObject({ name: "", email: `erased-${frida}@erased.invalid` });
    const [p] = await handle.db.select().from(Participant).where(eq(Participant.personId, frida));
    expect(p?.organisation).toBe("");
    // The demo series (retention from its creation, 24 months) is untouched.
    expect((await participantOf("carla@zuidhorn.test")).participant.organisation).toBe("Gemeente Leek");
    expect(await purgeExpiredSeries(handle.db, new Date("2025-07-12T00:00:00Z"))).toEqual([]);
    await anonymisePerson(handle.db, frida); // idempotent
  });

  it("bootstraps an organiser from the command line, idempotently and audited", async () => {
    const input = {
      seriesSlug: DEMO_SERIES_SLUG,
      email: "Eerste@VGS.test",
      name: "Eerste Organisator",
      organisation: "VGS",
      locale: "nl" as const,
    };
    const first = await bootstrapOrganiser(handle.db, input);
    const again = await bootstrapOrganiser(handle.db, input);
    expect(again.personId).toBe(first.personId);
    const { participant } = await participantOf("eerste@vgs.test");
    expect(participant).toMatchObject({ role: "organiser", status: "approved" });
    const audit = await handle.db
      .select()
      .from(AuditEntry)
      .where(eq(AuditEntry.target, `participant:${participant.id}`));
    expect(audit.map((a) => a.action)).toEqual([
      "participant.bootstrap_organiser",
      "participant.bootstrap_organiser",
    ]);
  });

  it("deletes registrations never confirmed within a week, and their empty accounts", async () => {
    await registerInterest(handle.db, form("vergeten@zuidhorn.test"), {
      ...ctx(),
      clientAddress: "10.0.0.9",
    });
    const { person } = await participantOf("vergeten@zuidhorn.test");
    const week = 7 * 24 * 60 * 60 * 1000;
    expect(await purgeUnconfirmedRegistrations(handle.db, new Date(Date.now() + week - 60_000))).toBe(0);
    expect(
      await purgeUnconfirmedRegistrations(handle.db, new Date(Date.now() + week + 60_000)),
    ).toBeGreaterThanOrEqual(1);
    expect(await handle.db.query.Person.findFirst({ where: eq(Person.id, person.id) })).toBeUndefined();
    // Confirmed and invited people stay.
    expect((await participantOf("carla@zuidhorn.test")).participant.status).toBe("approved");
    expect((await participantOf("vera@vng.test")).participant.source).toBe("invitation");
  });
});
