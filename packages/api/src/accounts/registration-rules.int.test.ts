import { randomUUID } from "node:crypto";
import { AuditEntry, and, eq, Job, Participant, Person, Series, SeriesLogo } from "@reeks/db";
import { MAIL_JOB_KIND, mailJobHandler, startWorker } from "@reeks/jobs";
import { DEFAULT_REGISTRATION_SETTINGS, type RegistrationSettings } from "@reeks/models";
import { describe, expect, it } from "vitest";
import { rasteriseSvg } from "../authoring/logo";
import { DomainError } from "../domain-error";
import { PUBLIC_URL, useAccountsWorld } from "./accounts-world";
import { eraseMyAccount } from "./my-data";
import { registerInterest } from "./registration";
import { purgeUnconfirmedRegistrations } from "./retention";
import { decideRegistration } from "./review";
import { seatJobHandlers } from "./seat-jobs";
import { SEAT_FREED_JOB } from "./seats";

const ACCENT = "#7a1f5c";

describe("registration follows the series' settings", () => {
  const { w } = useAccountsWorld();
  let n = 0;

  /** A published series of its own per test, with an organiser, these settings and capacity. */
  async function series(settings: Partial<RegistrationSettings>, capacity: number | null = null) {
    n += 1;
    const slug = `regels-${n}`;
    const [row] = await w.handle.db
      .insert(Series)
      .values({
        slug,
        title: { nl: `Regels ${n}`, en: `Rules ${n}` },
        organiser: "Vereniging Digitaal",
        status: "published",
        languages: "both",
        // The organiser's own row is approved and counts like any other: capacity leaves room for it.
        capacity: capacity == null ? null : capacity + 1,
        accentColour: ACCENT,
        registration: { ...DEFAULT_REGISTRATION_SETTINGS, ...settings },
      })
      .returning();
    if (!row) throw new Error("no series");
    const organiserId = randomUUID();
    await w.handle.db.insert(Person).values({
      id: organiserId,
      name: `Olga ${n}`,
      email: `olga-${n}@vd.test`,
      emailVerified: true,
      locale: "en",
    });
    await w.handle.db.insert(Participant).values({
      seriesId: row.id,
      personId: organiserId,
      organisation: "VD",
      role: "organiser",
      status: "approved",
    });
    return { ...row, organiserId, organiserEmail: `olga-${n}@vd.test`, en: `Rules ${n}`, nl: `Regels ${n}` };
  }

  const register = (slug: string, email: string, locale: "nl" | "en" = "nl") =>
    registerInterest(
      w.handle.db,
      {
        seriesSlug: slug,
        name: `Naam ${email}`,
        email,
        organisation: "Gemeente Test",
        jobTitle: "Adviseur",
        commitsToAllSessions: true,
        consent: true,
      },
      // No client address: the per-client limit is not what these tests are about.
      { locale, clientAddress: null, accounts: w.accounts },
    );

  async function statusOf(seriesId: string, email: string) {
    const [row] = await w.handle.db
      .select({ status: Participant.status, id: Participant.id })
      .from(Participant)
      .innerJoin(Person, eq(Person.id, Participant.personId))
      .where(and(eq(Participant.seriesId, seriesId), eq(Person.email, email)));
    return row;
  }

  async function refusal(call: Promise<unknown>): Promise<DomainError> {
    try {
      await call;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error("expected a refusal");
  }

  async function audits(seriesId: string, action: string) {
    return w.handle.db
      .select()
      .from(AuditEntry)
      .where(and(eq(AuditEntry.seriesId, seriesId), eq(AuditEntry.action, action)));
  }

  /** Runs the seat and mail jobs once, as the server's worker would. */
  async function runJobs() {
    const worker = startWorker({
      database: w.handle,
      handlers: {
        ...seatJobHandlers(w.handle.db, { appUrl: PUBLIC_URL }),
        [MAIL_JOB_KIND]: mailJobHandler(w.mailer),
      },
      pollIntervalMs: 60_000,
    });
    try {
      // The seat job enqueues mail jobs; a later pass sends them.
      for (let ran = await worker.runOnce(); ran > 0; ran = await worker.runOnce()) {
        // until nothing is left
      }
    } finally {
      await worker.stop();
    }
  }

  it("approves at once with automatic approval: audited, and the mail says so in the person's language, branded", async () => {
    const s = await series({ approval: "automatic" });
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#123"/></svg>`;
    await w.handle.db
      .insert(SeriesLogo)
      .values({ seriesId: s.id, ...rasteriseSvg(new TextEncoder().encode(svg)) });
    await register(s.slug, "auto@test.nl", "en");
    const row = await statusOf(s.id, "auto@test.nl");
    expect(row?.status).toBe("approved");
    const [audit] = await audits(s.id, "registration.auto_approve");
    expect(audit).toMatchObject({ actorId: null, target: `participant:${row?.id}` });
    const mail = await w.sink.waitFor((m) => m.to.includes("auto@test.nl"));
    expect(mail.subject).toBe(`You are registered for “${s.en}”: confirm your e-mail address`);
    expect(mail.text).toContain("has been approved: you have a place");
    // The HTML part carries the logo (absolute, with alt text) and the accent on the button.
    expect(mail.html).toContain(
      `<img src="${PUBLIC_URL}/logos/${s.id}.png" alt="Logo of Vereniging Digitaal"`,
    );
    expect(mail.html).toMatch(
      new RegExp(`<a href="[^"]+" style="[^"]*background: ${ACCENT}; color: #ffffff;`),
    );
    // The plain-text part is as it was: no markup, no colour.
    expect(mail.text).not.toContain("<img");
    expect(mail.text).not.toContain(ACCENT);
  });

  it("leaves the registration for review with approval required, the mail unbranded without a logo", async () => {
    const s = await series({ approval: "manual" });
    await register(s.slug, "handmatig@test.nl");
    expect((await statusOf(s.id, "handmatig@test.nl"))?.status).toBe("interested");
    expect(await audits(s.id, "registration.auto_approve")).toHaveLength(0);
    const mail = await w.sink.waitFor((m) => m.to.includes("handmatig@test.nl"));
    expect(mail.subject).toBe(`Bevestig je aanmelding voor “${s.nl}”`);
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain(`background: ${ACCENT}`);
  });

  it("puts new registrations on the waiting list once the series is full, and the mail says it is full", async () => {
    const s = await series({ approval: "automatic", waitlist: true }, 1);
    await register(s.slug, "eerste@test.nl");
    await register(s.slug, "tweede@test.nl");
    expect((await statusOf(s.id, "eerste@test.nl"))?.status).toBe("approved");
    expect((await statusOf(s.id, "tweede@test.nl"))?.status).toBe("waitlisted");
    expect(await audits(s.id, "registration.auto_waitlist")).toHaveLength(1);
    const mail = await w.sink.waitFor((m) => m.to.includes("tweede@test.nl"));
    expect(mail.subject).toBe(`Je staat op de wachtlijst voor “${s.nl}”: bevestig je e-mailadres`);
    expect(mail.text).toContain("De reeks is vol; je staat op de wachtlijst.");
  });

  it("refuses a registration when the series is full and has no waiting list, in nl and en", async () => {
    const s = await series({ approval: "manual", waitlist: false }, 0);
    const error = await refusal(register(s.slug, "te-laat@test.nl"));
    expect(error.code).toBe("CONFLICT");
    expect(error.localized("nl")).toBe("De reeks is vol en heeft geen wachtlijst. Aanmelden kan niet meer.");
    expect(error.localized("en")).toBe(
      "The series is full and has no waiting list. You can no longer register.",
    );
    expect(await statusOf(s.id, "te-laat@test.nl")).toBeUndefined();
  });

  it("refuses when registration is closed, or its closing date has passed (with the date, in the series' time zone)", async () => {
    const closed = await series({ open: false });
    expect((await refusal(register(closed.slug, "dicht@test.nl"))).localized("en")).toBe(
      "Registration for this series is closed.",
    );
    const past = await series({ open: true, closesAt: "2026-03-01T11:00:00Z" });
    const error = await refusal(register(past.slug, "laat@test.nl", "en"));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.localized("en")).toBe("Registration for this series closed on 1 March 2026 at 12:00.");
    expect(await statusOf(past.id, "laat@test.nl")).toBeUndefined();
    const future = await series({ open: true, closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    await register(future.slug, "op-tijd@test.nl");
    expect((await statusOf(future.id, "op-tijd@test.nl"))?.status).toBe("interested");
  });

  it("never gives the last place to two registrations racing for it", async () => {
    for (let round = 0; round < 4; round++) {
      const withList = await series({ approval: "automatic", waitlist: true }, 1);
      const emails = [0, 1, 2].map((i) => `race-${round}-${i}@test.nl`);
      await Promise.all(emails.map((email) => register(withList.slug, email)));
      const statuses = await Promise.all(emails.map((e) => statusOf(withList.id, e)));
      expect(statuses.filter((s) => s?.status === "approved")).toHaveLength(1);
      expect(statuses.filter((s) => s?.status === "waitlisted")).toHaveLength(2);

      const noList = await series({ approval: "automatic", waitlist: false }, 1);
      const racers = [0, 1].map((i) => `race-nolist-${round}-${i}@test.nl`);
      const results = await Promise.allSettled(racers.map((email) => register(noList.slug, email)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect((rejected as PromiseRejectedResult | undefined)?.reason).toMatchObject({
        key: "registrationFull",
      });
    }
  });

  it("moves the first on the waiting list up when an organiser declines someone (automatic approval)", async () => {
    const s = await series({ approval: "automatic", waitlist: true }, 1);
    await register(s.slug, "plek@test.nl");
    await register(s.slug, "wacht-1@test.nl", "en");
    await register(s.slug, "wacht-2@test.nl");
    await w.handle.db.update(Person).set({ emailVerified: true }).where(eq(Person.email, "plek@test.nl"));
    const holder = await statusOf(s.id, "plek@test.nl");
    await decideRegistration(
      { db: w.handle.db, accounts: w.accounts },
      { seriesId: s.id, participantId: holder?.id ?? "", decision: "decline" },
      { personId: s.organiserId },
    );
    expect((await statusOf(s.id, "wacht-1@test.nl"))?.status).toBe("approved");
    expect((await statusOf(s.id, "wacht-2@test.nl"))?.status).toBe("waitlisted");
    const [promoted] = await audits(s.id, "registration.promote");
    expect(promoted).toMatchObject({ actorId: null, details: { from: "waitlisted", to: "approved" } });
    await runJobs();
    const mail = await w.sink.waitFor(
      (m) => m.to.includes("wacht-1@test.nl") && m.subject.includes("approved"),
    );
    expect(mail.subject).toBe(`Your registration for “${s.en}” has been approved`);
    expect(mail.html).toContain(`background: ${ACCENT}`);
  });

  it("tells the organisers instead when approval is theirs, and moves nobody", async () => {
    const s = await series({ approval: "manual", waitlist: true }, 1);
    await register(s.slug, "zit@test.nl");
    await w.handle.db.update(Person).set({ emailVerified: true }).where(eq(Person.email, "zit@test.nl"));
    const first = await statusOf(s.id, "zit@test.nl");
    const deps = { db: w.handle.db, accounts: w.accounts };
    await decideRegistration(
      deps,
      { seriesId: s.id, participantId: first?.id ?? "", decision: "approve" },
      { personId: s.organiserId },
    );
    await register(s.slug, "wacht@test.nl");
    expect((await statusOf(s.id, "wacht@test.nl"))?.status).toBe("waitlisted");
    await decideRegistration(
      deps,
      { seriesId: s.id, participantId: first?.id ?? "", decision: "decline" },
      { personId: s.organiserId },
    );
    expect((await statusOf(s.id, "wacht@test.nl"))?.status).toBe("waitlisted");
    expect(await audits(s.id, "registration.promote")).toHaveLength(0);
    await runJobs();
    const mail = await w.sink.waitFor((m) => m.to.includes(s.organiserEmail));
    expect(mail.subject).toBe(`A place is free in “${s.en}”`);
    expect(mail.text).toContain("1 person is on the waiting list");
    expect(mail.text).toContain(`${PUBLIC_URL}/reeksen/${s.slug}/aanmeldingen`);
  });

  it("moves the list up when a place holder erases their account, or never confirms their address", async () => {
    const s = await series({ approval: "automatic", waitlist: true }, 1);
    await register(s.slug, "wist@test.nl");
    await register(s.slug, "na-wist@test.nl");
    const [holder] = await w.handle.db.select().from(Person).where(eq(Person.email, "wist@test.nl"));
    await eraseMyAccount(w.handle.db, holder?.id ?? "");
    expect((await statusOf(s.id, "na-wist@test.nl"))?.status).toBe("approved");

    const lapsing = await series({ approval: "automatic", waitlist: true }, 1);
    await register(lapsing.slug, "nooit@test.nl");
    await w.handle.db.update(Person).set({ emailVerified: true }).where(eq(Person.email, "na-wist@test.nl"));
    await register(lapsing.slug, "na-wist@test.nl");
    expect((await statusOf(lapsing.id, "na-wist@test.nl"))?.status).toBe("waitlisted");
    const week = 8 * 24 * 60 * 60 * 1000;
    await purgeUnconfirmedRegistrations(w.handle.db, new Date(Date.now() + week));
    expect(await statusOf(lapsing.id, "nooit@test.nl")).toBeUndefined();
    expect((await statusOf(lapsing.id, "na-wist@test.nl"))?.status).toBe("approved");
    const jobs = await w.handle.db.select().from(Job).where(eq(Job.kind, SEAT_FREED_JOB));
    expect(jobs.some((j) => (j.payload as { seriesId: string }).seriesId === lapsing.id)).toBe(true);
  });
});
