import {
  AttendanceInterval,
  Availability,
  and,
  asc,
  CandidateSlot,
  type Database,
  eq,
  inArray,
  isNull,
  ne,
  Participant,
  Person,
  Series,
  Session,
  Theme,
} from "@reeks/db";
import { enqueueJobs, mailJob } from "@reeks/jobs";
import type { OutgoingMail } from "@reeks/mail";
import { type Locale, type LocalizedText, localeSchema, pickLocale, seriesMailBrand } from "@reeks/models";
import { z } from "zod";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { logoVersionOf } from "../authoring/logo";
import type { AccountServices } from "../context";
import { DomainError } from "../domain-error";
import { compose } from "./mails";

export const PARTICIPANT_MESSAGE_KINDS = ["availability", "availability_reminder", "follow_up"] as const;
export type ParticipantMessageKind = (typeof PARTICIPANT_MESSAGE_KINDS)[number];

export const participantMessageInput = z
  .object({
    seriesId: z.uuid(),
    kind: z.enum(PARTICIPANT_MESSAGE_KINDS),
    /** The session a follow-up is about. */
    sessionId: z.uuid().optional(),
    /** A few words of the organiser's own, added to the standard text. */
    note: z.string().trim().max(1000).optional(),
  })
  .refine((m) => m.kind !== "follow_up" || m.sessionId !== undefined, {
    path: ["sessionId"],
    message: "sessionRequired",
  });
export type ParticipantMessageInput = z.infer<typeof participantMessageInput>;

interface Recipient {
  participantId: string;
  name: string;
  email: string;
  locale: Locale;
}

interface Context {
  series: typeof Series.$inferSelect;
  session: { id: string; position: number; title: LocalizedText } | null;
  recipients: Recipient[];
  hasLogo: boolean;
}

const COPY = {
  nl: {
    availabilitySubject: (series: string) => `Wanneer kun je? Geef je beschikbaarheid door voor ${series}`,
    availability: (series: string) =>
      `We plannen de sessies van ${series}. Wil je aangeven op welke van de voorgestelde momenten je kunt? Dat kost een minuut.`,
    availabilityLink: "Beschikbaarheid doorgeven",
    reminderSubject: (series: string) => `Herinnering: je beschikbaarheid voor ${series}`,
    reminder: (series: string) =>
      `We hebben je beschikbaarheid voor ${series} nog niet ontvangen. Wil je die doorgeven, zodat we data kunnen kiezen waarop zoveel mogelijk deelnemers kunnen?`,
    followUpSubject: (session: string) => `Dank voor je deelname aan ${session}`,
    followUp: (session: string) =>
      `Dank dat je bij ${session} was. In het overzicht van de sessie vind je wat we samen hebben opgehaald: problemen, acties en inzichten.`,
    followUpLink: "Naar het overzicht van de sessie",
    note: (organiser: string) => `${organiser} voegt toe:`,
    session: (position: number, title: string) => `sessie ${position}: ${title}`,
    greeting: (name: string) => `Beste ${name},`,
    placeholder: "‹naam›",
  },
  en: {
    availabilitySubject: (series: string) => `When can you come? Give your availability for ${series}`,
    availability: (series: string) =>
      `We are planning the sessions of ${series}. Would you tell us which of the proposed times suit you? It takes a minute.`,
    availabilityLink: "Give your availability",
    reminderSubject: (series: string) => `Reminder: your availability for ${series}`,
    reminder: (series: string) =>
      `We have not yet received your availability for ${series}. Would you give it, so that we can choose dates that suit as many participants as possible?`,
    followUpSubject: (session: string) => `Thank you for taking part in ${session}`,
    followUp: (session: string) =>
      `Thank you for being at ${session}. The session overview holds what we gathered together: problems, actions and insights.`,
    followUpLink: "Go to the session overview",
    note: (organiser: string) => `${organiser} adds:`,
    session: (position: number, title: string) => `session ${position}: ${title}`,
    greeting: (name: string) => `Dear ${name},`,
    placeholder: "‹name›",
  },
} as const;

const asLocale = (value: string): Locale => localeSchema.catch("nl").parse(value);

async function slotIdsOf(db: Database, seriesId: string): Promise<string[]> {
  const rows = await db
    .select({ id: CandidateSlot.id })
    .from(CandidateSlot)
    .innerJoin(Session, eq(Session.id, CandidateSlot.sessionId))
    .where(eq(Session.seriesId, seriesId));
  return rows.map((r) => r.id);
}

/**
 * Who a message goes to: approved, not erased, not the sender. Availability questions need dates to
 * answer; a follow-up goes to those the attendance records show in that session of this series.
 */
async function loadContext(db: Database, input: ParticipantMessageInput, senderId: string): Promise<Context> {
  const series = await db.query.Series.findFirst({ where: eq(Series.id, input.seriesId) });
  if (!series) throw new DomainError("NOT_FOUND", "notFound");
  const base = db
    .selectDistinct({
      participantId: Participant.id,
      name: Person.name,
      email: Person.email,
      locale: Person.locale,
    })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId));
  const approved = and(
    eq(Participant.seriesId, series.id),
    eq(Participant.status, "approved"),
    isNull(Person.erasedAt),
    ne(Person.id, senderId),
  );
  let session: Context["session"] = null;
  let rows: Array<{ participantId: string; name: string; email: string; locale: string }>;
  if (input.kind === "follow_up") {
    const [found] = await db
      .select({ id: Session.id, position: Session.position, title: Theme.title })
      .from(Session)
      .innerJoin(Theme, eq(Theme.id, Session.themeId))
      .where(and(eq(Session.id, input.sessionId ?? ""), eq(Session.seriesId, series.id)));
    if (!found) throw new DomainError("NOT_FOUND", "notFound");
    session = found;
    rows = await base
      .innerJoin(AttendanceInterval, eq(AttendanceInterval.participantId, Participant.id))
      .where(and(approved, eq(AttendanceInterval.sessionId, found.id)))
      .orderBy(asc(Person.name));
  } else {
    const slots = await slotIdsOf(db, series.id);
    if (slots.length === 0) throw new DomainError("PRECONDITION_FAILED", "messageNoSlots");
    rows = await base.where(approved).orderBy(asc(Person.name));
    if (input.kind === "availability_reminder") {
      const answered = new Set(
        (
          await db
            .selectDistinct({ participantId: Availability.participantId })
            .from(Availability)
            .where(inArray(Availability.slotId, slots))
        ).map((a) => a.participantId),
      );
      rows = rows.filter((r) => !answered.has(r.participantId));
    }
  }
  return {
    series,
    session,
    recipients: rows.map((r) => ({ ...r, locale: asLocale(r.locale) })),
    hasLogo: (await logoVersionOf(db, series.id)) !== null,
  };
}

function render(
  context: Context,
  input: ParticipantMessageInput,
  options: { to: string; name: string; locale: Locale; publicUrl: string; sender: string },
): OutgoingMail {
  const copy = COPY[options.locale];
  const seriesTitle = `“${pickLocale(context.series.title, options.locale)}”`;
  const note = input.note ? [copy.note(options.sender), input.note] : [];
  const availabilityUrl = `${options.publicUrl}/reeksen/${context.series.slug}/beschikbaarheid`;
  const greeting = copy.greeting(options.name);
  const brand = seriesMailBrand(context.series, {
    hasLogo: context.hasLogo,
    publicUrl: options.publicUrl,
    locale: options.locale,
  });
  if (input.kind === "follow_up" && context.session) {
    const session = copy.session(context.session.position, pickLocale(context.session.title, options.locale));
    return compose({
      to: options.to,
      locale: options.locale,
      subject: copy.followUpSubject(session),
      greeting,
      paragraphs: [copy.followUp(session), ...note],
      link: {
        href: `${options.publicUrl}/sessies/${context.session.id}/overzicht`,
        label: copy.followUpLink,
      },
      brand,
    });
  }
  const reminder = input.kind === "availability_reminder";
  return compose({
    to: options.to,
    locale: options.locale,
    subject: reminder ? copy.reminderSubject(seriesTitle) : copy.availabilitySubject(seriesTitle),
    greeting,
    paragraphs: [reminder ? copy.reminder(seriesTitle) : copy.availability(seriesTitle), ...note],
    link: { href: availabilityUrl, label: copy.availabilityLink },
    brand,
  });
}

async function senderName(db: Database, personId: string): Promise<string> {
  const person = await db.query.Person.findFirst({ where: eq(Person.id, personId) });
  return person?.name ?? "";
}

/**
 * What the organiser is about to send: the mail as it reads in Dutch and in English (with a
 * placeholder for the name), and how many people get it in each language.
 */
export async function previewParticipantMessage(
  db: Database,
  accounts: AccountServices | null,
  input: ParticipantMessageInput,
  actor: Pick<Actor, "personId">,
) {
  if (!accounts) throw new DomainError("INTERNAL_SERVER_ERROR", "mailUnavailable");
  const context = await loadContext(db, input, actor.personId);
  const sender = await senderName(db, actor.personId);
  const preview = (locale: Locale) => {
    const mail = render(context, input, {
      to: "",
      name: COPY[locale].placeholder,
      locale,
      publicUrl: accounts.publicUrl,
      sender,
    });
    return { subject: mail.subject, text: mail.text };
  };
  return {
    recipients: context.recipients.length,
    byLocale: {
      nl: context.recipients.filter((r) => r.locale === "nl").length,
      en: context.recipients.filter((r) => r.locale === "en").length,
    },
    mails: { nl: preview("nl"), en: preview("en") },
  };
}

/**
 * Queues one mail per recipient in their own language, with the audit entry, in one transaction.
 * `requestId` is chosen by the browser when the organiser opens the preview: sending the same request
 * again (a double click, a retry after a lost answer) queues nothing new.
 */
export async function sendParticipantMessage(
  db: Database,
  accounts: AccountServices | null,
  input: ParticipantMessageInput & { requestId: string },
  actor: Pick<Actor, "personId">,
) {
  if (!accounts) throw new DomainError("INTERNAL_SERVER_ERROR", "mailUnavailable");
  const context = await loadContext(db, input, actor.personId);
  if (context.recipients.length === 0) throw new DomainError("PRECONDITION_FAILED", "messageNoRecipients");
  const sender = await senderName(db, actor.personId);
  const jobs = context.recipients.map((r) =>
    mailJob(
      `mail:message:${input.seriesId}:${input.kind}:${input.requestId}:${r.participantId}`,
      render(context, input, {
        to: r.email,
        name: r.name,
        locale: r.locale,
        publicUrl: accounts.publicUrl,
        sender,
      }),
    ),
  );
  const queued = await db.transaction(async (tx) => {
    const added = await enqueueJobs(tx, jobs);
    if (added > 0) {
      await recordAudit(tx, {
        actorId: actor.personId,
        seriesId: input.seriesId,
        action: `message.${input.kind}`,
        ...(context.session ? { target: `session:${context.session.id}` } : {}),
        details: { count: added, request: input.requestId },
      });
    }
    return added;
  });
  return { recipients: context.recipients.length, queued, alreadySent: queued === 0 };
}
