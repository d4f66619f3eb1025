import { randomUUID } from "node:crypto";
import type { Locale, ParticipantRole, RegistrationStatus } from "@reeks/models";
import { asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { Participant, Person, Series, Session } from "../schema";

/**
 * The one set of fixtures for people and participants, written straight to the database (no mail, no
 * review). Every layer builds on these: `@reeks/api/testing` (callers, worlds), `@reeks/server/testing`
 * (sign-in), the e2e tests and the benchmarks.
 *
 *   const anne = await createParticipant(db, { email: "anne@gemeente.test", seriesSlug: DEMO_SERIES_SLUG });
 *   callerFor(handle, anne);                  // @reeks/api/testing
 *   await signInCookie(server, anne.email);   // @reeks/server/testing, the real magic-link flow
 */

export type PersonRow = typeof Person.$inferSelect;
export type ParticipantRow = typeof Participant.$inferSelect;

export interface PersonInput {
  /** Lower-cased and trimmed, as sign-up does; `<id>@example.test` when left out. */
  email?: string;
  /** The email's local part when left out. */
  name?: string;
  locale?: Locale;
  emailVerified?: boolean;
}

export async function createPerson(db: Database, input: PersonInput = {}): Promise<PersonRow> {
  const id = randomUUID();
  const email = (input.email ?? `${id}@example.test`).trim().toLowerCase();
  const [person] = await db
    .insert(Person)
    .values({
      id,
      email,
      name: input.name ?? email.split("@")[0] ?? email,
      locale: input.locale ?? "nl",
      emailVerified: input.emailVerified ?? true,
    })
    .returning();
  if (!person) throw new Error("createPerson: no row returned");
  return person;
}

export interface ParticipantInput {
  /** Give `seriesId` or `seriesSlug`. */
  seriesId?: string;
  seriesSlug?: string;
  role?: ParticipantRole;
  status?: RegistrationStatus;
  organisation?: string;
  jobTitle?: string;
}

/** Puts a person in a series; approved member unless said otherwise. */
export async function addParticipant(
  db: Database,
  input: ParticipantInput & { personId: string },
): Promise<ParticipantRow> {
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

/** A participant as tests use them: the two rows, and the ids callers and sign-in need at hand. */
export interface TestParticipant {
  person: PersonRow;
  participant: ParticipantRow;
  personId: string;
  participantId: string;
  email: string;
  name: string;
  role: ParticipantRole;
}

/** A person with a role in a series in one call: the usual start of a test. */
export async function createParticipant(
  db: Database,
  input: PersonInput & ParticipantInput,
): Promise<TestParticipant> {
  const person = await createPerson(db, input);
  const participant = await addParticipant(db, { ...input, personId: person.id });
  return {
    person,
    participant,
    personId: person.id,
    participantId: participant.id,
    email: person.email,
    name: person.name,
    role: participant.role,
  };
}

/** The (already seeded) demo series and its first session. */
export async function firstDemoSession(db: Database) {
  const [series] = await db.select().from(Series).orderBy(asc(Series.createdAt)).limit(1);
  if (!series) throw new Error("no series");
  const [session] = await db
    .select()
    .from(Session)
    .where(eq(Session.seriesId, series.id))
    .orderBy(asc(Session.position))
    .limit(1);
  if (!session) throw new Error("no session");
  return { series, session };
}
