import { and, type Database, eq, Participant, Series, type Transaction } from "@reeks/db";

/**
 * Whether anyone can administer the workspace. Until a real administrator role exists, an approved
 * organiser of any series is the one who can make organisers.
 */
export async function hasAdministrator(db: Database | Transaction): Promise<boolean> {
  const [row] = await db
    .select({ id: Participant.id })
    .from(Participant)
    .where(and(eq(Participant.role, "organiser"), eq(Participant.status, "approved")))
    .limit(1);
  return row !== undefined;
}

/**
 * The one grant that makes a person the first administrator of a fresh installation. For now that is
 * organiser of every series (an organiser can make organisers); it is the place to grant an
 * administrator role once one exists.
 */
export async function makeFirstAdministrator(db: Database | Transaction, userId: string): Promise<void> {
  const now = new Date();
  for (const series of await db.select({ id: Series.id }).from(Series)) {
    await db
      .insert(Participant)
      .values({
        seriesId: series.id,
        personId: userId,
        organisation: "",
        role: "organiser",
        status: "approved",
        source: "invitation",
        decidedAt: now,
      })
      .onConflictDoUpdate({
        target: [Participant.seriesId, Participant.personId],
        set: { role: "organiser", status: "approved", decidedAt: now, updatedAt: now },
      });
  }
}
