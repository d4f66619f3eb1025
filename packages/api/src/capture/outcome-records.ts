import {
  alias,
  asc,
  type Database,
  eq,
  inArray,
  Outcome,
  OutcomeLink,
  or,
  Participant,
  Person,
  type SQL,
} from "@reeks/db";
import type { OutcomeLinkSummary } from "@reeks/models";
import { loadGroupProvenance } from "./groups";
import { authorOf, iso, type OutcomeRecord } from "./records";

const OwnerParticipant = alias(Participant, "owner_participant");
const OwnerPerson = alias(Person, "owner_person");

/** The outcome aggregate's loader: items with their author, owner and links, as the live log carries them. */
export async function loadOutcomes(db: Database, where: SQL | undefined): Promise<OutcomeRecord[]> {
  const rows = await db
    .select({
      o: Outcome,
      authorName: Person.name,
      authorOrganisation: Participant.organisation,
      ownerName: OwnerPerson.name,
    })
    .from(Outcome)
    .leftJoin(Participant, eq(Outcome.authorId, Participant.id))
    .leftJoin(Person, eq(Participant.personId, Person.id))
    .leftJoin(OwnerParticipant, eq(Outcome.ownerParticipantId, OwnerParticipant.id))
    .leftJoin(OwnerPerson, eq(OwnerParticipant.personId, OwnerPerson.id))
    .where(where)
    .orderBy(asc(Outcome.createdAt), asc(Outcome.id));
  const [links, groups] = await Promise.all([
    loadLinks(
      db,
      rows.map((r) => r.o.id),
    ),
    loadGroupProvenance(
      db,
      rows.flatMap((r) => (r.o.breakoutGroupId ? [r.o.breakoutGroupId] : [])),
    ),
  ]);
  const groupOf = (groupId: string | null, sharedAt: Date | null) => {
    const group = groupId ? groups.get(groupId) : undefined;
    return group ? { ...group, sharedAt: sharedAt ? iso(sharedAt) : null } : null;
  };
  return rows.map(({ o, authorName, authorOrganisation, ownerName }) => ({
    id: o.id,
    seriesId: o.seriesId,
    sessionId: o.sessionId,
    themeId: o.themeId,
    kind: o.kind,
    text: o.text,
    status: o.status,
    key: o.key,
    attribution: o.attribution,
    authorId: o.authorId,
    author: authorOf(authorName, authorOrganisation),
    owner: o.ownerParticipantId
      ? { type: "person", participantId: o.ownerParticipantId, name: ownerName ?? "" }
      : o.ownerOrganisation
        ? { type: "organisation", name: o.ownerOrganisation }
        : null,
    dueDate: o.dueDate,
    version: o.version,
    mergedIntoId: o.mergedIntoId,
    provenance: o.provenance,
    links: links.get(o.id) ?? [],
    notesAnchor: o.notesAnchor ?? null,
    transcriptAnchor: o.transcriptAnchor ?? null,
    group: groupOf(o.breakoutGroupId, o.sharedAt),
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  }));
}

export async function loadOutcome(db: Database, id: string): Promise<OutcomeRecord | null> {
  const [record] = await loadOutcomes(db, eq(Outcome.id, id));
  return record ?? null;
}

async function loadLinks(db: Database, ids: string[]): Promise<Map<string, OutcomeLinkSummary[]>> {
  const result = new Map<string, OutcomeLinkSummary[]>();
  if (ids.length === 0) return result;
  const pairs = await db
    .select()
    .from(OutcomeLink)
    .where(or(inArray(OutcomeLink.aId, ids), inArray(OutcomeLink.bId, ids)));
  if (pairs.length === 0) return result;
  const otherIds = [...new Set(pairs.flatMap((p) => [p.aId, p.bId]))];
  const summaries = await db
    .select({
      id: Outcome.id,
      sessionId: Outcome.sessionId,
      kind: Outcome.kind,
      text: Outcome.text,
      status: Outcome.status,
      breakoutGroupId: Outcome.breakoutGroupId,
      sharedAt: Outcome.sharedAt,
    })
    .from(Outcome)
    .where(inArray(Outcome.id, otherIds));
  const byId = new Map(summaries.map((s) => [s.id, s]));
  // A group's item that is not shared yet is seen only from inside its group: a link from any other
  // item would show its text to people outside the group.
  const unsharedGroupOf = (id: string) => {
    const s = byId.get(id);
    return s?.breakoutGroupId && !s.sharedAt ? s.breakoutGroupId : null;
  };
  const wanted = new Set(ids);
  for (const { aId, bId } of pairs) {
    for (const [self, other] of [
      [aId, bId],
      [bId, aId],
    ] as const) {
      const summary = byId.get(other);
      if (!wanted.has(self) || !summary) continue;
      const hiddenIn = unsharedGroupOf(other);
      if (hiddenIn && byId.get(self)?.breakoutGroupId !== hiddenIn) continue;
      const { breakoutGroupId: _group, sharedAt: _shared, ...visible } = summary;
      const list = result.get(self) ?? [];
      list.push(visible);
      result.set(self, list);
    }
  }
  return result;
}
