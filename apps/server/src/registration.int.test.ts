import { DEMO_SERIES_SLUG, eq, Person, Series } from "@reeks/db";
import { DEFAULT_REGISTRATION_SETTINGS } from "@reeks/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningReeks } from "./index";
import { startTestServer } from "./testing";

interface TrpcError {
  error: {
    message: string;
    data: { httpStatus: number; code: string; fieldErrors: Record<string, string[]> | null };
  };
}

const valid = {
  seriesSlug: DEMO_SERIES_SLUG,
  name: "Gert Geldig",
  email: "gert@gemeente.test",
  organisation: "Gemeente Geldig",
  jobTitle: "Gemeentesecretaris",
  commitsToAllSessions: true,
  consent: true,
};

describe("registration over HTTP", () => {
  let server: RunningReeks;
  const register = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/trpc/registration.register`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, ...headers },
      body: JSON.stringify(body),
    });
  const peopleNamed = async (email: string) =>
    server.database.db.select().from(Person).where(eq(Person.email, email));

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it.each([
    ["an invalid e-mail", { email: "not-an-address" }, "email", /e-mail|ongeldig/i],
    ["a 10 kB name", { name: "x".repeat(10_000) }, "name", /te (groot|lang)/i],
    ["script in a name", { name: "<script>alert(1)</script>" }, "name", /< of >/],
    ["no consent", { consent: false }, "consent", /Geef toestemming/],
  ])("refuses %s with a Dutch field error and stores nothing", async (_label, patch, field, message) => {
    const body = { ...valid, email: `bad-${field}@gemeente.test`, ...patch };
    const response = await register(body, { "x-reeks-locale": "nl" });
    expect(response.status).toBe(400);
    const json = (await response.json()) as TrpcError;
    expect(json.error.data.fieldErrors?.[field]?.[0]).toMatch(message);
    expect(await peopleNamed(body.email)).toEqual([]);
  });

  it("answers field errors in English when asked", async () => {
    const response = await register({ ...valid, name: "<b>" }, { "x-reeks-locale": "en" });
    const json = (await response.json()) as TrpcError;
    expect(json.error.data.fieldErrors?.name?.[0]).toBe("Must not contain < or > or invisible characters.");
  });

  it("accepts a valid registration and mails the confirmation link", async () => {
    const response = await register(valid);
    expect(response.status).toBe(200);
    const mail = await server.mailSink?.waitFor((m) => m.to.includes(valid.email));
    expect(mail?.subject).toMatch(/Bevestig je aanmelding/);
    expect(await peopleNamed(valid.email)).toHaveLength(1);
  });

  it("refuses a cross-site registration (CSRF) before it reaches the procedure", async () => {
    const response = await register(
      { ...valid, email: "csrf@gemeente.test" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /niet van Reeks/,
    );
    const noFetchMetadata = await register(
      { ...valid, email: "csrf@gemeente.test" },
      { origin: "https://evil.example" },
    );
    expect(noFetchMetadata.status).toBe(403);
    expect(await peopleNamed("csrf@gemeente.test")).toEqual([]);
  });

  it("answers 429 with a translated message once the per-address limit is reached", async () => {
    const body = { ...valid, email: "herhaal@gemeente.test" };
    for (let i = 0; i < 5; i++) expect((await register(body)).status).toBe(200);
    const refused = await register(body, { "x-reeks-locale": "en" });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as TrpcError).error.message).toMatch(
      /Too many attempts\. Please wait \d+ minutes/,
    );
  });

  it("refuses a full series without a waiting list, and a passed closing date, with a translated 4xx (never a 500)", async () => {
    const demo = eq(Series.slug, DEMO_SERIES_SLUG);
    const [before] = await server.database.db.select().from(Series).where(demo);
    try {
      await server.database.db
        .update(Series)
        .set({ capacity: 0, registration: { ...DEFAULT_REGISTRATION_SETTINGS, waitlist: false } })
        .where(demo);
      const full = await register({ ...valid, email: "vol@gemeente.test" }, { "x-reeks-locale": "en" });
      expect(full.status).toBe(409);
      expect(((await full.json()) as TrpcError).error.message).toBe(
        "The series is full and has no waiting list. You can no longer register.",
      );
      await server.database.db
        .update(Series)
        .set({
          capacity: null,
          registration: { ...DEFAULT_REGISTRATION_SETTINGS, closesAt: "2026-01-05T08:00:00Z" },
        })
        .where(demo);
      const late = await register({ ...valid, email: "laat@gemeente.test" }, { "x-reeks-locale": "nl" });
      expect(late.status).toBe(412);
      expect(((await late.json()) as TrpcError).error.message).toBe(
        "De aanmelding voor deze reeks is gesloten sinds 5 januari 2026 om 09:00.",
      );
      expect(await peopleNamed("vol@gemeente.test")).toEqual([]);
      expect(await peopleNamed("laat@gemeente.test")).toEqual([]);
    } finally {
      await server.database.db
        .update(Series)
        .set({ capacity: before?.capacity ?? null, registration: before?.registration ?? null })
        .where(demo);
    }
  });
});
