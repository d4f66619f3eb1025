import { and, type Database, eq, inArray, isNull, Participant, Person, Series } from "@reeks/db";
import { enqueueJobs, type JobHandler, mailJob } from "@reeks/jobs";
import { localeSchema } from "@reeks/models";
import { decisionMail, placeFreedMail } from "./mails";
import { seriesUrlAndTitle } from "./review";
import { SEAT_FREED_JOB, type SeatFreedPayload } from "./seats";

/**
 * The mails after a place was freed, composed when the job runs (in each person's language, with
 * the series' current branding) and handed to the mail job, one per person and cause.
 */
export function seatJobHandlers(db: Database, config: { appUrl: string }): Record<string, JobHandler> {
  return {
    [SEAT_FREED_JOB]: async (job) => {
      const { seriesId, promoted } = job.payload as unknown as SeatFreedPayload;
      const series = await db.query.Series.findFirst({ where: eq(Series.id, seriesId) });
      if (!series) return;
      const mails = [];
      if (promoted.length > 0) {
        const people = await db
          .select({ participantId: Participant.id, person: Person })
          .from(Participant)
          .innerJoin(Person, eq(Person.id, Participant.personId))
          .where(and(inArray(Participant.id, promoted), isNull(Person.erasedAt)));
        for (const { participantId, person } of people) {
          const locale = localeSchema.catch("nl").parse(person.locale);
          const about = await seriesUrlAndTitle(db, seriesId, locale, config.appUrl);
          mails.push(
            mailJob(
              `mail:${job.idempotencyKey}:${participantId}`,
              decisionMail({
                to: person.email,
                name: person.name,
                locale,
                decision: "approve",
                seriesFull: about.full,
                seriesTitle: about.title,
                seriesUrl: about.url,
                brand: about.brand,
              }),
            ),
          );
        }
      } else {
        const waiting = await db
          .select({ id: Participant.id })
          .from(Participant)
          .where(and(eq(Participant.seriesId, seriesId), eq(Participant.status, "waitlisted")));
        if (waiting.length === 0) return;
        const organisers = await db
          .select({ person: Person })
          .from(Participant)
          .innerJoin(Person, eq(Person.id, Participant.personId))
          .where(
            and(
              eq(Participant.seriesId, seriesId),
              eq(Participant.role, "organiser"),
              eq(Participant.status, "approved"),
              isNull(Person.erasedAt),
            ),
          );
        for (const { person } of organisers) {
          const locale = localeSchema.catch("nl").parse(person.locale);
          const about = await seriesUrlAndTitle(db, seriesId, locale, config.appUrl);
          mails.push(
            mailJob(
              `mail:${job.idempotencyKey}:${person.id}`,
              placeFreedMail({
                to: person.email,
                name: person.name,
                locale,
                waiting: waiting.length,
                seriesTitle: about.title,
                reviewUrl: `${config.appUrl}/reeksen/${series.slug}/aanmeldingen`,
                brand: about.brand,
              }),
            ),
          );
        }
      }
      await enqueueJobs(db, mails);
    },
  };
}
