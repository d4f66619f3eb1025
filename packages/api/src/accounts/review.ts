import { randomUUID } from "node:crypto";
import { and, asc, type Database, eq, ilike, or, Participant, Person, Series, sql } from "@reeks/db";
import type { OutgoingMail } from "@reeks/mail";
import {
  type InvitationInput,
  invitationInputSchema,
  type Locale,
  localeSchema,
  type ParticipantRole,
  pickLocale,
  type RegistrationFilter,
  type ReviewDecision,
} from "@reeks/models";
import type { Actor } from "../access";
import { recordAudit } from "../audit";
import type { AccountServices } from "../context";
import { localizedError } from "./errors";
import { decisionMail, invitationMail } from "./mails";

export interface OrganiserContext {
  locale: Locale;
  accounts: AccountServices | null;
}

/**
 * Sends a mail after the change it reports has been committed. A mail server hiccup must not undo or
 * hide the organiser's decision, so a failure is logged and reported back as `mailed: false`.
 */
async function sendAfterCommit(accounts: AccountServices, mail: OutgoingMail): Promise<boolean> {
  try {
    await accounts.mailer.send(mail);
    return true;
  } catch (error) {
    console.error(`mail to participant failed: ${String(error)}`);
    return false;
  }
}

const DECISION_STATUS = { approve: "approved", waitlist: "waitlisted", decline: "declined" } as const;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Registrations of a series for the organiser's review list, oldest first, with the filters applied. */
export async function listRegistrations(db: Database, seriesId: string, filter: RegistrationFilter) {
  const conditions = [eq(Participant.seriesId, seriesId)];
  if (filter.status) conditions.push(eq(Participant.status, filter.status));
  if (filter.role) conditions.push(eq(Participant.role, filter.role));
  if (filter.confirmed !== undefined) conditions.push(eq(Person.emailVerified, filter.confirmed));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    const match = or(
      ilike(Person.name, pattern),
      ilike(Person.email, pattern),
      ilike(Participant.organisation, pattern),
    );
    if (match) conditions.push(match);
  }
  const rows = await db
    .select({
      id: Participant.id,
      name: Person.name,
      email: Person.email,
      confirmed: Person.emailVerified,
      organisation: Participant.organisation,
      jobTitle: Participant.jobTitle,
      motivation: Participant.motivation,
      commitsToAllSessions: Participant.commitsToAllSessions,
      role: Participant.role,
      status: Participant.status,
      source: Participant.source,
      registeredAt: Participant.createdAt,
      decidedAt: Participant.decidedAt,
    })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(and(...conditions))
    .orderBy(asc(Participant.createdAt));
  const series = await db.query.Series.findFirst({ where: eq(Series.id, seriesId) });
  return {
    registrations: rows.map((r) => ({
      ...r,
      registeredAt: r.registeredAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
    approvedCount: await countApproved(db, seriesId),
    capacity: series?.capacity ?? null,
    retentionMonths: series?.retentionMonths ?? null,
  };
}

async function countApproved(db: Pick<Database, "select">, seriesId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(Participant)
    .where(and(eq(Participant.seriesId, seriesId), eq(Participant.status, "approved")));
  return row?.n ?? 0;
}

/** The participant, if it belongs to this series; anything else is NOT_FOUND (ids do not leak across series). */
async function participantInSeries(db: Database, seriesId: string, participantId: string, locale: Locale) {
  const row = await db
    .select({ participant: Participant, person: Person })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(and(eq(Participant.id, participantId), eq(Participant.seriesId, seriesId)))
    .then((r) => r[0]);
  if (!row) throw localizedError("NOT_FOUND", "notFound", locale);
  return row;
}

async function seriesUrlAndTitle(db: Database, seriesId: string, locale: Locale, publicUrl: string) {
  const series = await db.query.Series.findFirst({ where: eq(Series.id, seriesId) });
  if (!series) throw new Error("series vanished");
  return { title: pickLocale(series.title, locale), url: `${publicUrl}/reeksen/${series.slug}` };
}

/**
 * Approve, waitlist or decline a registration, mail the person in their own language, and audit it.
 * Approving respects the series' capacity (counted inside the transaction).
 */
export async function decideRegistration(
  db: Database,
  input: { seriesId: string; participantId: string; decision: ReviewDecision },
  actor: Actor,
  ctx: OrganiserContext,
) {
  const { participant, person } = await participantInSeries(
    db,
    input.seriesId,
    input.participantId,
    ctx.locale,
  );
  if (person.id === actor.personId) throw localizedError("BAD_REQUEST", "notYourself", ctx.locale);
  if (input.decision === "approve" && !person.emailVerified && participant.source === "registration") {
    throw localizedError("BAD_REQUEST", "notConfirmed", ctx.locale);
  }
  const status = DECISION_STATUS[input.decision];
  await db.transaction(async (tx) => {
    if (status === "approved" && participant.status !== "approved") {
      // Lock the series row so two organisers approving at once cannot both take the last place.
      const [series] = await tx.select().from(Series).where(eq(Series.id, input.seriesId)).for("update");
      if (series?.capacity != null && (await countApproved(tx, input.seriesId)) >= series.capacity) {
        throw localizedError("CONFLICT", "seriesFull", ctx.locale, { capacity: series.capacity });
      }
    }
    await tx
      .update(Participant)
      .set({ status, decidedAt: new Date(), updatedAt: new Date() })
      .where(eq(Participant.id, participant.id));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: input.seriesId,
      action: `registration.${input.decision}`,
      target: `participant:${participant.id}`,
      details: { from: participant.status, to: status },
    });
  });
  let mailed = false;
  if (ctx.accounts && participant.status !== status) {
    const locale = localeSchema.catch("nl").parse(person.locale);
    const series = await seriesUrlAndTitle(db, input.seriesId, locale, ctx.accounts.publicUrl);
    mailed = await sendAfterCommit(
      ctx.accounts,
      decisionMail({
        to: person.email,
        name: person.name,
        locale,
        decision: input.decision,
        seriesTitle: series.title,
        seriesUrl: series.url,
      }),
    );
  }
  return { status, mailed };
}

/** Sets a participant's role in the series (organiser, moderator, speaker, member). */
export async function setParticipantRole(
  db: Database,
  input: { seriesId: string; participantId: string; role: ParticipantRole },
  actor: Actor,
  ctx: OrganiserContext,
) {
  const { participant, person } = await participantInSeries(
    db,
    input.seriesId,
    input.participantId,
    ctx.locale,
  );
  if (person.id === actor.personId) throw localizedError("BAD_REQUEST", "notYourself", ctx.locale);
  await db.transaction(async (tx) => {
    await tx
      .update(Participant)
      .set({ role: input.role, updatedAt: new Date() })
      .where(eq(Participant.id, participant.id));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: input.seriesId,
      action: "participant.set_role",
      target: `participant:${participant.id}`,
      details: { from: participant.role, to: input.role },
    });
  });
  return { role: input.role };
}

/**
 * Invites a person straight into the series with a role (no registration, no review): e.g. VNG or BZK
 * guests as speakers. An existing participant gets the role and is approved.
 */
export async function invitePerson(
  db: Database,
  input: { seriesId: string } & InvitationInput,
  actor: Actor,
  ctx: OrganiserContext,
) {
  const invitation = invitationInputSchema.parse(input);
  if (!ctx.accounts) throw localizedError("INTERNAL_SERVER_ERROR", "mailUnavailable", ctx.locale);
  const organiser = await db.query.Person.findFirst({ where: eq(Person.id, actor.personId) });
  const { participantId, person } = await db.transaction(async (tx) => {
    let person = await tx.query.Person.findFirst({ where: eq(Person.email, invitation.email) });
    if (!person) {
      [person] = await tx
        .insert(Person)
        .values({
          id: randomUUID(),
          email: invitation.email,
          name: invitation.name,
          locale: invitation.locale,
          emailVerified: false,
        })
        .returning();
    }
    if (!person) throw new Error("person missing after insert");
    if (person.id === actor.personId) throw localizedError("BAD_REQUEST", "notYourself", ctx.locale);
    const [participant] = await tx
      .insert(Participant)
      .values({
        seriesId: input.seriesId,
        personId: person.id,
        organisation: invitation.organisation,
        jobTitle: invitation.jobTitle,
        role: invitation.role,
        status: "approved",
        source: "invitation",
        decidedAt: new Date(),
      })
      .onConflictDoUpdate({
        target: [Participant.seriesId, Participant.personId],
        set: { role: invitation.role, status: "approved", decidedAt: new Date(), updatedAt: new Date() },
      })
      .returning();
    if (!participant) throw new Error("participant missing after upsert");
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: input.seriesId,
      action: "participant.invite",
      target: `participant:${participant.id}`,
      details: { role: invitation.role },
    });
    return { participantId: participant.id, person };
  });
  const locale = localeSchema.catch("nl").parse(person.locale);
  const series = await seriesUrlAndTitle(db, input.seriesId, locale, ctx.accounts.publicUrl);
  const mailed = await sendAfterCommit(
    ctx.accounts,
    invitationMail({
      to: person.email,
      name: person.name,
      locale,
      role: invitation.role,
      seriesTitle: series.title,
      organiserName: organiser?.name ?? "",
      seriesUrl: series.url,
    }),
  );
  return { participantId, mailed };
}

/** Capacity (null: no cap) and retention period of a series. */
export async function updateSeriesSettings(
  db: Database,
  input: { seriesId: string; capacity: number | null; retentionMonths: number },
  actor: Actor,
) {
  await db.transaction(async (tx) => {
    const before = await tx.query.Series.findFirst({ where: eq(Series.id, input.seriesId) });
    await tx
      .update(Series)
      .set({ capacity: input.capacity, retentionMonths: input.retentionMonths })
      .where(eq(Series.id, input.seriesId));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: input.seriesId,
      action: "series.settings",
      target: `series:${input.seriesId}`,
      details: {
        capacity: { from: before?.capacity ?? null, to: input.capacity },
        retentionMonths: { from: before?.retentionMonths ?? null, to: input.retentionMonths },
      },
    });
  });
  return { capacity: input.capacity, retentionMonths: input.retentionMonths };
}

/** Approved participants as members see them: names, organisations and roles, no addresses. */
export async function listMembers(db: Database, seriesId: string) {
  return db
    .select({
      id: Participant.id,
      name: Person.name,
      organisation: Participant.organisation,
      role: Participant.role,
    })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(and(eq(Participant.seriesId, seriesId), eq(Participant.status, "approved")))
    .orderBy(asc(Person.name));
}

/**
 * Makes a person an approved organiser of a series from the command line: how the first organiser of a
 * fresh installation comes to exist. They sign in with a magic link like anyone else.
 */
export async function bootstrapOrganiser(
  db: Database,
  input: { seriesSlug: string; email: string; name: string; organisation: string; locale: Locale },
) {
  return db.transaction(async (tx) => {
    const series = await tx.query.Series.findFirst({ where: eq(Series.slug, input.seriesSlug) });
    if (!series) throw new Error(`no series with slug ${input.seriesSlug}`);
    const email = input.email.trim().toLowerCase();
    let person = await tx.query.Person.findFirst({ where: eq(Person.email, email) });
    if (!person) {
      [person] = await tx
        .insert(Person)
        .values({ id: randomUUID(), email, name: input.name, locale: input.locale, emailVerified: false })
        .returning();
    }
    if (!person) throw new Error("person missing after insert");
    const [participant] = await tx
      .insert(Participant)
      .values({
        seriesId: series.id,
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
      .returning();
    await recordAudit(tx, {
      actorId: null,
      seriesId: series.id,
      action: "participant.bootstrap_organiser",
      target: `participant:${participant?.id}`,
    });
    return { personId: person.id, seriesId: series.id };
  });
}
