import { createHash, randomBytes } from "node:crypto";
import {
  AttendanceInterval,
  and,
  type Database,
  EvaluationInvitation,
  EvaluationTokenUse,
  eq,
  isNull,
  Job,
  Participant,
  Person,
  RoomState,
  Series,
  Session,
  sql,
  Theme,
  type Transaction,
} from "@reeks/db";
import { enqueueJobs, type JobHandler, mailJob, type NewJob } from "@reeks/jobs";
import { type EvaluationMode, type Locale, localeSchema, pickLocale } from "@reeks/models";
import { sessionTitle } from "../scheduling/jobs";
import { evaluationSettings } from "./settings";

export const EVALUATION_JOBS = {
  /** Invite the session's attendees (run at the end, and once more when late attendance has come in). */
  open: "evaluation.open",
  /** The one reminder of one invitation. */
  remind: "evaluation.remind",
} as const;

const DAY_MS = 24 * 60 * 60_000;
export const REMINDER_AFTER_MS = 3 * DAY_MS;
/** Webhooks may arrive late; a second pass invites whoever they show to have attended. */
const LATE_PASS_MS = 15 * 60_000;

export function hashEvaluationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Where the mail's link leads: the form, without signing in. */
export function evaluationTokenUrl(appUrl: string, token: string): string {
  return `${appUrl}/evaluatie/${token}`;
}

/** Jobs that open a session's evaluation; enqueued in the transaction that ends the session. */
export function evaluationOpenJobs(sessionId: string, endedAt: Date): NewJob[] {
  return [
    { kind: EVALUATION_JOBS.open, idempotencyKey: `evaluation:open:${sessionId}`, payload: { sessionId } },
    {
      kind: EVALUATION_JOBS.open,
      idempotencyKey: `evaluation:open-late:${sessionId}`,
      payload: { sessionId },
      runAt: new Date(endedAt.getTime() + LATE_PASS_MS),
    },
  ];
}

const TEXT = {
  nl: {
    subject: (title: string) => `Evaluatie: ${title}`,
    reminderSubject: (title: string) => `Herinnering — evaluatie: ${title}`,
    mode: (mode: EvaluationMode) =>
      mode === "anonymous"
        ? "Je antwoorden worden anoniem bewaard: niemand kan zien welk antwoord van jou is."
        : "Je antwoorden worden met je naam bewaard: de organisatoren zien wat jij hebt geantwoord.",
    body: (name: string, title: string, mode: string, deadline: string, link: string) =>
      `Beste ${name},\n\nDank je voor je aanwezigheid bij ${title}. Wil je in een paar minuten laten weten hoe nuttig de sessie was en wat het essay zeker moet zeggen?\n\n${mode}\n\nInvullen kan tot en met ${deadline}: ${link}\n`,
    reminder: (name: string, title: string, mode: string, deadline: string, link: string) =>
      `Beste ${name},\n\nJe hebt de evaluatie van ${title} nog niet ingevuld. Dit is de enige herinnering.\n\n${mode}\n\nInvullen kan tot en met ${deadline}: ${link}\n`,
  },
  en: {
    subject: (title: string) => `Evaluation: ${title}`,
    reminderSubject: (title: string) => `Reminder — evaluation: ${title}`,
    mode: (mode: EvaluationMode) =>
      mode === "anonymous"
        ? "Your answers are stored anonymously: nobody can see which answer is yours."
        : "Your answers are stored with your name: the organisers see what you answered.",
    body: (name: string, title: string, mode: string, deadline: string, link: string) =>
      `Dear ${name},\n\nThank you for attending ${title}. Would you take a few minutes to tell us how useful the session was and what the essay should certainly say?\n\n${mode}\n\nYou can answer until ${deadline}: ${link}\n`,
    reminder: (name: string, title: string, mode: string, deadline: string, link: string) =>
      `Dear ${name},\n\nYou have not filled in the evaluation of ${title} yet. This is the only reminder.\n\n${mode}\n\nYou can answer until ${deadline}: ${link}\n`,
  },
} as const;

function formatDeadline(date: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

async function sessionAbout(db: Pick<Database, "select">, sessionId: string) {
  const [row] = await db
    .select({ session: Session, theme: Theme, series: Series, endedAt: RoomState.endedAt })
    .from(Session)
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .innerJoin(Series, eq(Series.id, Session.seriesId))
    .leftJoin(RoomState, eq(RoomState.sessionId, Session.id))
    .where(eq(Session.id, sessionId));
  return row ?? null;
}

type About = NonNullable<Awaited<ReturnType<typeof sessionAbout>>>;

function mailFor(
  about: About,
  person: { email: string; name: string; locale: string },
  invitation: { mode: EvaluationMode; deadline: Date },
  link: string,
  kind: "invite" | "reminder",
) {
  const locale = localeSchema.catch("nl").parse(person.locale);
  const text = TEXT[locale];
  const title = `${pickLocale(about.series.title, locale)} — ${sessionTitle(about.theme.title, about.session.position, locale)}`;
  const deadline = formatDeadline(invitation.deadline, about.series.timeZone, locale);
  const mode = text.mode(invitation.mode);
  return {
    to: person.email,
    subject: kind === "invite" ? text.subject(title) : text.reminderSubject(title),
    text:
      kind === "invite"
        ? text.body(person.name, title, mode, deadline, link)
        : text.reminder(person.name, title, mode, deadline, link),
  };
}

/** Everyone with a recorded stay in the session whose account still exists. */
async function attendees(db: Pick<Database, "selectDistinct">, sessionId: string) {
  return db
    .selectDistinct({
      participantId: Participant.id,
      name: Person.name,
      email: Person.email,
      locale: Person.locale,
    })
    .from(AttendanceInterval)
    .innerJoin(Participant, eq(Participant.id, AttendanceInterval.participantId))
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(
      and(
        eq(AttendanceInterval.sessionId, sessionId),
        eq(Participant.status, "approved"),
        isNull(Person.erasedAt),
      ),
    );
}

/**
 * Invites every attendee not yet invited. The token exists only in the mail and the reminder's job,
 * so the invitation, its mail and its reminder are written in one transaction: never an invitation
 * whose link nobody has. A second run invites only those the first did not.
 */
export async function inviteAttendees(db: Database, config: { appUrl: string }, sessionId: string) {
  const about = await sessionAbout(db, sessionId);
  if (about?.session.status !== "ended") return 0;
  const endedAt = about.endedAt ?? new Date();
  const settings = await evaluationSettings(db, about.session.seriesId);
  const deadline = new Date(endedAt.getTime() + settings.deadlineDays * DAY_MS);
  let invited = 0;
  for (const person of await attendees(db, sessionId)) {
    const token = randomBytes(32).toString("base64url");
    await db.transaction(async (tx: Transaction) => {
      const [row] = await tx
        .insert(EvaluationInvitation)
        .values({
          sessionId,
          participantId: person.participantId,
          tokenHash: hashEvaluationToken(token),
          mode: settings.mode,
          questions: settings.questions,
          deadline,
        })
        .onConflictDoNothing({ target: [EvaluationInvitation.sessionId, EvaluationInvitation.participantId] })
        .returning({ id: EvaluationInvitation.id });
      if (!row) return;
      invited += 1;
      const link = evaluationTokenUrl(config.appUrl, token);
      await enqueueJobs(tx, [
        mailJob(
          `mail:evaluation:${row.id}`,
          mailFor(about, person, { mode: settings.mode, deadline }, link, "invite"),
        ),
        {
          kind: EVALUATION_JOBS.remind,
          idempotencyKey: `evaluation:remind:${row.id}`,
          payload: { invitationId: row.id, token },
          runAt: new Date(endedAt.getTime() + REMINDER_AFTER_MS),
        },
      ]);
    });
  }
  return invited;
}

/**
 * The one reminder: only while unanswered and open. `remindedAt` is set by a conditional update, so a
 * job that runs twice (or two workers) mails once; the token is then dropped from the job's payload.
 */
export async function remindInvitation(
  db: Database,
  config: { appUrl: string },
  job: { id: string; payload: Record<string, unknown> },
) {
  const { invitationId, token } = job.payload as { invitationId: string; token?: string };
  await db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(EvaluationInvitation)
      .set({ remindedAt: sql`now()` })
      .where(
        and(
          eq(EvaluationInvitation.id, invitationId),
          isNull(EvaluationInvitation.remindedAt),
          sql`${EvaluationInvitation.deadline} > now()`,
          sql`not exists (select 1 from ${EvaluationTokenUse} where ${EvaluationTokenUse.tokenHash} = ${EvaluationInvitation.tokenHash})`,
        ),
      )
      .returning();
    await tx.update(Job).set({ payload: { invitationId } }).where(eq(Job.id, job.id));
    if (!invitation || !token) return;
    const about = await sessionAbout(tx, invitation.sessionId);
    const [person] = await tx
      .select({ email: Person.email, name: Person.name, locale: Person.locale })
      .from(Participant)
      .innerJoin(Person, eq(Person.id, Participant.personId))
      .where(and(eq(Participant.id, invitation.participantId), isNull(Person.erasedAt)));
    if (!about || !person) return;
    const link = evaluationTokenUrl(config.appUrl, token);
    await enqueueJobs(tx, [
      mailJob(
        `mail:evaluation-reminder:${invitation.id}`,
        mailFor(about, person, invitation, link, "reminder"),
      ),
    ]);
  });
}

export function evaluationJobHandlers(db: Database, config: { appUrl: string }): Record<string, JobHandler> {
  return {
    [EVALUATION_JOBS.open]: async (job) => {
      await inviteAttendees(db, config, (job.payload as { sessionId: string }).sessionId);
    },
    [EVALUATION_JOBS.remind]: (job) => remindInvitation(db, config, job),
  };
}
