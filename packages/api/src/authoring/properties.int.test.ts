import { Administrator, type DatabaseHandle } from "@reeks/db";
import { createPerson, createTestDatabase } from "@reeks/db/testing";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { callerFor } from "../testing";

/** Answers a client may get for bad input; anything else (INTERNAL_SERVER_ERROR above all) is a bug. */
const ACCEPTABLE = new Set([
  "BAD_REQUEST",
  "NOT_FOUND",
  "PRECONDITION_FAILED",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
]);

async function settles(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof TRPCError) || !ACCEPTABLE.has(error.code)) {
      throw new Error(`unexpected ${error instanceof TRPCError ? error.code : String(error)}`, {
        cause: error,
      });
    }
  }
}

// Every kind of string: full Unicode (lone surrogates, NUL), Markdown and HTML shapes, sizes beyond the limits.
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\uD800",
    "a\u0007b",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "# h\n\n```\ncode\n```\n\n| a | b |\n|---|---|",
  ),
  fc.integer({ min: 190, max: 4100 }).map((n) => "a".repeat(n)),
  fc.integer({ min: 1, max: 20_000 }).map((n) => "ü".repeat(n)),
);
const localized = fc.record({ nl: nasty, en: nasty });

describe("authoring inputs never produce a server error", () => {
  let handle: DatabaseHandle;
  let adminId: string;
  let seriesId: string;
  const runs = { numRuns: 30 };

  beforeAll(async () => {
    handle = await createTestDatabase();
    const admin = await createPerson(handle.db);
    adminId = admin.id;
    await handle.db.insert(Administrator).values({ personId: admin.id });
    const made = await callerFor(handle, { personId: adminId }).administration.createSeries({
      slug: "eigenschappen",
      title: { nl: "Eigenschappen", en: "" },
      organiser: "X",
      languages: "both",
    });
    seriesId = made.id;
    await callerFor(handle, { personId: adminId }).administration.appointOrganiser({
      seriesId,
      email: "org@eigenschappen.test",
      name: "Org",
      organisation: "X",
      locale: "nl",
    });
  });
  afterAll(() => handle?.close());

  async function organiser() {
    const person = await handle.db.query.Person.findFirst({
      where: (p, { eq }) => eq(p.email, "org@eigenschappen.test"),
    });
    return callerFor(handle, { personId: person?.id ?? "" });
  }

  it("creating series: slug, title, organising body", async () => {
    const admin = callerFor(handle, { personId: adminId });
    await fc.assert(
      fc.asyncProperty(nasty, localized, nasty, (slug, title, body) =>
        settles(() => admin.administration.createSeries({ slug, title, organiser: body, languages: "nl" })),
      ),
      runs,
    );
  });

  it("series settings, description (Markdown) and registration texts", async () => {
    const caller = await organiser();
    await fc.assert(
      fc.asyncProperty(
        localized,
        localized,
        nasty,
        nasty,
        localized,
        async (title, description, body, zone, consent) => {
          const { version, registration } = await caller.authoring.get({ seriesId });
          await settles(() =>
            caller.authoring.update({
              seriesId,
              expectedVersion: version,
              settings: { title, description, organiser: body, timeZone: zone },
              registration: {
                ...registration,
                consentText: consent,
                questions: [{ id: "q", kind: "text", label: consent, required: false, choices: [] }],
              },
            }),
          );
        },
      ),
      runs,
    );
  });

  it("themes and speakers", async () => {
    const caller = await organiser();
    await fc.assert(
      fc.asyncProperty(
        localized,
        localized,
        localized,
        nasty,
        nasty,
        nasty,
        async (t, q, d, name, org, bio) => {
          let series = await caller.authoring.get({ seriesId });
          await settles(async () => {
            series = await caller.authoring.addTheme({
              seriesId,
              expectedVersion: series.version,
              texts: { title: t, guidingQuestion: q, description: d },
            });
          });
          const session = series.sessions[0];
          if (!session) return;
          await settles(() =>
            caller.authoring.updateSession({
              seriesId,
              expectedVersion: series.version,
              sessionId: session.id,
              fields: {
                speakers: [{ name, organisation: org, role: org, bio, requiredForScheduling: false }],
              },
            }),
          );
          const theme = series.themes.at(-1);
          if (theme && series.themes.length > 3) {
            await settles(() =>
              caller.authoring.removeTheme({ seriesId, expectedVersion: series.version, themeId: theme.id }),
            );
          }
        },
      ),
      runs,
    );
  });

  it("duplicate slug and registration answers", async () => {
    const caller = await organiser();
    const anonymous = callerFor(handle, null);
    // A new address each run: five registrations per address an hour are allowed.
    let run = 0;
    await fc.assert(
      fc.asyncProperty(nasty, nasty, nasty, async (slug, answer, name) => {
        await settles(() => caller.authoring.duplicate({ seriesId, slug }));
        await settles(() =>
          anonymous.registration.register({
            seriesSlug: "eigenschappen",
            name,
            email: `x${run++}@y.test`,
            organisation: "X",
            jobTitle: "Y",
            commitsToAllSessions: false,
            consent: true,
            answers: { q: answer },
          }),
        );
      }),
      runs,
    );
  });
});
