import { randomUUID } from "node:crypto";
import { AuditEntry, DEMO_SERIES_SLUG, eq, Participant, Person, Series, Session, sql } from "@reeks/db";
import { describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import { appRouter } from "../root";
import { fakeLivekit as NO_LIVEKIT } from "../testing";
import { createCallerFactory } from "../trpc";
import { PUBLIC_URL, useAccountsWorld } from "./accounts-world";
import { listRegistrations } from "./lists";
import { anonymisePerson, exportMyData } from "./my-data";
import { registerInterest } from "./registration";
import { purgeExpiredSeries, purgeUnconfirmedRegistrations } from "./retention";
import { decideRegistration, invitePerson, setParticipantRole, updateSeriesSettings } from "./review";

describe("registration, review and privacy", () => {
  const { w, form, ctx, participantOf, confirm } = useAccountsWorld();

  it("registers once per address, mails a confirmation link each time", async () => {
    await registerInterest(w.handle.db, form("anne@zuidhorn.test"), ctx());
    await registerInterest(w.handle.db, form("ANNE@zuidhorn.test ", { name: "Someone Else" }), ctx());
    const rows = await w.handle.db.select().from(Person).where(eq(Person.email, "anne@zuidhorn.test"));
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
    const mails = w.sink.messages().filter((m) => m.to.includes("anne@zuidhorn.test"));
    expect(mails).toHaveLength(2);
    expect(mails[0]?.subject).toBe("Bevestig je aanmelding voor “Uitvoering op z'n Kop”");
    expect(mails[0]?.text).toContain(`${PUBLIC_URL}/api/auth/magic-link/verify?token=`);
    expect(mails[0]?.text).toContain(encodeURIComponent(`/reeksen/${DEMO_SERIES_SLUG}`));
  });

  it("writes the confirmation mail in English for someone registering in English, names escaped", async () => {
    await registerInterest(w.handle.db, form("bob@bzk.test", { name: "Bob & Co" }), ctx("en"));
    const mail = await w.sink.waitFor((m) => m.to.includes("bob@bzk.test"));
    expect(mail.subject).toBe(
      "Confirm your registration for “Uitvoering op z'n Kop (Execution turned upside down)”",
    );
    expect(mail.html).toContain("Dear Bob &amp; Co,");
  });

  it("limits registrations per address with a translated TOO_MANY_REQUESTS", async () => {
    const email = "flood@zuidhorn.test";
    for (let i = 0; i < 5; i++) await registerInterest(w.handle.db, form(email), ctx());
    // The service names the message; the procedure speaks the caller's language.
    const caller = createCallerFactory(appRouter)(
      createContextInner({ database: w.handle, livekit: NO_LIVEKIT, ...ctx("en") }),
    );
    await expect(caller.registration.register(form(email))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/Too many attempts/),
    });
  });

  it("lets an organiser filter, approve with a mail in the person's language, and audits it", async () => {
    await registerInterest(
      w.handle.db,
      form("carla@zuidhorn.test", { organisation: "Gemeente Leek" }),
      ctx("en"),
    );
    const { participant } = await participantOf("carla@zuidhorn.test");
    const organiser = { personId: w.organiserId };
    await expect(
      decideRegistration(
        { db: w.handle.db, accounts: w.accounts },
        { seriesId: w.seriesId, participantId: participant.id, decision: "approve" },
        organiser,
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await confirm("carla@zuidhorn.test");

    const unconfirmed = await listRegistrations(w.handle.db, w.seriesId, { confirmed: false });
    expect(unconfirmed.registrations.map((r) => r.email)).not.toContain("carla@zuidhorn.test");
    const byOrg = await listRegistrations(w.handle.db, w.seriesId, { search: "leek", status: "interested" });
    expect(byOrg.registrations.map((r) => r.email)).toEqual(["carla@zuidhorn.test"]);

    await decideRegistration(
      { db: w.handle.db, accounts: w.accounts },
      { seriesId: w.seriesId, participantId: participant.id, decision: "approve" },
      organiser,
    );
    const mail = await w.sink.waitFor(
      (m) => m.to.includes("carla@zuidhorn.test") && m.subject.includes("approved"),
    );
    expect(mail.text).toContain(`${PUBLIC_URL}/reeksen/${DEMO_SERIES_SLUG}`);
    expect((await participantOf("carla@zuidhorn.test")).participant.status).toBe("approved");
    const audit = await w.handle.db
      .select()
      .from(AuditEntry)
      .where(eq(AuditEntry.target, `participant:${participant.id}`));
    expect(audit).toMatchObject([
      { actorId: w.organiserId, action: "registration.approve", seriesId: w.seriesId },
    ]);
  });

  it("refuses to approve beyond capacity, and waitlists with a Dutch mail", async () => {
    const organiser = { personId: w.organiserId };
    await registerInterest(w.handle.db, form("dirk@zuidhorn.test"), ctx());
    await confirm("dirk@zuidhorn.test");
    const { participant } = await participantOf("dirk@zuidhorn.test");
    const approved = (await listRegistrations(w.handle.db, w.seriesId, { status: "approved" })).registrations
      .length;
    await updateSeriesSettings(
      w.handle.db,
      { seriesId: w.seriesId, capacity: approved, retentionMonths: 24 },
      organiser,
    );
    await expect(
      decideRegistration(
        { db: w.handle.db, accounts: w.accounts },
        { seriesId: w.seriesId, participantId: participant.id, decision: "approve" },
        organiser,
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/vol/) });
    await decideRegistration(
      { db: w.handle.db, accounts: w.accounts },
      { seriesId: w.seriesId, participantId: participant.id, decision: "waitlist" },
      organiser,
    );
    const mail = await w.sink.waitFor(
      (m) => m.to.includes("dirk@zuidhorn.test") && m.subject.includes("wachtlijst"),
    );
    expect(mail.text).toContain("Beste Anne de Vries");
    expect(mail.text).toContain("De reeks is op dit moment vol");
    await updateSeriesSettings(
      w.handle.db,
      { seriesId: w.seriesId, capacity: null, retentionMonths: 24 },
      organiser,
    );
  });

  it("waitlists without a capacity set: the mail does not say the series is full", async () => {
    const organiser = { personId: w.organiserId };
    await registerInterest(w.handle.db, form("wim@zuidhorn.test"), ctx());
    await confirm("wim@zuidhorn.test");
    const { participant } = await participantOf("wim@zuidhorn.test");
    await decideRegistration(
      { db: w.handle.db, accounts: w.accounts },
      { seriesId: w.seriesId, participantId: participant.id, decision: "waitlist" },
      organiser,
    );
    const mail = await w.sink.waitFor(
      (m) => m.to.includes("wim@zuidhorn.test") && m.subject.includes("wachtlijst"),
    );
    expect(mail.text).toContain("je staat op de wachtlijst");
    expect(mail.text).not.toMatch(/\bvol\b/);
  });

  it("does not let ids from another series through", async () => {
    const [other] = await w.handle.db
      .insert(Series)
      .values({ slug: "andere-reeks", title: { nl: "Andere reeks" }, organiser: "X" })
      .returning();
    const stranger = randomUUID();
    await w.handle.db
      .insert(Person)
      .values({ id: stranger, name: "S", email: "s@x.test", emailVerified: true });
    const [p] = await w.handle.db
      .insert(Participant)
      .values({ seriesId: other?.id ?? "", personId: stranger, organisation: "X" })
      .returning();
    const organiser = { personId: w.organiserId };
    await expect(
      decideRegistration(
        { db: w.handle.db, accounts: w.accounts },
        { seriesId: w.seriesId, participantId: p?.id ?? "", decision: "approve" },
        organiser,
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      setParticipantRole(
        { db: w.handle.db, accounts: w.accounts },
        { seriesId: w.seriesId, participantId: p?.id ?? "", role: "organiser" },
        organiser,
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("invites a guest straight in as speaker, with an invitation mail", async () => {
    const organiser = { personId: w.organiserId };
    await invitePerson(
      { db: w.handle.db, accounts: w.accounts },
      {
        seriesId: w.seriesId,
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
    const mail = await w.sink.waitFor((m) => m.to.includes("vera@vng.test"));
    expect(mail.text).toMatch(/Olga nodigt je uit als spreker/);
    await setParticipantRole(
      { db: w.handle.db, accounts: w.accounts },
      { seriesId: w.seriesId, participantId: participant.id, role: "moderator" },
      organiser,
    );
    expect((await participantOf("vera@vng.test")).participant.role).toBe("moderator");
    await expect(
      setParticipantRole(
        { db: w.handle.db, accounts: w.accounts },
        {
          seriesId: w.seriesId,
          participantId: (await participantOf("olga@vgs.test")).participant.id,
          role: "member",
        },
        organiser,
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("exports the person's data and nobody else's", async () => {
    const { person } = await participantOf("carla@zuidhorn.test");
    const data = await exportMyData(w.handle.db, person.id);
    const json = JSON.stringify(data);
    expect(data?.profile.email).toBe("carla@zuidhorn.test");
    expect(data?.registrations).toHaveLength(1);
    expect(json).toContain("Gemeente Leek");
    for (const other of ["anne@zuidhorn.test", "dirk@zuidhorn.test", "olga@vgs.test", "vera@vng.test"]) {
      expect(json).not.toContain(other);
    }
  });

  it("purges a series' personal data once its retention period has passed, and only then", async () => {
    const [old] = await w.handle.db
      .insert(Series)
      .values({ slug: "oude-reeks", title: { nl: "Oude reeks" }, organiser: "X", retentionMonths: 6 })
      .returning();
    const oldId = old?.id ?? "";
    const [theme] = await w.handle.db
      .execute(sql`insert into theme (series_id, position, title, guiding_question, description)
        values (${oldId}, 1, '{"nl":"t"}', '{"nl":"q"}', '{"nl":"d"}') returning id`)
      .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
    await w.handle.db.insert(Session).values({
      seriesId: oldId,
      themeId: theme?.id ?? "",
      position: 1,
      roomName: `room-${randomUUID()}`,
      startsAt: new Date("2025-01-10T09:00:00+01:00"),
    });
    const frida = randomUUID();
    await w.handle.db
      .insert(Person)
      .values({ id: frida, name: "Frida Oud", email: "frida@oud.test", emailVerified: true });
    await w.handle.db
      .insert(Participant)
      .values({ seriesId: oldId, personId: frida, organisation: "Gemeente Oud", status: "approved" });

    expect(await purgeExpiredSeries(w.handle.db, new Date("2025-07-01T00:00:00Z"))).not.toContain(oldId);
    const purged = await purgeExpiredSeries(w.handle.db, new Date("2025-07-11T00:00:00Z"));
    expect(purged).toEqual([oldId]);
    const person = await w.handle.db.query.Person.findFirst({ where: eq(Person.id, frida) });
    expect(person).toMatchObject({ name: "", email: `erased-${frida}@erased.invalid` });
    const [p] = await w.handle.db.select().from(Participant).where(eq(Participant.personId, frida));
    expect(p?.organisation).toBe("");
    // The demo series (retention from its creation, 24 months) is untouched.
    expect((await participantOf("carla@zuidhorn.test")).participant.organisation).toBe("Gemeente Leek");
    expect(await purgeExpiredSeries(w.handle.db, new Date("2025-07-12T00:00:00Z"))).toEqual([]);
    await anonymisePerson(w.handle.db, frida); // idempotent
  });

  it("lists an erased account as erased, without its placeholder address, and refuses to act on it", async () => {
    const organiser = { personId: w.organiserId };
    await registerInterest(w.handle.db, form("weg@zuidhorn.test"), ctx());
    await confirm("weg@zuidhorn.test");
    const { person, participant } = await participantOf("weg@zuidhorn.test");
    await anonymisePerson(w.handle.db, person.id);
    const list = await listRegistrations(w.handle.db, w.seriesId, {});
    const row = list.registrations.find((r) => r.id === participant.id);
    expect(row).toMatchObject({ name: "", email: "", erased: true });
    expect(JSON.stringify(list)).not.toContain("erased.invalid");
    for (const decision of ["approve", "decline"] as const) {
      await expect(
        decideRegistration(
          { db: w.handle.db, accounts: w.accounts },
          { seriesId: w.seriesId, participantId: participant.id, decision },
          organiser,
        ),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", key: "accountErased" });
    }
    await expect(
      setParticipantRole(
        { db: w.handle.db, accounts: w.accounts },
        { seriesId: w.seriesId, participantId: participant.id, role: "moderator" },
        organiser,
      ),
    ).rejects.toMatchObject({ key: "accountErased" });
  });

  it("deletes registrations never confirmed within a week, and their empty accounts", async () => {
    await registerInterest(w.handle.db, form("vergeten@zuidhorn.test"), {
      ...ctx(),
      clientAddress: "10.0.0.9",
    });
    const { person } = await participantOf("vergeten@zuidhorn.test");
    const week = 7 * 24 * 60 * 60 * 1000;
    expect(await purgeUnconfirmedRegistrations(w.handle.db, new Date(Date.now() + week - 60_000))).toBe(0);
    expect(
      await purgeUnconfirmedRegistrations(w.handle.db, new Date(Date.now() + week + 60_000)),
    ).toBeGreaterThanOrEqual(1);
    expect(await w.handle.db.query.Person.findFirst({ where: eq(Person.id, person.id) })).toBeUndefined();
    // Confirmed and invited people stay.
    expect((await participantOf("carla@zuidhorn.test")).participant.status).toBe("approved");
    expect((await participantOf("vera@vng.test")).participant.source).toBe("invitation");
  });
});
