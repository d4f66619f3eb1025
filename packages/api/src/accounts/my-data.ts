import {
  AuthAccount,
  AuthSession,
  AuthVerification,
  and,
  type Database,
  eq,
  Participant,
  Person,
  RateLimitCounter,
  Series,
  sql,
  type Transaction,
} from "@reeks/db";
import { withAudit } from "../audit";
import { fillFreedPlaces } from "./seats";

/** Secrets that are about the person but must never leave the server, not even to them. */
const SECRET_COLUMNS: Record<string, string[]> = {
  auth_session: ["token"],
  auth_account: ["access_token", "refresh_token", "id_token", "password"],
};

interface ForeignKey {
  table_name: string;
  column_name: string;
  referenced: string;
}

/**
 * Every column in the database that points at a person or a participant, found from the catalogue, so
 * that tables added later (availability, outcomes, votes, …) are in the export without anyone having to
 * remember to add them here.
 */
async function columnsReferencingPeople(db: Database): Promise<ForeignKey[]> {
  const result = await db.execute(sql`
    select cl.relname as table_name, att.attname as column_name, ref.relname as referenced
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_class ref on ref.oid = con.confrelid
    join pg_namespace ns on ns.oid = cl.relnamespace
    join pg_attribute att on att.attrelid = con.conrelid and att.attnum = con.conkey[1]
    where con.contype = 'f' and ref.relname in ('person', 'participant') and ns.nspname = current_schema()
    order by cl.relname, att.attname`);
  return (result as unknown as { rows: ForeignKey[] }).rows;
}

/** Everything Reeks holds about one person, as plain JSON: their account and every row that refers to them. */
export async function exportMyData(db: Database, personId: string) {
  const person = await db.query.Person.findFirst({ where: eq(Person.id, personId) });
  if (!person) return null;
  const participations = await db
    .select({ participant: Participant, seriesSlug: Series.slug, seriesTitle: Series.title })
    .from(Participant)
    .innerJoin(Series, eq(Series.id, Participant.seriesId))
    .where(eq(Participant.personId, personId));
  const participantIds = participations.map((p) => p.participant.id);
  const related: Record<string, Record<string, unknown>[]> = {};
  for (const fk of await columnsReferencingPeople(db)) {
    if (fk.table_name === "participant" && fk.referenced === "person") continue; // already above
    const ids = fk.referenced === "person" ? [personId] : participantIds;
    if (ids.length === 0) continue;
    const result = await db.execute(
      sql`select * from ${sql.identifier(fk.table_name)} where ${sql.identifier(fk.column_name)} in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    const secret = SECRET_COLUMNS[fk.table_name] ?? [];
    const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([column]) => !secret.includes(column))),
    );
    if (rows.length) related[`${fk.table_name}.${fk.column_name}`] = rows;
  }
  const counters = await db
    .select()
    .from(RateLimitCounter)
    .where(sql`${RateLimitCounter.key} like ${`%:email:${person.email}`}`);
  return {
    exportedAt: new Date().toISOString(),
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      emailVerified: person.emailVerified,
      locale: person.locale,
      createdAt: person.createdAt.toISOString(),
      updatedAt: person.updatedAt.toISOString(),
    },
    participations: participations.map((p) => ({
      series: { slug: p.seriesSlug, title: p.seriesTitle },
      ...p.participant,
    })),
    related,
    rateLimitCounters: counters,
  };
}

/**
 * Removes every personal field of a person in place. The rows stay, so what they contributed (outcomes,
 * questions, votes) remains part of the series, but it is no longer under their name: the UI shows an
 * erased person as "removed participant". Their sessions end, their registrations lapse.
 */
export async function anonymisePerson(tx: Transaction | Database, personId: string): Promise<void> {
  const person = await tx.query.Person.findFirst({ where: eq(Person.id, personId) });
  if (!person || person.erasedAt) return;
  const now = new Date();
  await tx
    .update(Person)
    .set({
      name: "",
      email: `erased-${person.id}@erased.invalid`,
      emailVerified: false,
      image: null,
      locale: "nl",
      erasedAt: now,
      updatedAt: now,
    })
    .where(eq(Person.id, personId));
  await tx
    .update(Participant)
    .set({
      organisation: "",
      jobTitle: "",
      motivation: null,
      consentedAt: null,
      status: "declined",
      updatedAt: now,
    })
    .where(eq(Participant.personId, personId));
  await tx.delete(AuthSession).where(eq(AuthSession.userId, personId));
  await tx.delete(AuthAccount).where(eq(AuthAccount.userId, personId));
  await tx.delete(AuthVerification).where(sql`${AuthVerification.value} like ${`%"${person.email}"%`}`);
  await tx.delete(RateLimitCounter).where(sql`${RateLimitCounter.key} like ${`%:email:${person.email}`}`);
}

/** The person erases their own account. */
export async function eraseMyAccount(db: Database, personId: string): Promise<void> {
  const erased = { actorId: personId, seriesId: null, action: "account.erase", target: `person:${personId}` };
  await withAudit(db, erased, async (tx) => {
    const held = await tx
      .select({ seriesId: Participant.seriesId })
      .from(Participant)
      .where(and(eq(Participant.personId, personId), eq(Participant.status, "approved")));
    await anonymisePerson(tx, personId);
    for (const { seriesId } of held) await fillFreedPlaces(tx, seriesId, `erasure:${personId}`);
  });
}
