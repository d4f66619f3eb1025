import { randomUUID } from "node:crypto";
import { Administrator, and, asc, type Database, eq, ne, Participant, Person, Series, sql } from "@reeks/db";
import {
  type CreateSeriesInput,
  createSeriesInputSchema,
  DEFAULT_REGISTRATION_SETTINGS,
  type Locale,
} from "@reeks/models";
import { withAudit } from "../audit";
import { DomainError, fieldError } from "../domain-error";
import { isUniqueViolation } from "./editor";

/** Makes a person a workspace administrator (CLI in dev; the setup link in production). Idempotent. */
export async function makeAdministrator(
  db: Database,
  input: { email: string; name: string; locale: Locale },
): Promise<{ personId: string }> {
  const email = input.email.trim().toLowerCase();
  return withAudit(
    db,
    (made: { personId: string }) => ({
      actorId: null,
      seriesId: null,
      action: "administrator.add",
      target: `person:${made.personId}`,
    }),
    async (tx) => {
      await tx
        .insert(Person)
        .values({ id: randomUUID(), email, name: input.name, locale: input.locale, emailVerified: false })
        .onConflictDoNothing({ target: Person.email });
      const person = await tx.query.Person.findFirst({ where: eq(Person.email, email) });
      if (!person) throw new Error("person missing after insert");
      await tx.insert(Administrator).values({ personId: person.id }).onConflictDoNothing();
      return { personId: person.id };
    },
  );
}

/** Whether a slug is free, for the form that checks it as you type. */
export async function slugAvailable(
  db: Database,
  slug: string,
  ownSeriesId?: string,
): Promise<{ available: boolean }> {
  const [row] = await db.select({ id: Series.id }).from(Series).where(eq(Series.slug, slug));
  return { available: row === undefined || row.id === ownSeriesId };
}

/**
 * A new series, as a draft. The slug is unique in the database: of two administrators racing for
 * one, the second gets a translated CONFLICT on the slug field, never a 500.
 */
export async function createSeries(db: Database, raw: CreateSeriesInput, administratorId: string) {
  const input = createSeriesInputSchema.parse(raw);
  try {
    return await withAudit(
      db,
      (made: { id: string }) => ({
        actorId: administratorId,
        seriesId: made.id,
        action: "series.create",
        target: `series:${made.id}`,
        details: { version: 0, before: null, after: input },
      }),
      async (tx) => {
        const [series] = await tx
          .insert(Series)
          .values({
            slug: input.slug,
            title: input.title,
            organiser: input.organiser,
            languages: input.languages,
            status: "draft",
            registration: DEFAULT_REGISTRATION_SETTINGS,
          })
          .returning({ id: Series.id, slug: Series.slug });
        if (!series) throw new Error("series missing after insert");
        return series;
      },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("CONFLICT", "slugTaken", { field: ["slug"] });
    }
    throw error;
  }
}

/** Every series with its organisers, drafts included: the administrator's overview. */
export async function listAllSeries(db: Database) {
  const series = await db
    .select({ id: Series.id, slug: Series.slug, title: Series.title, status: Series.status })
    .from(Series)
    .orderBy(asc(Series.createdAt));
  const organisers = await db
    .select({
      participantId: Participant.id,
      seriesId: Participant.seriesId,
      name: Person.name,
      email: Person.email,
    })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(and(eq(Participant.role, "organiser"), eq(Participant.status, "approved")))
    .orderBy(asc(Person.name));
  return series.map((s) => ({
    ...s,
    organisers: organisers
      .filter((o) => o.seriesId === s.id)
      .map(({ participantId, name, email }) => ({ participantId, name, email })),
  }));
}

/**
 * Appoints an organiser of a series: an approved participant with the organiser role, their account
 * made when they have none yet (they sign in by magic link).
 */
export async function appointOrganiser(
  db: Database,
  input: { seriesId: string; email: string; name: string; organisation: string; locale: Locale },
  administratorId: string,
) {
  const series = await db.query.Series.findFirst({ where: eq(Series.id, input.seriesId) });
  if (!series) throw new DomainError("NOT_FOUND", "seriesNotFound");
  const audit = (made: { participantId: string }) => ({
    actorId: administratorId,
    seriesId: input.seriesId,
    action: "series.appoint_organiser",
    target: `participant:${made.participantId}`,
    details: { email: input.email },
  });
  return withAudit(db, audit, async (tx) => {
    await tx
      .insert(Person)
      .values({
        id: randomUUID(),
        email: input.email,
        name: input.name,
        locale: input.locale,
        emailVerified: false,
      })
      .onConflictDoNothing({ target: Person.email });
    const person = await tx.query.Person.findFirst({ where: eq(Person.email, input.email) });
    if (!person) throw new Error("person missing after insert");
    const existing = await tx.query.Participant.findFirst({
      where: and(eq(Participant.seriesId, input.seriesId), eq(Participant.personId, person.id)),
    });
    if (existing?.role === "organiser" && existing.status === "approved") {
      throw fieldError(["email"], "alreadyOrganiser");
    }
    const [participant] = await tx
      .insert(Participant)
      .values({
        seriesId: input.seriesId,
        personId: person.id,
        organisation: input.organisation,
        role: "organiser",
        status: "approved",
        source: "invitation",
        decidedAt: new Date(),
      })
      .onConflictDoUpdate({
        target: [Participant.seriesId, Participant.personId],
        set: { role: "organiser", status: "approved", decidedAt: new Date(), updatedAt: new Date() },
      })
      .returning({ id: Participant.id });
    if (!participant) throw new Error("participant missing after insert");
    return { participantId: participant.id, personId: person.id };
  });
}

/** Takes the organiser role away (they stay a member); a series keeps at least one organiser. */
export async function removeOrganiser(
  db: Database,
  input: { seriesId: string; participantId: string },
  administratorId: string,
) {
  const audit = {
    actorId: administratorId,
    seriesId: input.seriesId,
    action: "series.remove_organiser",
    target: `participant:${input.participantId}`,
  };
  return withAudit(db, audit, async (tx) => {
    // Lock the series' organisers so two removals cannot leave it with none.
    const organisers = await tx
      .select({ id: Participant.id })
      .from(Participant)
      .where(
        and(
          eq(Participant.seriesId, input.seriesId),
          eq(Participant.role, "organiser"),
          eq(Participant.status, "approved"),
        ),
      )
      .for("update");
    if (!organisers.some((o) => o.id === input.participantId)) {
      throw new DomainError("NOT_FOUND", "participantNotFound");
    }
    if (organisers.length <= 1) throw new DomainError("PRECONDITION_FAILED", "lastOrganiser");
    await tx
      .update(Participant)
      .set({ role: "member", updatedAt: sql`now()` })
      .where(and(eq(Participant.id, input.participantId), ne(Participant.role, "member")));
    return { removed: true };
  });
}
