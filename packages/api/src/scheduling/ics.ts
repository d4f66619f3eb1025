import { createEvents, type EventAttributes } from "ics";

export type CalendarMethod = "REQUEST" | "CANCEL" | "PUBLISH";

export interface CalendarSession {
  sessionId: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** Raised on every change so that calendars replace the event they have. */
  sequence: number;
  cancelled: boolean;
  joinUrl: string;
}

/** Stable per session: the same event in every invitation, update, cancellation and feed. */
export function sessionUid(sessionId: string): string {
  return `session-${sessionId}@reeks`;
}

function toEvent(
  session: CalendarSession,
  options: { organizerEmail: string; attendee?: { name: string; email: string } },
): EventAttributes {
  // Instants in UTC: calendars show them in the reader's own zone, the DST change cannot shift them.
  const utc = (d: Date) => d.getTime();
  return {
    uid: sessionUid(session.sessionId),
    sequence: session.sequence,
    start: utc(session.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: utc(session.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    title: session.title,
    description: `${session.description}\n\n${session.joinUrl}`,
    url: session.joinUrl,
    location: session.joinUrl,
    status: session.cancelled ? "CANCELLED" : "CONFIRMED",
    organizer: { name: "Reeks", email: options.organizerEmail },
    ...(options.attendee
      ? {
          attendees: [
            {
              name: options.attendee.name,
              email: options.attendee.email,
              rsvp: true,
              partstat: "NEEDS-ACTION",
              role: "REQ-PARTICIPANT",
            },
          ],
        }
      : {}),
  };
}

function render(events: EventAttributes[], method: CalendarMethod, calName?: string): string {
  const { error, value } = createEvents(events, {
    productId: "-//Reeks//Scheduling//NL",
    method,
    ...(calName ? { calName } : {}),
  });
  if (error || !value) throw error ?? new Error("could not render calendar");
  return value;
}

/** The .ics attached to an invitation (REQUEST) or a cancellation (CANCEL) for one person. */
export function invitationIcs(
  session: CalendarSession,
  method: "REQUEST" | "CANCEL",
  options: { organizerEmail: string; attendee: { name: string; email: string } },
): string {
  return render([toEvent({ ...session, cancelled: method === "CANCEL" }, options)], method);
}

/** A person's private feed: every session of theirs, cancelled ones marked as such. */
export function calendarFeedIcs(
  sessions: CalendarSession[],
  options: { organizerEmail: string; calName: string },
) {
  return render(
    sessions.map((s) => toEvent(s, { organizerEmail: options.organizerEmail })),
    "PUBLISH",
    options.calName,
  );
}
