import { randomUUID } from "node:crypto";
import { type Database, eq, Participant, Person, Series } from "@reeks/db";
import type { Locale } from "@reeks/models";
import { withAudit } from "../audit";

/**
 * Makes a person an approved organiser of a series from the command line: how the first organiser of a
 * fresh installation comes to exist. They sign in with a magic link like anyone else.
 */
export async function bootstrapOrganiser(
  db: Database,
  input: { seriesSlug: string; email: string; name: string; organisation: string; locale: Locale },
) {
  const bootstrapped = (made: { seriesId: string; participantId: string | undefined }) => ({
    actorId: null,
    seriesId: made.seriesId,
    action: "participant.bootstrap_organiser",
    target: `participant:${made.participantId}`,
  });
  const made = await withAudit(db, bootstrapped, async (tx) => {
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
    return { personId: person.id, seriesId: series.id, participantId: participant?.id };
  });
  return { personId: made.personId, seriesId: made.seriesId };
}
