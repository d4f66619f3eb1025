import { and, asc, type Database, eq, ilike, or, Participant, Person, Series, sql } from "@reeks/db";
import type { RegistrationFilter } from "@reeks/models";

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function countApproved(db: Pick<Database, "select">, seriesId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(Participant)
    .where(and(eq(Participant.seriesId, seriesId), eq(Participant.status, "approved")));
  return row?.n ?? 0;
}

/**
 * Registrations of a series for the organiser's review list, oldest first, with the filters applied.
 * `you` marks the viewer's own row, on which there is nothing for them to decide.
 */
export async function listRegistrations(
  db: Database,
  seriesId: string,
  filter: RegistrationFilter,
  viewerId?: string,
) {
  const conditions = [eq(Participant.seriesId, seriesId)];
  if (filter.status) conditions.push(eq(Participant.status, filter.status));
  if (filter.role) conditions.push(eq(Participant.role, filter.role));
  if (filter.confirmed !== undefined) conditions.push(eq(Person.emailVerified, filter.confirmed));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    const match = or(
      ilike(Person.name, pattern),
      ilike(Person.email, pattern),
      ilike(Participant.organisation, pattern),
    );
    if (match) conditions.push(match);
  }
  const rows = await db
    .select({
      id: Participant.id,
      personId: Person.id,
      name: Person.name,
      email: Person.email,
      confirmed: Person.emailVerified,
      organisation: Participant.organisation,
      jobTitle: Participant.jobTitle,
      motivation: Participant.motivation,
      answers: Participant.answers,
      commitsToAllSessions: Participant.commitsToAllSessions,
      role: Participant.role,
      status: Participant.status,
      source: Participant.source,
      registeredAt: Participant.createdAt,
      decidedAt: Participant.decidedAt,
      erasedAt: Person.erasedAt,
    })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(and(...conditions))
    .orderBy(asc(Participant.createdAt));
  const series = await db.query.Series.findFirst({ where: eq(Series.id, seriesId) });
  return {
    registrations: rows.map(({ erasedAt, personId, ...r }) => ({
      ...r,
      you: personId === viewerId,
      // An erased account is counted, never named: its placeholder address is nobody's business.
      email: erasedAt ? "" : r.email,
      erased: erasedAt !== null,
      registeredAt: r.registeredAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
    approvedCount: await countApproved(db, seriesId),
    capacity: series?.capacity ?? null,
    retentionMonths: series?.retentionMonths ?? null,
    // The series' own questions, so the review page can label the answers.
    questions: series?.registration?.questions ?? [],
  };
}

/** Approved participants as members see them: names, organisations and roles, no addresses. */
export async function listMembers(db: Database, seriesId: string) {
  return db
    .select({
      id: Participant.id,
      name: Person.name,
      organisation: Participant.organisation,
      role: Participant.role,
    })
    .from(Participant)
    .innerJoin(Person, eq(Person.id, Participant.personId))
    .where(and(eq(Participant.seriesId, seriesId), eq(Participant.status, "approved")))
    .orderBy(asc(Person.name));
}
