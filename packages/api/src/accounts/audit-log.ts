import { AuditEntry, and, type Database, desc, eq, inArray, Participant, Person, Session } from "@reeks/db";

/** Someone named in the log: an erased account keeps its place but not its name. */
export interface AuditPerson {
  name: string;
  erased: boolean;
}

/** One line of the log, ready to be written as a sentence in the reader's language. */
export interface AuditLine {
  id: string;
  at: string;
  /** The dotted verb, e.g. "participant.set_role"; the web app has a sentence per verb. */
  action: string;
  /** Null: Reeks itself (a job, the command line). */
  actor: AuditPerson | null;
  /** Whom it was about; several when one action approved a batch. */
  people: AuditPerson[];
  /** Position of the session it was about, if any. */
  session: number | null;
  /** The few details a sentence names: a role, a status before and after, a count. */
  from: string | null;
  to: string | null;
  role: string | null;
  count: number;
}

const ID = /^[0-9a-zA-Z-]+$/;

function idOf(target: string | null, kind: string): string | null {
  if (!target?.startsWith(`${kind}:`)) return null;
  const id = target.slice(kind.length + 1);
  return ID.test(id) ? id : null;
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/**
 * The series' audit log, newest first, with names instead of ids: the people acted on, the session
 * acted in. Entries of one batch (bulk approval) become one line naming everyone in it.
 */
export async function seriesAuditLog(db: Database, seriesId: string, limit = 200): Promise<AuditLine[]> {
  const rows = await db
    .select({
      id: AuditEntry.id,
      at: AuditEntry.at,
      action: AuditEntry.action,
      target: AuditEntry.target,
      details: AuditEntry.details,
      actorName: Person.name,
      actorErased: Person.erasedAt,
    })
    .from(AuditEntry)
    .leftJoin(Person, eq(Person.id, AuditEntry.actorId))
    .where(eq(AuditEntry.seriesId, seriesId))
    .orderBy(desc(AuditEntry.at), desc(AuditEntry.id))
    .limit(limit);

  const participantIds = rows.flatMap((r) => idOf(r.target, "participant") ?? []);
  const personIds = rows.flatMap((r) => idOf(r.target, "person") ?? []);
  const sessionIds = rows.flatMap((r) => {
    const id = idOf(r.target, "session") ?? text(r.details.sessionId);
    return id && ID.test(id) ? [id] : [];
  });
  // Only this series' participants and sessions: a forged target cannot name anyone else.
  const participants = participantIds.length
    ? await db
        .select({ id: Participant.id, name: Person.name, erasedAt: Person.erasedAt })
        .from(Participant)
        .innerJoin(Person, eq(Person.id, Participant.personId))
        .where(and(eq(Participant.seriesId, seriesId), inArray(Participant.id, [...new Set(participantIds)])))
    : [];
  const people = personIds.length
    ? await db
        .select({ id: Person.id, name: Person.name, erasedAt: Person.erasedAt })
        .from(Person)
        .where(inArray(Person.id, [...new Set(personIds)]))
    : [];
  const sessions = sessionIds.length
    ? await db
        .select({ id: Session.id, position: Session.position, seriesId: Session.seriesId })
        .from(Session)
        .where(inArray(Session.id, [...new Set(sessionIds)]))
    : [];
  const named = new Map<string, AuditPerson>();
  for (const p of participants) {
    named.set(`participant:${p.id}`, { name: p.erasedAt ? "" : p.name, erased: !!p.erasedAt });
  }
  for (const p of people)
    named.set(`person:${p.id}`, { name: p.erasedAt ? "" : p.name, erased: !!p.erasedAt });
  const positions = new Map(sessions.filter((s) => s.seriesId === seriesId).map((s) => [s.id, s.position]));

  const lines: AuditLine[] = [];
  const batches = new Map<string, AuditLine>();
  for (const row of rows) {
    const target = row.target ? named.get(row.target) : undefined;
    const batch = text(row.details.batch);
    const earlier = batch ? batches.get(`${row.action}:${batch}`) : undefined;
    if (earlier) {
      if (target) earlier.people.push(target);
      earlier.count += 1;
      continue;
    }
    const sessionId = idOf(row.target, "session") ?? text(row.details.sessionId);
    const line: AuditLine = {
      id: row.id,
      at: row.at.toISOString(),
      action: row.action,
      actor:
        row.actorName === null
          ? null
          : { name: row.actorErased ? "" : row.actorName, erased: !!row.actorErased },
      people: target ? [target] : [],
      session: sessionId ? (positions.get(sessionId) ?? null) : null,
      from: text(row.details.from),
      to: text(row.details.to),
      role: text(row.details.role),
      count: typeof row.details.count === "number" ? row.details.count : 1,
    };
    if (batch) batches.set(`${row.action}:${batch}`, line);
    lines.push(line);
  }
  return lines;
}
