import { AuthSession, AuthVerification, eq, Person, sql } from "@reeks/db";
import { createPerson } from "@reeks/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningReeks } from "./index";
import { requestSignInLink, signInCookie, startTestServer } from "./testing";

async function me(server: RunningReeks, cookie?: string) {
  const response = await fetch(`${server.url}/api/trpc/account.me`, { headers: cookie ? { cookie } : {} });
  const body = (await response.json()) as { result: { data: { email: string } | null } };
  return body.result.data;
}

describe("magic-link sign-in", () => {
  let server: RunningReeks;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it("signs a known person in; the session resolves to them", async () => {
    await createPerson(server.database.db, { email: "Anne@Gemeente.test", name: "Anne" });
    const cookie = await signInCookie(server, "anne@gemeente.test");
    expect((await me(server, cookie))?.email).toBe("anne@gemeente.test");
    expect(await me(server)).toBeNull();
  });

  it("sets an httpOnly, SameSite=Lax session cookie (not Secure over http)", async () => {
    await createPerson(server.database.db, { email: "flags@gemeente.test" });
    const link = await requestSignInLink(server, "flags@gemeente.test");
    const response = await fetch(link, { redirect: "manual" });
    const sessionCookie = response.headers.getSetCookie().find((c) => c.includes("session_token="));
    expect(sessionCookie).toBeDefined();
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(sessionCookie).not.toMatch(/Secure/i);
  });

  it("stores only a hash of the token, and the link works once", async () => {
    await createPerson(server.database.db, { email: "once@gemeente.test" });
    const link = await requestSignInLink(server, "once@gemeente.test");
    const token = new URL(link).searchParams.get("token") ?? "";
    expect(token.length).toBeGreaterThanOrEqual(32);
    const rows = await server.database.db.select().from(AuthVerification);
    expect(rows.some((r) => r.identifier.includes(token) || r.value.includes(token))).toBe(false);

    const first = await fetch(link, { redirect: "manual" });
    expect(first.status).toBe(302);
    expect(new URL(first.headers.get("location") ?? "", server.url).pathname).toBe("/");
    const second = await fetch(link, { redirect: "manual" });
    const location = new URL(second.headers.get("location") ?? "", server.url);
    expect(location.pathname).toBe("/inloggen");
    expect(location.searchParams.get("error")).toBe("INVALID_TOKEN");
    expect(second.headers.getSetCookie().some((c) => /session_token=[^;]+/.test(c))).toBe(false);
  });

  it("refuses an expired link", async () => {
    await createPerson(server.database.db, { email: "late@gemeente.test" });
    const link = await requestSignInLink(server, "late@gemeente.test");
    // Ten minutes and one second later, as far as the stored link is concerned.
    await server.database.db
      .update(AuthVerification)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(sql`${AuthVerification.value} like '%late@gemeente.test%'`);
    const response = await fetch(link, { redirect: "manual" });
    expect(new URL(response.headers.get("location") ?? "", server.url).searchParams.get("error")).toBe(
      "INVALID_TOKEN",
    );
  });

  it("makes links valid for at most ten minutes", async () => {
    await createPerson(server.database.db, { email: "ttl@gemeente.test" });
    const before = Date.now();
    await requestSignInLink(server, "ttl@gemeente.test");
    const [row] = await server.database.db
      .select()
      .from(AuthVerification)
      .where(sql`${AuthVerification.value} like '%ttl@gemeente.test%'`);
    expect(row?.expiresAt.getTime()).toBeLessThanOrEqual(before + 10 * 60 * 1000 + 5000);
    expect(row?.expiresAt.getTime()).toBeGreaterThan(before + 9 * 60 * 1000);
  });

  it("sends nothing to an unknown address and answers the same (no open sign-up, no enumeration)", async () => {
    const before = server.mailSink?.messages().length;
    const response = await fetch(`${server.url}/api/auth/sign-in/magic-link`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: "nobody@gemeente.test", callbackURL: "/" }),
    });
    expect(response.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.mailSink?.messages().length).toBe(before);
    const people = await server.database.db
      .select()
      .from(Person)
      .where(eq(Person.email, "nobody@gemeente.test"));
    expect(people).toEqual([]);
  });

  it("ends a session 30 days after sign-in, however active (absolute timeout)", async () => {
    await createPerson(server.database.db, { email: "old@gemeente.test" });
    const cookie = await signInCookie(server, "old@gemeente.test");
    expect((await me(server, cookie))?.email).toBe("old@gemeente.test");
    const person = await server.database.db.query.Person.findFirst({
      where: eq(Person.email, "old@gemeente.test"),
    });
    await server.database.db
      .update(AuthSession)
      .set({ createdAt: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000) })
      .where(eq(AuthSession.userId, person?.id ?? ""));
    expect(await me(server, cookie)).toBeNull();
    expect(
      await server.database.db
        .select()
        .from(AuthSession)
        .where(eq(AuthSession.userId, person?.id ?? "")),
    ).toEqual([]);
  });

  it("moves the idle expiry forward when the session is used, and renews the cookie with it", async () => {
    await createPerson(server.database.db, { email: "active@gemeente.test" });
    const cookie = await signInCookie(server, "active@gemeente.test");
    const person = await server.database.db.query.Person.findFirst({
      where: eq(Person.email, "active@gemeente.test"),
    });
    const day = 24 * 60 * 60 * 1000;
    // As if signed in two days ago and not used since.
    await server.database.db
      .update(AuthSession)
      .set({ expiresAt: new Date(Date.now() + 5 * day), updatedAt: new Date(Date.now() - 2 * day) })
      .where(eq(AuthSession.userId, person?.id ?? ""));
    const response = await fetch(`${server.url}/api/trpc/account.me`, { headers: { cookie } });
    expect(response.headers.getSetCookie().some((c) => c.includes("session_token="))).toBe(true);
    const [session] = await server.database.db
      .select()
      .from(AuthSession)
      .where(eq(AuthSession.userId, person?.id ?? ""));
    expect(session?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * day);
  });

  it("exposes only the better-auth endpoints Reeks uses", async () => {
    const cookie = await signInCookie(server, "anne@gemeente.test");
    const response = await fetch(`${server.url}/api/auth/update-user`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: server.url },
      body: JSON.stringify({ name: "<script>x</script>" }),
    });
    expect(response.status).toBe(404);
    const signOut = await fetch(`${server.url}/api/auth/sign-out`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: server.url },
      body: "{}",
    });
    expect(signOut.status).toBe(200);
    expect(await me(server, cookie)).toBeNull();
  });

  it("lists a person's sessions and signs out everywhere", async () => {
    await createPerson(server.database.db, { email: "twee@gemeente.test" });
    const laptop = await signInCookie(server, "twee@gemeente.test");
    const phone = await signInCookie(server, "twee@gemeente.test");
    const response = await fetch(`${server.url}/api/trpc/account.sessions`, { headers: { cookie: laptop } });
    const sessions = ((await response.json()) as { result: { data: { current: boolean }[] } }).result.data;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const everywhere = await fetch(`${server.url}/api/trpc/account.signOutEverywhere`, {
      method: "POST",
      headers: { cookie: phone, origin: server.url, "content-type": "application/json" },
    });
    expect(everywhere.status).toBe(200);
    expect(await me(server, laptop)).toBeNull();
    expect(await me(server, phone)).toBeNull();
  });

  it("limits sign-in requests per address with a translated 429", async () => {
    await createPerson(server.database.db, { email: "busy@gemeente.test" });
    const ask = (locale: string) =>
      fetch(`${server.url}/api/auth/sign-in/magic-link`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.url, "x-reeks-locale": locale },
        body: JSON.stringify({ email: "busy@gemeente.test", callbackURL: "/" }),
      });
    for (let i = 0; i < 5; i++) expect((await ask("nl")).status).toBe(200);
    const refused = await ask("nl");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { message: string }).message).toMatch(/Te veel pogingen/);
    const english = await ask("en");
    expect(((await english.json()) as { message: string }).message).toMatch(/Too many attempts/);
  });

  it("refuses a cross-site request for a link", async () => {
    const response = await fetch(`${server.url}/api/auth/sign-in/magic-link`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      },
      body: JSON.stringify({ email: "anne@gemeente.test", callbackURL: "/" }),
    });
    expect(response.status).toBe(403);
  });
});
