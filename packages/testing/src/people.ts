import { randomUUID } from "node:crypto";
import { type Database, eq, Participant, Person, Series } from "@reeks/db";
import type { Locale, ParticipantRole, RegistrationStatus } from "@reeks/models";

/**
 * Fixtures for people and participants, written straight to the database (no mail, no review).
 *
 *   const anne = await createPerson(server.database.db, { email: "anne@gemeente.test" });
 *   await addParticipant(server.database.db, { seriesSlug: DEMO_SERIES_SLUG, personId: anne.id, role: "moderator" });
 *
 * Then sign her in through the real magic-link flow with `signInBrowser` or `signInCookie` (sign-in.ts).
 */
export async function createPerson(
  db: Database,
  input: { email: string; name?: string; locale?: Locale; emailVerified?: boolean },
): Promise<typeof Person.$inferSelect> {
  const email = input.email.trim().toLowerCase();
  const [person] = await db
    .insert(Person)
    .values({
      id: randomUUID(),
      email,
      name: input.name ?? email.split("@")[0] ?? email,
      locale: input.locale ?? "nl",
      emailVerified: input.emailVerified ?? true,
    })
    .returning();
  if (!person) throw new Error("createPerson: no row returned");
  return person;
}

/** Puts a person in a series; approved member unless said otherwise. Give `seriesId` or `seriesSlug`. */
export async function addParticipant(
  db: Database,
  input: {
    personId: string;
    seriesId?: string;
    seriesSlug?: string;
    role?: ParticipantRole;
    status?: RegistrationStatus;
    organisation?: string;
    jobTitle?: string;
  },
): Promise<typeof Participant.$inferSelect> {
  let seriesId = input.seriesId;
  if (!seriesId && input.seriesSlug) {
    const series = await db.query.Series.findFirst({ where: eq(Series.slug, input.seriesSlug) });
    seriesId = series?.id;
  }
  if (!seriesId) throw new Error("addParticipant: give an existing seriesId or seriesSlug");
  const [participant] = await db
    .insert(Participant)
    .values({
      seriesId,
      personId: input.personId,
      role: input.role ?? "member",
      status: input.status ?? "approved",
      organisation: input.organisation ?? "Gemeente Testdorp",
      jobTitle: input.jobTitle ?? "Gemeentesecretaris",
      consentedAt: new Date(),
    })
    .returning();
  if (!participant) throw new Error("addParticipant: no row returned");
  return participant;
}

/** A person with a role in a series in one call: the usual start of a test. */
export async function createParticipant(
  db: Database,
  input: {
    email: string;
    name?: string;
    locale?: Locale;
    seriesId?: string;
    seriesSlug?: string;
    role?: ParticipantRole;
    status?: RegistrationStatus;
  },
): Promise<{ person: typeof Person.$inferSelect; participant: typeof Participant.$inferSelect }> {
  const person = await createPerson(db, input);
  const participant = await addParticipant(db, { ...input, personId: person.id });
  return { person, participant };
}
