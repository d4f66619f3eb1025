import { randomUUID } from "node:crypto";
import { type DatabaseHandle, Person } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { createMailer, type Mailer, type SmtpSink, startSmtpSink } from "@reeks/mail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "./auth";

describe("better-auth behind https", () => {
  let handle: DatabaseHandle;
  let sink: SmtpSink;
  let mailer: Mailer;
  beforeAll(async () => {
    handle = await createTestDatabase();
    sink = await startSmtpSink();
    mailer = createMailer({ smtpUrl: sink.url, from: "Reeks <noreply@reeks.test>" });
  });
  afterAll(async () => {
    mailer?.close();
    await sink?.stop();
    await handle?.close();
  });

  it("marks the session cookie Secure (with the __Secure- prefix) when the public URL is https", async () => {
    const auth = createAuth({
      db: handle.db,
      mailer,
      publicUrl: "https://reeks.example.nl",
      secret: "x".repeat(32),
    });
    await handle.db
      .insert(Person)
      .values({ id: randomUUID(), name: "Hanna", email: "hanna@gemeente.test", emailVerified: true });
    await auth.api.signInMagicLink({
      body: { email: "hanna@gemeente.test", callbackURL: "/" },
      headers: new Headers(),
    });
    const mail = await sink.waitFor((m) => m.to.includes("hanna@gemeente.test"));
    const link = mail.text.match(/https:\/\/reeks\.example\.nl\/api\/auth\/magic-link\/verify\?\S+/)?.[0];
    expect(link).toBeDefined();
    const response = await auth.handler(new Request(link ?? ""));
    expect(response.status).toBe(302);
    const cookie = response.headers.getSetCookie().find((c) => c.includes("session_token="));
    expect(cookie).toMatch(/^__Secure-reeks\.session_token=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});
