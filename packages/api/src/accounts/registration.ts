import { randomUUID } from "node:crypto";
import { and, type Database, eq, Participant, Person, Series } from "@reeks/db";
import {
  type CustomQuestion,
  DEFAULT_REGISTRATION_SETTINGS,
  type Locale,
  pickLocale,
  type RegistrationInput,
  type RegistrationSettings,
  registrationInputSchema,
} from "@reeks/models";
import { recordAudit } from "../audit";
import { logoVersionOf } from "../authoring/logo";
import type { AccountServices } from "../context";
import { DomainError, fieldError } from "../domain-error";
import { hitRateLimit, RATE_LIMITS } from "../rate-limit";
import { lockSeriesPlaces, seriesIsFull } from "./seats";

export interface RegistrationContext {
  locale: Locale;
  clientAddress: string | null;
  accounts: AccountServices | null;
}

/**
 * Registers interest in a series and mails a link that confirms the address (double opt-in). The same
 * address twice is one registration: an existing one is left as it is and only gets a fresh link. The
 * answer is the same whether or not the address was known, so the form reveals nobody's registration.
 * The series' settings place a new registration: approved at once (automatic approval), waiting for the
 * organisers (approval required), or on the waiting list when every place is taken; with no waiting
 * list a full series refuses. The place is held from registering on, so what the mail says is final;
 * a place whose address is never confirmed lapses after a week (retention.ts) and moves the list up.
 */
export async function registerInterest(
  db: Database,
  raw: RegistrationInput,
  ctx: RegistrationContext,
): Promise<{ status: "check-your-mail" }> {
  const input = registrationInputSchema.parse(raw);
  const limits = [hitRateLimit(db, `registration:email:${input.email}`, RATE_LIMITS.registrationPerEmail)];
  if (ctx.clientAddress) {
    limits.push(
      hitRateLimit(db, `registration:client:${ctx.clientAddress}`, RATE_LIMITS.registrationPerClient),
    );
  }
  const refused = (await Promise.all(limits)).find((r) => !r.allowed);
  if (refused) {
    throw new DomainError("TOO_MANY_REQUESTS", "rateLimited", {
      params: { minutes: Math.ceil(refused.retryAfterSeconds / 60) },
    });
  }
  const series = await db.query.Series.findFirst({ where: eq(Series.slug, input.seriesSlug) });
  if (!series || series.purgedAt || series.status === "draft") throw new DomainError("NOT_FOUND", "notFound");
  refuseUnlessOpen(series, ctx.locale);
  const answers = checkedAnswers(
    (series.registration ?? DEFAULT_REGISTRATION_SETTINGS).questions,
    input.answers,
  );
  if (!ctx.accounts) throw new DomainError("INTERNAL_SERVER_ERROR", "mailUnavailable");

  await db.transaction(async (tx) => {
    // The settings and the count are read under the series' lock: two registrations for the last
    // place are decided one after the other, and an organiser closing registration meanwhile wins.
    const locked = await lockSeriesPlaces(tx, series.id);
    if (!locked) throw new DomainError("NOT_FOUND", "notFound");
    refuseUnlessOpen(locked, ctx.locale);
    const settings = locked.registration ?? DEFAULT_REGISTRATION_SETTINGS;
    const full = await seriesIsFull(tx, locked);
    // Refused for everyone alike, known address or not, so the answer reveals nobody's registration.
    if (full && !settings.waitlist) throw new DomainError("CONFLICT", "registrationFull");
    const status = full ? "waitlisted" : settings.approval === "automatic" ? "approved" : "interested";
    let person = await tx.query.Person.findFirst({ where: eq(Person.email, input.email) });
    if (!person) {
      [person] = await tx
        .insert(Person)
        .values({
          id: randomUUID(),
          email: input.email,
          name: input.name,
          locale: ctx.locale,
          emailVerified: false,
        })
        .onConflictDoNothing()
        .returning();
      // A concurrent registration with the same address won the race: use its person.
      person ??= await tx.query.Person.findFirst({ where: eq(Person.email, input.email) });
    }
    if (!person) throw new Error("person missing after insert");
    const [participant] = await tx
      .insert(Participant)
      .values({
        seriesId: series.id,
        personId: person.id,
        organisation: input.organisation,
        jobTitle: input.jobTitle,
        motivation: input.motivation ?? null,
        commitsToAllSessions: settings.commitToAll || input.commitsToAllSessions,
        answers,
        consentedAt: new Date(),
        source: "registration",
        status,
        ...(status === "interested" ? {} : { decidedAt: new Date() }),
      })
      .onConflictDoNothing({ target: [Participant.seriesId, Participant.personId] })
      .returning({ id: Participant.id });
    // Decided by the series' settings, not by a person: audited with no actor.
    if (participant && status !== "interested") {
      await recordAudit(tx, {
        actorId: null,
        seriesId: series.id,
        action: status === "approved" ? "registration.auto_approve" : "registration.auto_waitlist",
        target: `participant:${participant.id}`,
        details: { to: status },
      });
    }
  });
  await ctx.accounts.sendSignInLink(input.email, `/reeksen/${series.slug}`, {
    kind: "registration",
    seriesSlug: series.slug,
  });
  return { status: "check-your-mail" };
}

/** Closed, or past its closing date: refused with a message that says which, the date in the reader's language. */
function refuseUnlessOpen(
  series: { status: string; timeZone: string; registration: RegistrationSettings | null },
  locale: Locale,
  now = new Date(),
): void {
  const settings = series.registration ?? DEFAULT_REGISTRATION_SETTINGS;
  if (registrationOpen(series.status, settings, now)) return;
  if (settings.open && settings.closesAt && (series.status === "published" || series.status === "running")) {
    const date = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: series.timeZone,
    }).format(new Date(settings.closesAt));
    throw new DomainError("PRECONDITION_FAILED", "registrationDeadlinePassed", { params: { date } });
  }
  throw new DomainError("PRECONDITION_FAILED", "registrationClosed");
}

function registrationOpen(status: string, settings: RegistrationSettings, now = new Date()): boolean {
  if (status !== "published" && status !== "running") return false;
  if (!settings.open) return false;
  return !settings.closesAt || new Date(settings.closesAt).getTime() > now.getTime();
}

/** Only the series' own questions, required ones answered, choices among the options offered. */
function checkedAnswers(questions: CustomQuestion[], given: Record<string, string>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const question of questions) {
    const answer = given[question.id]?.trim() ?? "";
    if (!answer) {
      if (question.required) throw fieldError(["answers", question.id], "answerRequired");
      continue;
    }
    if (question.kind === "choice") {
      const index = Number(answer);
      if (!Number.isInteger(index) || index < 0 || index >= question.choices.length) {
        throw fieldError(["answers", question.id], "unknownChoice");
      }
    }
    answers[question.id] = answer;
  }
  return answers;
}

function localizedOf(text: { nl: string; en?: string }, locale: Locale) {
  return pickLocale({ nl: text.nl, en: text.en }, locale);
}

/** What the public registration page shows about a series, in the visitor's language. */
export async function registrationInfo(db: Database, slug: string, locale: Locale) {
  const series = await db.query.Series.findFirst({ where: eq(Series.slug, slug) });
  if (!series || series.purgedAt || series.status === "draft") throw new DomainError("NOT_FOUND", "notFound");
  const settings = series.registration ?? DEFAULT_REGISTRATION_SETTINGS;
  return {
    id: series.id,
    slug: series.slug,
    title: pickLocale(series.title, locale),
    organiser: series.organiser,
    retentionMonths: series.retentionMonths,
    open: registrationOpen(series.status, settings),
    closesAt: settings.closesAt,
    commitToAll: settings.commitToAll,
    approval: settings.approval,
    consentText: localizedOf(settings.consentText, locale),
    consentPurpose: localizedOf(settings.consentPurpose, locale),
    accentColour: series.accentColour,
    logoVersion: await logoVersionOf(db, series.id),
    /** What a new registration gets now: a place, the waiting list, or (no waiting list) nothing. */
    places: (await seriesIsFull(db, series))
      ? settings.waitlist
        ? ("waitlist" as const)
        : ("full" as const)
      : ("available" as const),
    // Choice answers are the index of the option, so rewording an option keeps the answers.
    questions: settings.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      required: q.required,
      label: localizedOf(q.label, locale),
      choices: q.choices.map((choice) => localizedOf(choice, locale)),
    })),
  };
}

/** Where the signed-in person stands in a series: null when they never registered. */
export async function myParticipation(db: Database, personId: string, seriesId: string) {
  const participant = await db.query.Participant.findFirst({
    where: and(eq(Participant.seriesId, seriesId), eq(Participant.personId, personId)),
  });
  return participant ? { role: participant.role, status: participant.status } : null;
}
