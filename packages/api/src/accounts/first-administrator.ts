import { Administrator, and, type Database, eq, Participant, Series, type Transaction } from "@reeks/db";

/**
 * Whether anyone can administer the workspace: an administrator, or (from before that role existed)
 * an approved organiser of any series, who can make organisers.
 */
export async function hasAdministrator(db: Database | Transaction): Promise<boolean> {
  const [admin] = await db.select({ id: Administrator.personId }).from(Administrator).limit(1);
  if (admin) return true;
  const [row] = await db
    .select({ id: Participant.id })
    .from(Participant)
    .where(and(eq(Participant.role, "organiser"), eq(Participant.status, "approved")))
    .limit(1);
  return row !== undefined;
}

/**
 * The one grant that makes a person the first administrator of a fresh installation: the workspace
 * administrator role (create series, appoint organisers), and organiser of every series that exists
 * already (the demo series, or those restored from a backup), so they can run them at once.
 */
export async function makeFirstAdministrator(db: Database | Transaction, userId: string): Promise<void> {
  const now = new Date();
  await db.insert(Administrator).values({ personId: userId }).onConflictDoNothing();
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
