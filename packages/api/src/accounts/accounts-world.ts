import { randomUUID } from "node:crypto";
import { accountServices, createAuth } from "@reeks/auth";
import {
  type DatabaseHandle,
  DEMO_SERIES_SLUG,
  eq,
  Participant,
  Person,
  Series,
  seedDemoSeries,
} from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { createMailer, type Mailer, type SmtpSink, startSmtpSink } from "@reeks/mail";
import type { RegistrationInput } from "@reeks/models";
import { afterAll, beforeAll } from "vitest";
import type { AccountServices } from "../context";

export const PUBLIC_URL = "http://reeks.test";

/**
 * The demo series with its organiser Olga, a mail sink and the account services, for the tests of one
 * `describe` block. Read the fields of `w` inside tests, not at registration time.
 */
export function useAccountsWorld() {
  const w = {} as {
    handle: DatabaseHandle;
    sink: SmtpSink;
    mailer: Mailer;
    accounts: AccountServices;
    seriesId: string;
    organiserId: string;
  };

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
  const ctx = (locale: "nl" | "en" = "nl") => ({ locale, clientAddress: "10.0.0.1", accounts: w.accounts });

  async function participantOf(email: string) {
    const [row] = await w.handle.db
      .select({ participant: Participant, person: Person })
      .from(Participant)
      .innerJoin(Person, eq(Person.id, Participant.personId))
      .where(eq(Person.email, email));
    if (!row) throw new Error(`no participant for ${email}`);
    return row;
  }
  async function confirm(email: string) {
    await w.handle.db.update(Person).set({ emailVerified: true }).where(eq(Person.email, email));
  }

  beforeAll(async () => {
    w.handle = await createTestDatabase();
    await seedDemoSeries(w.handle.db);
    w.sink = await startSmtpSink();
    w.mailer = createMailer({ smtpUrl: w.sink.url, from: "Reeks <noreply@reeks.test>" });
    const auth = createAuth({
      db: w.handle.db,
      mailer: w.mailer,
      publicUrl: PUBLIC_URL,
      secret: "s".repeat(32),
    });
    w.accounts = accountServices(auth, { mailer: w.mailer, publicUrl: PUBLIC_URL });
    const series = await w.handle.db.query.Series.findFirst({ where: eq(Series.slug, DEMO_SERIES_SLUG) });
    w.seriesId = series?.id ?? "";
    w.organiserId = randomUUID();
    await w.handle.db
      .insert(Person)
      .values({ id: w.organiserId, name: "Olga", email: "olga@vgs.test", emailVerified: true });
    await w.handle.db.insert(Participant).values({
      seriesId: w.seriesId,
      personId: w.organiserId,
      organisation: "VGS",
      role: "organiser",
      status: "approved",
    });
  });
  afterAll(async () => {
    w.mailer?.close();
    await w.sink?.stop();
    await w.handle?.close();
  });
  return { w, form, ctx, participantOf, confirm };
}
