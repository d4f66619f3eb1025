import { randomBytes } from "node:crypto";
import {
  and,
  asc,
  CalendarFeed,
  type Database,
  eq,
  inArray,
  Participant,
  Person,
  Series,
  Session,
  SessionCalendar,
  Theme,
} from "@reeks/db";
import { type Locale, localeSchema } from "@reeks/models";
import { agendasOf } from "../agenda/text";
import { calendarFeedIcs } from "./ics";
import { calendarSession, type SchedulingMailConfig } from "./jobs";

/** The person's feed token, created on first use. 32 random bytes: unguessable, so the URL is the key. */
export async function ensureCalendarFeedToken(db: Database, personId: string): Promise<string> {
  const existing = await db.query.CalendarFeed.findFirst({ where: eq(CalendarFeed.personId, personId) });
  if (existing) return existing.token;
  const token = randomBytes(32).toString("base64url");
  await db
    .insert(CalendarFeed)
    .values({ personId, token })
    .onConflictDoNothing({ target: CalendarFeed.personId });
  const row = await db.query.CalendarFeed.findFirst({ where: eq(CalendarFeed.personId, personId) });
  return row?.token ?? token;
}

/** A new token: the old URL stops working (e.g. after it was shared by mistake). */
export async function rotateCalendarFeedToken(db: Database, personId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insert(CalendarFeed)
    .values({ personId, token })
    .onConflictDoUpdate({ target: CalendarFeed.personId, set: { token, createdAt: new Date() } });
  return token;
}

export function calendarFeedPath(token: string): string {
  return `/calendar/${token}.ics`;
}

/** One session of the feed as its own file ("add to calendar"), under the same key. */
export function sessionCalendarPath(token: string, sessionId: string): string {
  return `/calendar/${token}/${sessionId}.ics`;
}

/**
 * The feed of every scheduled (or cancelled) session in the person's approved series; null for an
 * unknown token. With `sessionId`: that session alone, null when it is not in the person's feed.
 */
export async function calendarFeedForToken(
  db: Database,
  token: string,
  config: SchedulingMailConfig,
  only?: { sessionId: string },
): Promise<string | null> {
  const [feed] = await db
    .select({ personId: CalendarFeed.personId, locale: Person.locale })
    .from(CalendarFeed)
    .innerJoin(Person, eq(Person.id, CalendarFeed.personId))
    .where(eq(CalendarFeed.token, token));
  if (!feed) return null;
  const locale: Locale = localeSchema.safeParse(feed.locale).data ?? "nl";
  const seriesIds = (
    await db
      .select({ seriesId: Participant.seriesId })
      .from(Participant)
      .where(and(eq(Participant.personId, feed.personId), eq(Participant.status, "approved")))
  ).map((r) => r.seriesId);
  const rows = seriesIds.length
    ? await db
        .select({ session: Session, theme: Theme, series: Series, sequence: SessionCalendar.sequence })
        .from(Session)
        .innerJoin(Theme, eq(Theme.id, Session.themeId))
        .innerJoin(Series, eq(Series.id, Session.seriesId))
        .leftJoin(SessionCalendar, eq(SessionCalendar.sessionId, Session.id))
        .where(
          and(
            inArray(Session.seriesId, seriesIds),
            inArray(Session.status, ["scheduled", "live", "ended", "cancelled"]),
            only ? eq(Session.id, only.sessionId) : undefined,
          ),
        )
        .orderBy(asc(Session.startsAt))
    : [];
  const agendas = await agendasOf(
    db,
    rows.map((r) => r.session.id),
  );
  const events = rows.flatMap((row) => {
    const event = calendarSession(row, locale, config.appUrl, agendas.get(row.session.id));
    return event ? [event] : [];
  });
  if (only && events.length === 0) return null;
  return calendarFeedIcs(events, { organizerEmail: config.organizerEmail, calName: "Reeks" });
}
