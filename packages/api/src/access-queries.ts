import { Administrator, and, type Database, eq, Participant, Person, Series, Session, sql } from "@reeks/db";

/**
 * The lookups every signed-in call makes before it does anything (who is it, which session, their
 * place in its series), as prepared statements: drizzle builds their SQL once per database handle
 * instead of on every call, which in a full room's CPU profile was a good part of each request.
 * The session and the participant come in one round trip.
 */
function prepare(db: Database) {
  return {
    person: db
      .select()
      .from(Person)
      .where(eq(Person.id, sql.placeholder("personId")))
      .prepare("reeks_access_person"),
    sessionAndParticipant: db
      .select({ session: Session, participant: Participant, seriesStatus: Series.status })
      .from(Session)
      .innerJoin(Series, eq(Series.id, Session.seriesId))
      .leftJoin(
        Participant,
        and(
          eq(Participant.seriesId, Session.seriesId),
          eq(Participant.personId, sql.placeholder("personId")),
        ),
      )
      .where(eq(Session.id, sql.placeholder("sessionId")))
      .prepare("reeks_access_session_participant"),
    participant: db
      .select({ participant: Participant, seriesStatus: Series.status })
      .from(Series)
      .leftJoin(
        Participant,
        and(eq(Participant.seriesId, Series.id), eq(Participant.personId, sql.placeholder("personId"))),
      )
      .where(eq(Series.id, sql.placeholder("seriesId")))
      .prepare("reeks_access_participant"),
    administrator: db
      .select({ personId: Administrator.personId })
      .from(Administrator)
      .where(eq(Administrator.personId, sql.placeholder("personId")))
      .prepare("reeks_access_administrator"),
  };
}

const prepared = new WeakMap<Database, ReturnType<typeof prepare>>();

function queriesOf(db: Database) {
  let queries = prepared.get(db);
  if (!queries) {
    queries = prepare(db);
    prepared.set(db, queries);
  }
  return queries;
}

export async function findPerson(db: Database, personId: string) {
  const [person] = await queriesOf(db).person.execute({ personId });
  return person ?? null;
}

/** The session (null when there is none) and the person's participant row in its series. */
export async function findSessionAndParticipant(db: Database, sessionId: string, personId: string) {
  const [row] = await queriesOf(db).sessionAndParticipant.execute({ sessionId, personId });
  return {
    session: row?.session ?? null,
    participant: row?.participant ?? null,
    seriesStatus: row?.seriesStatus ?? null,
  };
}

/** The person's participant row in a series (null when none) and the series' status (null: no such series). */
export async function findParticipantAndStatus(db: Database, seriesId: string, personId: string) {
  const [row] = await queriesOf(db).participant.execute({ seriesId, personId });
  return { participant: row?.participant ?? null, seriesStatus: row?.seriesStatus ?? null };
}

export async function findParticipant(db: Database, seriesId: string, personId: string) {
  return (await findParticipantAndStatus(db, seriesId, personId)).participant;
}

export async function isAdministrator(db: Database, personId: string): Promise<boolean> {
  const [row] = await queriesOf(db).administrator.execute({ personId });
  return row !== undefined;
}
