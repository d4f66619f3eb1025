import {
  Administrator,
  AuditEntry,
  and,
  type DatabaseHandle,
  eq,
  Outcome,
  Participant,
  Series,
} from "@reeks/db";
import { createParticipant, createPerson, createTestDatabase, type PersonRow } from "@reeks/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../testing";

/** The error a call ends in, as tRPC hands it to the client. */
async function failure(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const THEME = (n: number) => ({
  title: { nl: `Thema ${n}`, en: `Theme ${n}` },
  guidingQuestion: { nl: `Vraag ${n}?`, en: `Question ${n}?` },
  description: { nl: `Over **thema ${n}**.`, en: `About **theme ${n}**.` },
});

describe("organisers make their own series", () => {
  let handle: DatabaseHandle;
  let admin: PersonRow;

  beforeAll(async () => {
    handle = await createTestDatabase();
    admin = await createPerson(handle.db, { email: "beheer@reeks.test" });
    await handle.db.insert(Administrator).values({ personId: admin.id });
  });
  afterAll(() => handle?.close());

  const asAdmin = () => callerFor(handle, { personId: admin.id });

  async function seriesWithOrganiser(slug: string, languages: "nl" | "en" | "both" = "both") {
    const created = await asAdmin().administration.createSeries({
      slug,
      title: { nl: "Digitale overheid 2027", en: "Digital government 2027" },
      organiser: "Vereniging Digitaal",
      languages,
    });
    const email = `org-${slug}@reeks.test`;
    await asAdmin().administration.appointOrganiser({
      seriesId: created.id,
      email,
      name: "Olga",
      organisation: "VD",
      locale: "nl",
    });
    const person = await handle.db.query.Person.findFirst({ where: (p, { eq }) => eq(p.email, email) });
    if (!person) throw new Error("organiser missing");
    return {
      seriesId: created.id,
      organiser: callerFor(handle, { personId: person.id }),
      personId: person.id,
    };
  }

  it("create → edit → reorder → publish, refused while incomplete with what is missing named", async () => {
    const { seriesId, organiser } = await seriesWithOrganiser("digitale-overheid-2027");
    let series = await organiser.authoring.get({ seriesId });
    expect(series.status).toBe("draft");
    // A draft is nobody else's: not in the public list, not by slug.
    const anonymous = callerFor(handle, null);
    expect((await anonymous.series.list()).map((s) => s.slug)).not.toContain("digitale-overheid-2027");
    expect((await failure(anonymous.series.bySlug({ slug: "digitale-overheid-2027" }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(anonymous.registration.info({ slug: "digitale-overheid-2027" }))).code).toBe(
      "NOT_FOUND",
    );

    const empty = await failure(organiser.authoring.publish({ seriesId, expectedVersion: series.version }));
    expect(empty.code).toBe("PRECONDITION_FAILED");
    const emptyMissing = (empty.cause as { missing?: Array<{ kind: string }> }).missing ?? [];
    expect(emptyMissing.map((m) => m.kind)).toContain("themes");

    for (const n of [1, 2, 3]) {
      series = await organiser.authoring.addTheme({
        seriesId,
        expectedVersion: series.version,
        texts: THEME(n),
      });
    }
    expect(series.themes.map((t) => t.title.nl)).toEqual(["Thema 1", "Thema 2", "Thema 3"]);
    // One session per theme by default.
    expect(series.sessions.map((s) => s.themeId)).toEqual(series.themes.map((t) => t.id));

    const third = series.themes[2];
    if (!third) throw new Error("no third theme");
    series = await organiser.authoring.moveTheme({
      seriesId,
      expectedVersion: series.version,
      themeId: third.id,
      direction: "up",
    });
    expect(series.themes.map((t) => t.title.nl)).toEqual(["Thema 1", "Thema 3", "Thema 2"]);
    // Sessions follow their theme's order.
    expect(series.sessions.map((s) => s.themeId)).toEqual(series.themes.map((t) => t.id));

    // English missing for one theme: publishing names exactly that.
    series = await organiser.authoring.updateTheme({
      seriesId,
      expectedVersion: series.version,
      themeId: third.id,
      texts: { ...THEME(3), guidingQuestion: { nl: "Vraag 3?", en: "" } },
    });
    const incomplete = await failure(
      organiser.authoring.publish({ seriesId, expectedVersion: series.version }),
    );
    const missing = (incomplete.cause as { missing?: unknown[] }).missing;
    expect(missing).toContainEqual({
      kind: "themeText",
      themeId: third.id,
      position: 2,
      field: "guidingQuestion",
      locale: "en",
    });
    expect(missing).toContainEqual({ kind: "seriesText", field: "description", locale: "nl" });
    expect(missing).toContainEqual({ kind: "consent", locale: "en" });
    expect(incomplete.message).toMatch(/niet compleet/);
    expect((await organiser.authoring.get({ seriesId })).status).toBe("draft");

    series = await organiser.authoring.updateTheme({
      seriesId,
      expectedVersion: series.version,
      themeId: third.id,
      texts: THEME(3),
    });
    series = await organiser.authoring.update({
      seriesId,
      expectedVersion: series.version,
      settings: { description: { nl: "Een **reeks**.", en: "A **series**." }, timeZone: "Europe/Amsterdam" },
      registration: {
        ...series.registration,
        consentText: { nl: "Ik geef toestemming.", en: "I consent." },
        consentPurpose: { nl: "Om je uit te nodigen.", en: "To invite you." },
        questions: [
          {
            id: "sector",
            kind: "choice",
            label: { nl: "Sector", en: "Sector" },
            required: true,
            choices: [
              { nl: "Gemeente", en: "Municipality" },
              { nl: "Rijk", en: "Central government" },
            ],
          },
        ],
      },
    });
    expect((await organiser.authoring.completeness({ seriesId })).missing).toEqual([]);
    series = await organiser.authoring.publish({ seriesId, expectedVersion: series.version });
    expect(series.status).toBe("published");
    expect((await anonymous.series.list()).map((s) => s.slug)).toContain("digitale-overheid-2027");
    const info = await anonymous.registration.info({ slug: "digitale-overheid-2027" });
    expect(info.questions).toEqual([
      { id: "sector", kind: "choice", required: true, label: "Sector", choices: ["Gemeente", "Rijk"] },
    ]);

    // The registration form asks the series' own question: required, and one of its choices.
    const registration = {
      seriesSlug: "digitale-overheid-2027",
      name: "Piet",
      email: "piet@gemeente.test",
      organisation: "Gemeente",
      jobTitle: "Adviseur",
      commitsToAllSessions: false,
      consent: true,
    };
    const unanswered = await failure(anonymous.registration.register(registration));
    expect(unanswered.code).toBe("BAD_REQUEST");
    expect(unanswered.message).toMatch(/Beantwoord/);
    const offList = await failure(
      anonymous.registration.register({ ...registration, answers: { sector: "7" } }),
    );
    expect(offList.message).toMatch(/opties/);

    // Every change is in the audit log with before and after.
    const edits = await handle.db
      .select()
      .from(AuditEntry)
      .where(and(eq(AuditEntry.seriesId, seriesId), eq(AuditEntry.action, "theme.edit")));
    expect(edits[0]?.details).toMatchObject({
      before: { guidingQuestion: { en: "Question 3?" } },
      after: { guidingQuestion: { en: "" } },
    });
  });

  it("two concurrent creates of one slug: one series, and a translated conflict on the slug", async () => {
    const other = await createPerson(handle.db);
    await handle.db.insert(Administrator).values({ personId: other.id });
    const input = { slug: "race", title: { nl: "Race", en: "" }, organiser: "X", languages: "nl" as const };
    const results = await Promise.allSettled([
      asAdmin().administration.createSeries(input),
      callerFor(handle, { personId: other.id }, "en").administration.createSeries(input),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    const error = refused?.status === "rejected" ? refused.reason : null;
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("CONFLICT");
    expect((error as TRPCError).message).toMatch(/already taken|al in gebruik/);
    expect(await handle.db.select().from(Series).where(eq(Series.slug, "race"))).toHaveLength(1);
    expect((await asAdmin().administration.slugAvailable({ slug: "race" })).available).toBe(false);
    expect((await asAdmin().administration.slugAvailable({ slug: "race-2" })).available).toBe(true);
  });

  it("the organiser's slug check counts their own slug as free and others' as taken; an empty save is no 500", async () => {
    const { seriesId, organiser } = await seriesWithOrganiser("eigen-slug");
    await seriesWithOrganiser("andermans-slug");
    expect((await organiser.authoring.slugAvailable({ seriesId, slug: "eigen-slug" })).available).toBe(true);
    expect((await organiser.authoring.slugAvailable({ seriesId, slug: "andermans-slug" })).available).toBe(
      false,
    );
    expect((await organiser.authoring.slugAvailable({ seriesId, slug: "nog-vrij" })).available).toBe(true);
    // A form that sends only what changed may send nothing: a new version, the same series.
    const before = await organiser.authoring.get({ seriesId });
    const after = await organiser.authoring.update({
      seriesId,
      expectedVersion: before.version,
      settings: {},
    });
    expect(after.version).toBe(before.version + 1);
    expect({ ...after, version: 0 }).toEqual({ ...before, version: 0 });
  });

  it("conflicting edits: the second save gets CONFLICT with the current series and what changed", async () => {
    const { seriesId, organiser, personId } = await seriesWithOrganiser("conflict");
    const second = await createParticipant(handle.db, { seriesId, role: "organiser" });
    const other = callerFor(handle, second);
    const start = await organiser.authoring.get({ seriesId });
    await organiser.authoring.update({
      seriesId,
      expectedVersion: start.version,
      settings: { organiser: "Eerste" },
    });
    const conflict = await failure(
      other.authoring.update({ seriesId, expectedVersion: start.version, settings: { organiser: "Tweede" } }),
    );
    expect(conflict.code).toBe("CONFLICT");
    const payload = (conflict.cause as { current?: { current: { organiser: string }; changes: unknown[] } })
      .current;
    expect(payload?.current.organiser).toBe("Eerste");
    expect(payload?.changes).toContainEqual(
      expect.objectContaining({ action: "series.edit", before: { organiser: "Vereniging Digitaal" } }),
    );
    expect((await organiser.authoring.get({ seriesId })).organiser).toBe("Eerste");
    expect(personId).toBeTruthy();
  });

  it("duplicate copies texts, themes, sessions without dates, settings and branding; no people, no outcomes", async () => {
    const { seriesId, organiser, personId } = await seriesWithOrganiser("bron");
    let series = await organiser.authoring.get({ seriesId });
    series = await organiser.authoring.addTheme({
      seriesId,
      expectedVersion: series.version,
      texts: THEME(1),
    });
    series = await organiser.authoring.update({
      seriesId,
      expectedVersion: series.version,
      settings: { accentColour: "#0b5394", retentionMonths: 12, capacity: 40 },
    });
    const session = series.sessions[0];
    if (!session) throw new Error("no session");
    series = await organiser.authoring.updateSession({
      seriesId,
      expectedVersion: series.version,
      sessionId: session.id,
      fields: {
        speakers: [{ name: "Sam", organisation: "BZK", role: "DG", bio: "", requiredForScheduling: true }],
      },
    });
    series = await organiser.authoring.setSessionDate({
      seriesId,
      expectedVersion: series.version,
      sessionId: session.id,
      startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const member = await createParticipant(handle.db, { seriesId, role: "member" });
    const [theme] = series.themes;
    await handle.db.insert(Outcome).values({
      seriesId,
      sessionId: session.id,
      themeId: theme?.id ?? "",
      kind: "insight",
      text: "Iets",
      authorParticipantId: member.participantId,
      attribution: "named",
    } as typeof Outcome.$inferInsert);

    const copy = await organiser.authoring.duplicate({ seriesId, slug: "bron-2028" });
    const duplicate = await organiser.authoring.get({ seriesId: copy.id });
    expect(duplicate.status).toBe("draft");
    expect(duplicate.themes.map((t) => t.title)).toEqual(series.themes.map((t) => t.title));
    expect(duplicate.accentColour).toBe("#0b5394");
    expect(duplicate.retentionMonths).toBe(12);
    expect(duplicate.capacity).toBe(40);
    expect(duplicate.sessions).toHaveLength(1);
    expect(duplicate.sessions[0]).toMatchObject({ startsAt: null, status: "draft" });
    expect(duplicate.sessions[0]?.speakers[0]?.name).toBe("Sam");
    const people = await handle.db.select().from(Participant).where(eq(Participant.seriesId, copy.id));
    expect(people.map((p) => p.personId)).toEqual([personId]);
    expect(await handle.db.select().from(Outcome).where(eq(Outcome.seriesId, copy.id))).toEqual([]);

    // Only a draft may be deleted; the published one is archived instead.
    const gone = await organiser.authoring.deleteDraft({
      seriesId: copy.id,
      expectedVersion: duplicate.version,
    });
    expect(gone.deleted).toBe(true);
    expect(await handle.db.select().from(Series).where(eq(Series.id, copy.id))).toEqual([]);
  });

  it("brand colour below AA is refused; a logo of the wrong type, too large, or an SVG with a script", async () => {
    const { seriesId, organiser } = await seriesWithOrganiser("merk");
    const series = await organiser.authoring.get({ seriesId });
    const grey = await failure(
      organiser.authoring.update({
        seriesId,
        expectedVersion: series.version,
        settings: { accentColour: "#808080" },
      }),
    );
    expect(grey.code).toBe("BAD_REQUEST");
    expect(grey.message).toMatch(/contrast/);

    const gif = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "binary").toString("base64");
    const wrong = await failure(
      organiser.authoring.uploadLogo({
        seriesId,
        expectedVersion: series.version,
        contentType: "image/png",
        data: gif,
      }),
    );
    expect(wrong.code).toBe("BAD_REQUEST");

    const huge = Buffer.alloc(300 * 1024, 1).toString("base64");
    const big = await failure(
      organiser.authoring.uploadLogo({
        seriesId,
        expectedVersion: series.version,
        contentType: "image/svg+xml",
        data: huge,
      }),
    );
    expect(["BAD_REQUEST", "PAYLOAD_TOO_LARGE"]).toContain(big.code);

    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" onload="alert(1)">
      <script>alert(document.cookie)</script>
      <rect width="100" height="40" fill="#0b5394"/>
      <image href="http://127.0.0.1:1/tracker.png" width="10" height="10"/>
    </svg>`;
    const done = await organiser.authoring.uploadLogo({
      seriesId,
      expectedVersion: series.version,
      contentType: "image/svg+xml",
      data: Buffer.from(svg).toString("base64"),
    });
    expect(done.logoVersion).not.toBeNull();
    const stored = await handle.db.query.SeriesLogo.findFirst({
      where: (l, { eq }) => eq(l.seriesId, seriesId),
    });
    const bytes = Buffer.from(stored?.png ?? new Uint8Array());
    // Pixels, not markup: a PNG that carries nothing of the script.
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(bytes.includes(Buffer.from("script"))).toBe(false);
    expect(bytes.includes(Buffer.from("alert"))).toBe(false);
  });

  it("administrators appoint and remove organisers; an organiser of another series is refused here", async () => {
    const a = await seriesWithOrganiser("reeks-a");
    const b = await seriesWithOrganiser("reeks-b");
    const version = (await a.organiser.authoring.get({ seriesId: a.seriesId })).version;
    const refused = await failure(
      b.organiser.authoring.update({
        seriesId: a.seriesId,
        expectedVersion: version,
        settings: { organiser: "B" },
      }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    const list = await asAdmin().administration.series();
    const entry = list.find((s) => s.id === a.seriesId);
    expect(entry?.organisers.map((o) => o.email)).toEqual(["org-reeks-a@reeks.test"]);
    const only = entry?.organisers[0]?.participantId ?? "";
    // Never without an organiser.
    const last = await failure(
      asAdmin().administration.removeOrganiser({ seriesId: a.seriesId, participantId: only }),
    );
    expect(last.code).toBe("PRECONDITION_FAILED");
    await asAdmin().administration.appointOrganiser({
      seriesId: a.seriesId,
      email: "tweede@reeks.test",
      name: "Tweede",
      organisation: "X",
      locale: "en",
    });
    await asAdmin().administration.removeOrganiser({ seriesId: a.seriesId, participantId: only });
    const gone = await failure(a.organiser.authoring.get({ seriesId: a.seriesId }));
    expect(gone.code).toBe("FORBIDDEN");
  });
});
