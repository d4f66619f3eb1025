import { and, asc, type Database, eq, Participant, Person } from "@reeks/db";
import type { NoteTakerView } from "@reeks/models";
import { roleAtLeast } from "./access";

/** A person a moderator can give a task in a session (note-taker, captioner), with their role. */
export type SessionHelperView = NoteTakerView;

/**
 * The series' approved participants split into those who hold a session task (`holders`, their ids)
 * and those who could be given it. Moderators and organisers do such tasks anyway, so they are never
 * candidates.
 */
export async function holdersAndCandidates(
  db: Database,
  seriesId: string,
  holders: Promise<Array<{ participantId: string }>>,
): Promise<{ holders: SessionHelperView[]; candidates: SessionHelperView[] }> {
  const [people, held] = await Promise.all([
    db
      .select({
        participantId: Participant.id,
        name: Person.name,
        organisation: Participant.organisation,
        role: Participant.role,
      })
      .from(Participant)
      .innerJoin(Person, eq(Person.id, Participant.personId))
      .where(and(eq(Participant.seriesId, seriesId), eq(Participant.status, "approved")))
      .orderBy(asc(Person.name)),
    holders,
  ]);
  const ids = new Set(held.map((h) => h.participantId));
  const view = { holders: [] as SessionHelperView[], candidates: [] as SessionHelperView[] };
  for (const person of people) {
    if (ids.has(person.participantId)) view.holders.push(person);
    else if (!roleAtLeast(person.role, "moderator")) view.candidates.push(person);
  }
  return view;
}
