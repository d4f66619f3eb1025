import {
  Availability,
  and,
  asc,
  CandidateSlot,
  type Database,
  eq,
  inArray,
  Participant,
  Person,
  SchedulingPoll,
  Series,
  Session,
  SessionCalendar,
  Theme,
} from "@reeks/db";
import { enqueueJobs, type JobHandler, mailJob } from "@reeks/jobs";
import { type Locale, type LocalizedText, localeSchema, pickLocale } from "@reeks/models";
import { type AgendaLineSource, agendasOf, agendaText } from "../agenda/text";
import { type CalendarSession, invitationIcs } from "./ics";
import { JOB_KINDS } from "./job-kinds";

export interface SchedulingMailConfig {
  /** Where people reach the app, e.g. https://reeks.example.nl (no trailing slash). */
  appUrl: string;
  /** Address that appears as ORGANIZER in calendar events. */
  organizerEmail: string;
}

export function sessionTitle(title: LocalizedText, position: number, locale: Locale): string {
  return `${locale === "nl" ? "Sessie" : "Session"} ${position}: ${pickLocale(title, locale)}`;
}

/** Where a member joins a session; the join page lives at this path in the web app. */
export function joinUrl(appUrl: string, sessionId: string): string {
  return `${appUrl}/sessies/${sessionId}`;
}

function formatLocal(date: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

const TEXT = {
  nl: {
    inviteSubject: (title: string) => `Uitnodiging: ${title}`,
    updateSubject: (title: string) => `Gewijzigd: ${title}`,
    cancelSubject: (title: string) => `Geannuleerd: ${title}`,
    invite: (name: string, title: string, when: string, link: string, agenda: string) =>
      `Beste ${name},\n\n${title} vindt plaats op ${when}.\nDe uitnodiging voor je agenda zit als bijlage bij deze mail.\n\n${agenda ? `${agenda}\n\n` : ""}Deelnemen: ${link}\n`,
    update: (name: string, title: string, when: string, link: string) =>
      `Beste ${name},\n\nDe datum of tijd van ${title} is gewijzigd. Het nieuwe moment is ${when}.\nDe bijlage vervangt de afspraak in je agenda; de oude vervalt.\n\nDeelnemen: ${link}\n`,
    cancel: (name: string, title: string, when: string) =>
      `Beste ${name},\n\n${title} op ${when} gaat niet door. De afspraak in je agenda wordt met de bijlage verwijderd.\n`,
    pollSubject: (series: string) => `Herinnering: geef je beschikbaarheid door voor ${series}`,
    poll: (name: string, series: string, deadline: string, link: string) =>
      `Beste ${name},\n\nWe plannen de data van ${series}. Geef vóór ${deadline} door wanneer je kunt: ${link}\n`,
    reminderSubject: (title: string, which: "day" | "hour") =>
      `${which === "day" ? "Morgen" : "Over een uur"}: ${title}`,
    reminder: (name: string, title: string, when: string, link: string) =>
      `Beste ${name},\n\n${title} begint op ${when}.\n\nDeelnemen: ${link}\n`,
  },
  en: {
    inviteSubject: (title: string) => `Invitation: ${title}`,
    updateSubject: (title: string) => `Changed: ${title}`,
    cancelSubject: (title: string) => `Cancelled: ${title}`,
    invite: (name: string, title: string, when: string, link: string, agenda: string) =>
      `Dear ${name},\n\n${title} takes place on ${when}.\nThe invitation for your calendar is attached to this mail.\n\n${agenda ? `${agenda}\n\n` : ""}Join: ${link}\n`,
    update: (name: string, title: string, when: string, link: string) =>
      `Dear ${name},\n\nThe date or time of ${title} has changed. It now takes place on ${when}.\nThe attachment replaces the appointment in your calendar; the old one no longer applies.\n\nJoin: ${link}\n`,
    cancel: (name: string, title: string, when: string) =>
      `Dear ${name},\n\n${title} on ${when} will not take place. The attachment removes it from your calendar.\n`,
    pollSubject: (series: string) => `Reminder: tell us when you are available for ${series}`,
    poll: (name: string, series: string, deadline: string, link: string) =>
      `Dear ${name},\n\nWe are planning the dates of ${series}. Please tell us before ${deadline} when you can come: ${link}\n`,
    reminderSubject: (title: string, which: "day" | "hour") =>
      `${which === "day" ? "Tomorrow" : "In one hour"}: ${title}`,
    reminder: (name: string, title: string, when: string, link: string) =>
      `Dear ${name},\n\n${title} starts on ${when}.\n\nJoin: ${link}\n`,
  },
} as const;

async function approvedPeople(db: Database, seriesId: string) {
  return db
    .select({ participantId: Participant.id, name: Person.name, email: Person.email, locale: Person.locale })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(and(eq(Participant.seriesId, seriesId), eq(Participant.status, "approved")))
    .orderBy(asc(Person.name));
}

async function loadSession(db: Database, sessionId: string) {
  const [row] = await db
    .select({ session: Session, theme: Theme, series: Series, sequence: SessionCalendar.sequence })
    .from(Session)
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .innerJoin(Series, eq(Series.id, Session.seriesId))
    .leftJoin(SessionCalendar, eq(SessionCalendar.sessionId, Session.id))
    .where(eq(Session.id, sessionId));
  return row ?? null;
}

export function calendarSession(
  row: NonNullable<Awaited<ReturnType<typeof loadSession>>>,
  locale: Locale,
  appUrl: string,
  agenda: readonly AgendaLineSource[] = [],
): CalendarSession | null {
  const { session, theme, series } = row;
  if (!session.startsAt) return null;
  const programme = agendaText(agenda, session.startsAt, series.timeZone, locale);
  return {
    sessionId: session.id,
    title: `${pickLocale(series.title, locale)} — ${sessionTitle(theme.title, session.position, locale)}`,
    description: [pickLocale(theme.guidingQuestion, locale), programme].filter(Boolean).join("\n\n"),
    startsAt: session.startsAt,
    endsAt: new Date(session.startsAt.getTime() + session.durationMinutes * 60_000),
    sequence: row.sequence ?? 0,
    cancelled: session.status === "cancelled",
    joinUrl: joinUrl(appUrl, session.id),
  };
}

const asLocale = (value: string): Locale => localeSchema.safeParse(value).data ?? "nl";

/**
 * The scheduling jobs fan out into one `mail.send` job per person, each with its own idempotency key:
 * a fan-out that runs twice (after a crash) enqueues nothing new, and a person never gets a mail twice.
 */
export function schedulingJobHandlers(
  db: Database,
  config: SchedulingMailConfig,
): Record<string, JobHandler> {
  return {
    [JOB_KINDS.invitations]: async (job) => {
      const { sessionId, sequence, method } = job.payload as {
        sessionId: string;
        sequence: number;
        method: "REQUEST" | "CANCEL";
      };
      const row = await loadSession(db, sessionId);
      // A newer change has its own job with a higher sequence: this one is stale.
      if (!row || (row.sequence ?? 0) !== sequence) return;
      const people = await approvedPeople(db, row.session.seriesId);
      const agenda = (await agendasOf(db, [sessionId])).get(sessionId) ?? [];
      const mails = people.flatMap((person) => {
        const locale = asLocale(person.locale);
        const event = calendarSession(row, locale, config.appUrl, agenda);
        if (!event) return [];
        const text = TEXT[locale];
        const when = formatLocal(event.startsAt, row.series.timeZone, locale);
        const ics = invitationIcs(event, method, {
          organizerEmail: config.organizerEmail,
          attendee: { name: person.name, email: person.email },
        });
        const subject =
          method === "CANCEL"
            ? text.cancelSubject(event.title)
            : sequence > 0
              ? text.updateSubject(event.title)
              : text.inviteSubject(event.title);
        return [
          mailJob(`mail:invitation:${sessionId}:${sequence}:${method}:${person.participantId}`, {
            to: person.email,
            subject,
            text:
              method === "CANCEL"
                ? text.cancel(person.name, event.title, when)
                : sequence > 0
                  ? text.update(person.name, event.title, when, event.joinUrl)
                  : text.invite(
                      person.name,
                      event.title,
                      when,
                      event.joinUrl,
                      agendaText(agenda, event.startsAt, row.series.timeZone, locale),
                    ),
            attachments: [
              {
                filename: method === "CANCEL" ? "cancel.ics" : "invite.ics",
                content: ics,
                contentType: `text/calendar; charset=utf-8; method=${method}`,
                method,
              },
            ],
          }),
        ];
      });
      await enqueueJobs(db, mails);
    },

    [JOB_KINDS.pollReminders]: async (job) => {
      const { pollId, deadline } = job.payload as { pollId: string; deadline: string };
      const poll = await db.query.SchedulingPoll.findFirst({ where: eq(SchedulingPoll.id, pollId) });
      // Closed, confirmed or moved deadline (the move queued its own reminder): nothing to do.
      if (poll?.status !== "open" || poll.deadline.toISOString() !== deadline) return;
      const series = await db.query.Series.findFirst({ where: eq(Series.id, poll.seriesId) });
      if (!series) return;
      const slotIds = (
        await db
          .select({ id: CandidateSlot.id })
          .from(CandidateSlot)
          .innerJoin(Session, eq(Session.id, CandidateSlot.sessionId))
          .where(eq(Session.seriesId, series.id))
      ).map((s) => s.id);
      if (slotIds.length === 0) return;
      const answered = new Set(
        (
          await db
            .selectDistinct({ participantId: Availability.participantId })
            .from(Availability)
            .where(inArray(Availability.slotId, slotIds))
        ).map((a) => a.participantId),
      );
      const people = (await approvedPeople(db, series.id)).filter((p) => !answered.has(p.participantId));
      const link = `${config.appUrl}/reeksen/${series.slug}/beschikbaarheid`;
      await enqueueJobs(
        db,
        people.map((person) => {
          const locale = asLocale(person.locale);
          const seriesTitle = pickLocale(series.title, locale);
          const lastMoment = formatLocal(new Date(poll.deadline.getTime() - 60_000), series.timeZone, locale);
          return mailJob(`mail:poll-reminder:${pollId}:${deadline}:${person.participantId}`, {
            to: person.email,
            subject: TEXT[locale].pollSubject(seriesTitle),
            text: TEXT[locale].poll(person.name, seriesTitle, lastMoment, link),
          });
        }),
      );
    },

    [JOB_KINDS.sessionReminders]: async (job) => {
      const { sessionId, startsAt, which } = job.payload as {
        sessionId: string;
        startsAt: string;
        which: "day" | "hour";
      };
      const row = await loadSession(db, sessionId);
      // Moved or cancelled since: the new time has its own reminders.
      if (row?.session.status !== "scheduled" || row.session.startsAt?.toISOString() !== startsAt) return;
      const people = await approvedPeople(db, row.session.seriesId);
      await enqueueJobs(
        db,
        people.flatMap((person) => {
          const locale = asLocale(person.locale);
          const event = calendarSession(row, locale, config.appUrl);
          if (!event) return [];
          const when = formatLocal(event.startsAt, row.series.timeZone, locale);
          return [
            mailJob(`mail:session-reminder:${sessionId}:${startsAt}:${which}:${person.participantId}`, {
              to: person.email,
              subject: TEXT[locale].reminderSubject(event.title, which),
              text: TEXT[locale].reminder(person.name, event.title, when, event.joinUrl),
            }),
          ];
        }),
      );
    },
  };
}
