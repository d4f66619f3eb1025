import { randomUUID } from "node:crypto";
import { and, type Database, eq, inArray, Participant, Person, Series } from "@reeks/db";
import { enqueueJobs, mailJob } from "@reeks/jobs";
import type { OutgoingMail } from "@reeks/mail";
import {
  type InvitationInput,
  invitationInputSchema,
  type Locale,
  localeSchema,
  type ParticipantRole,
  pickLocale,
  type ReviewDecision,
  seriesMailBrand,
} from "@reeks/models";
import type { Actor } from "../actor";
import { recordAudit, withAudit } from "../audit";
import { logoVersionOf } from "../authoring/logo";
import type { AccountServices } from "../context";
import { DomainError } from "../domain-error";
import { countApproved } from "./lists";
import { decisionMail, invitationMail } from "./mails";
import { fillFreedPlaces } from "./seats";

/** What the review services need besides their input: the database, and mail when it is configured. */
export interface ReviewDeps {
  db: Database;
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

/** The participant, if it belongs to this series; anything else is NOT_FOUND (ids do not leak across series). */
async function participantInSeries(db: Database, seriesId: string, participantId: string) {
  const row = await db
    .select({ participant: Participant, person: Person })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(and(eq(Participant.id, participantId), eq(Participant.seriesId, seriesId)))
    .then((r) => r[0]);
  if (!row) throw new DomainError("NOT_FOUND", "notFound");
  return row;
}

export async function seriesUrlAndTitle(db: Database, seriesId: string, locale: Locale, publicUrl: string) {
  const series = await db.query.Series.findFirst({ where: eq(Series.id, seriesId) });
  if (!series) throw new Error("series vanished");
  const full = series.capacity != null && (await countApproved(db, seriesId)) >= series.capacity;
  const hasLogo = (await logoVersionOf(db, seriesId)) !== null;
  return {
    title: pickLocale(series.title, locale),
    url: `${publicUrl}/reeksen/${series.slug}`,
    full,
    brand: seriesMailBrand(series, { hasLogo, publicUrl, locale }),
  };
}

/**
 * Approve, waitlist or decline a registration, mail the person in their own language, and audit it.
 * Approving respects the series' capacity (counted inside the transaction).
 */
export async function decideRegistration(
  { db, accounts }: ReviewDeps,
  input: { seriesId: string; participantId: string; decision: ReviewDecision },
  actor: Pick<Actor, "personId">,
) {
  const { participant, person } = await participantInSeries(db, input.seriesId, input.participantId);
  if (person.id === actor.personId) throw new DomainError("BAD_REQUEST", "notYourself");
  if (person.erasedAt) throw new DomainError("BAD_REQUEST", "accountErased");
  if (input.decision === "approve" && !person.emailVerified && participant.source === "registration") {
    throw new DomainError("BAD_REQUEST", "notConfirmed");
  }
  const status = DECISION_STATUS[input.decision];
  const audit = {
    actorId: actor.personId,
    seriesId: input.seriesId,
    action: `registration.${input.decision}`,
    target: `participant:${participant.id}`,
    details: { from: participant.status, to: status },
  };
  await withAudit(db, audit, async (tx) => {
    if (status === "approved" && participant.status !== "approved") {
      // Lock the series row so two organisers approving at once cannot both take the last place.
      const [series] = await tx.select().from(Series).where(eq(Series.id, input.seriesId)).for("update");
      if (series?.capacity != null && (await countApproved(tx, input.seriesId)) >= series.capacity) {
        throw new DomainError("CONFLICT", "seriesFull", { params: { capacity: series.capacity } });
      }
    }
    await tx
      .update(Participant)
      .set({ status, decidedAt: new Date(), updatedAt: new Date() })
      .where(eq(Participant.id, participant.id));
    if (participant.status === "approved" && status !== "approved") {
      // The person just moved off their place is not the one to move back onto it.
      await fillFreedPlaces(tx, input.seriesId, `decision:${participant.id}:${Date.now()}`, {
        except: [participant.id],
      });
    }
  });
  let mailed = false;
  if (accounts && participant.status !== status) {
    const locale = localeSchema.catch("nl").parse(person.locale);
    const series = await seriesUrlAndTitle(db, input.seriesId, locale, accounts.publicUrl);
    mailed = await sendAfterCommit(
      accounts,
      decisionMail({
        to: person.email,
        name: person.name,
        locale,
        decision: input.decision,
        seriesFull: series.full,
        seriesTitle: series.title,
        seriesUrl: series.url,
        brand: series.brand,
      }),
    );
  }
  return { status, mailed };
}

/** Sets a participant's role in the series (organiser, moderator, speaker, member). */
export async function setParticipantRole(
  { db }: ReviewDeps,
  input: { seriesId: string; participantId: string; role: ParticipantRole },
  actor: Pick<Actor, "personId">,
) {
  const { participant, person } = await participantInSeries(db, input.seriesId, input.participantId);
  if (person.id === actor.personId) throw new DomainError("BAD_REQUEST", "notYourself");
  if (person.erasedAt) throw new DomainError("BAD_REQUEST", "accountErased");
  const audit = {
    actorId: actor.personId,
    seriesId: input.seriesId,
    action: "participant.set_role",
    target: `participant:${participant.id}`,
    details: { from: participant.role, to: input.role },
  };
  await withAudit(db, audit, async (tx) => {
    await tx
      .update(Participant)
      .set({ role: input.role, updatedAt: new Date() })
      .where(eq(Participant.id, participant.id));
  });
  return { role: input.role };
}

/**
 * Invites a person straight into the series with a role (no registration, no review): e.g. VNG or BZK
 * guests as speakers. An existing participant gets the role and is approved.
 */
export async function invitePerson(
  { db, accounts }: ReviewDeps,
  input: { seriesId: string } & InvitationInput,
  actor: Pick<Actor, "personId">,
) {
  const invitation = invitationInputSchema.parse(input);
  if (!accounts) throw new DomainError("INTERNAL_SERVER_ERROR", "mailUnavailable");
  const organiser = await db.query.Person.findFirst({ where: eq(Person.id, actor.personId) });
  const invited = ({ participantId }: { participantId: string }) => ({
    actorId: actor.personId,
    seriesId: input.seriesId,
    action: "participant.invite",
    target: `participant:${participantId}`,
    details: { role: invitation.role },
  });
  const { participantId, person } = await withAudit(db, invited, async (tx) => {
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
    if (person.id === actor.personId) throw new DomainError("BAD_REQUEST", "notYourself");
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
    return { participantId: participant.id, person };
  });
  const locale = localeSchema.catch("nl").parse(person.locale);
  const series = await seriesUrlAndTitle(db, input.seriesId, locale, accounts.publicUrl);
  const mailed = await sendAfterCommit(
    accounts,
    invitationMail({
      to: person.email,
      name: person.name,
      locale,
      role: invitation.role,
      seriesTitle: series.title,
      organiserName: organiser?.name ?? "",
      seriesUrl: series.url,
      brand: series.brand,
    }),
  );
  return { participantId, mailed };
}

/** Capacity (null: no cap) and retention period of a series. */
export async function updateSeriesSettings(
  db: Database,
  input: { seriesId: string; capacity: number | null; retentionMonths: number },
  actor: Pick<Actor, "personId">,
) {
  const changed = (before: { capacity: number | null; retentionMonths: number } | undefined) => ({
    actorId: actor.personId,
    seriesId: input.seriesId,
    action: "series.settings",
    target: `series:${input.seriesId}`,
    details: {
      capacity: { from: before?.capacity ?? null, to: input.capacity },
      retentionMonths: { from: before?.retentionMonths ?? null, to: input.retentionMonths },
    },
  });
  await withAudit(db, changed, async (tx) => {
    const before = await tx.query.Series.findFirst({ where: eq(Series.id, input.seriesId) });
    await tx
      .update(Series)
      .set({ capacity: input.capacity, retentionMonths: input.retentionMonths })
      .where(eq(Series.id, input.seriesId));
    if (before && before.capacity !== input.capacity) {
      await fillFreedPlaces(tx, input.seriesId, `capacity:${Date.now()}`, { notify: false });
    }
    return before;
  });
  return { capacity: input.capacity, retentionMonths: input.retentionMonths };
}

/**
 * Approves several registrations in one transaction: all or none. Each person gets their own audit
 * entry (sharing a batch id, so the log can say "Piet approved 3 registrations") and their own
 * decision mail, queued durably in the same transaction so a crash cannot approve without mailing.
 * The organiser's own registration, erased accounts and unconfirmed registrations are refused with
 * the same messages as a single decision; people already approved are left as they are.
 */
export async function approveRegistrations(
  { db, accounts }: ReviewDeps,
  input: { seriesId: string; participantIds: string[] },
  actor: Pick<Actor, "personId">,
) {
  const ids = [...new Set(input.participantIds)];
  const batch = randomUUID();
  return db.transaction(async (tx) => {
    // Lock the series row first so two organisers approving at once cannot both take the last place.
    const [series] = await tx.select().from(Series).where(eq(Series.id, input.seriesId)).for("update");
    if (!series) throw new DomainError("NOT_FOUND", "notFound");
    const rows = await tx
      .select({ participant: Participant, person: Person })
      .from(Participant)
      .innerJoin(Person, eq(Person.id, Participant.personId))
      .where(and(eq(Participant.seriesId, input.seriesId), inArray(Participant.id, ids)));
    if (rows.length !== ids.length) throw new DomainError("NOT_FOUND", "notFound");
    for (const { participant, person } of rows) {
      if (person.id === actor.personId) throw new DomainError("BAD_REQUEST", "notYourself");
      if (person.erasedAt) throw new DomainError("BAD_REQUEST", "accountErased");
      if (!person.emailVerified && participant.source === "registration") {
        throw new DomainError("BAD_REQUEST", "notConfirmedNamed", { params: { name: person.name } });
      }
    }
    const toApprove = rows.filter((r) => r.participant.status !== "approved");
    if (
      series.capacity != null &&
      (await countApproved(tx, input.seriesId)) + toApprove.length > series.capacity
    ) {
      throw new DomainError("CONFLICT", "seriesFull", { params: { capacity: series.capacity } });
    }
    const now = new Date();
    const mails = [];
    const hasLogo = accounts ? (await logoVersionOf(tx, input.seriesId)) !== null : false;
    for (const { participant, person } of toApprove) {
      await tx
        .update(Participant)
        .set({ status: "approved", decidedAt: now, updatedAt: now })
        .where(eq(Participant.id, participant.id));
      await recordAudit(tx, {
        actorId: actor.personId,
        seriesId: input.seriesId,
        action: "registration.approve",
        target: `participant:${participant.id}`,
        details: { from: participant.status, to: "approved", batch, batchSize: toApprove.length },
      });
      if (accounts) {
        const locale = localeSchema.catch("nl").parse(person.locale);
        const mail = decisionMail({
          to: person.email,
          name: person.name,
          locale,
          decision: "approve",
          seriesFull: false,
          seriesTitle: pickLocale(series.title, locale),
          seriesUrl: `${accounts.publicUrl}/reeksen/${series.slug}`,
          brand: seriesMailBrand(series, { hasLogo, publicUrl: accounts.publicUrl, locale }),
        });
        mails.push(mailJob(`mail:decision:approve:${batch}:${participant.id}`, mail));
      }
    }
    await enqueueJobs(tx, mails);
    return {
      approved: toApprove.length,
      alreadyApproved: rows.length - toApprove.length,
      mailed: mails.length,
    };
  });
}
