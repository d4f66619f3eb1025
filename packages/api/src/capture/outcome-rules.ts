import { randomUUID } from "node:crypto";
import { type Database, eq, Outcome, type Transaction } from "@reeks/db";
import type {
  ActionOwner,
  NotesAnchor,
  OutcomeKind,
  ProvenanceEntry,
  ProvenanceSource,
  TranscriptAnchor,
} from "@reeks/models";
import {
  assertParticipantInSeries,
  badRequest,
  type CaptureActor,
  isModerator,
  notFound,
  seriesDefaults,
} from "./actor";
import { cleanText } from "./text";

/**
 * What every use case of the outcome aggregate shares: finding an item within the caller's scope,
 * the rules for action fields, and writing a new item.
 */

export function ownerColumns(owner: ActionOwner | null | undefined) {
  if (owner === undefined) return {};
  return {
    ownerParticipantId: owner?.type === "person" ? owner.participantId : null,
    ownerOrganisation: owner?.type === "organisation" ? cleanText(owner.name) : null,
  };
}

export async function checkActionFields(
  db: Database,
  actor: CaptureActor,
  fields: { kind: OutcomeKind; owner?: ActionOwner | null; dueDate?: string | null },
) {
  const { kind } = fields;
  const setsActionField = (fields.owner ?? null) !== null || (fields.dueDate ?? null) !== null;
  if (setsActionField && kind !== "action") throw badRequest("onlyActionsHaveOwner");
  if (fields.owner?.type === "person")
    await assertParticipantInSeries(db, fields.owner.participantId, actor.seriesId);
}

/** The item, if it was captured in the session named in the input. */
export async function outcomeInSession(db: Database, outcomeId: string, actor: CaptureActor) {
  const row = await db.query.Outcome.findFirst({ where: eq(Outcome.id, outcomeId) });
  if (!row || row.sessionId !== actor.session.id) throw notFound("outcomeNotFound");
  return row;
}

/** The item, if it belongs to the series (any of its sessions). */
export async function outcomeInSeries(db: Database, outcomeId: string, actor: CaptureActor) {
  const row = await db.query.Outcome.findFirst({ where: eq(Outcome.id, outcomeId) });
  if (!row || row.seriesId !== actor.seriesId) throw notFound("outcomeNotFound");
  return row;
}

/** A link is stored once per pair, smaller id first. */
export function orderedPair(a: string, b: string): { aId: string; bId: string } {
  return a < b ? { aId: a, bId: b } : { aId: b, bId: a };
}

export interface NewOutcome {
  kind: OutcomeKind;
  text: string;
  attribution?: "named" | "chatham_house" | "anonymous";
  themeId?: string;
  owner?: ActionOwner | null;
  dueDate?: string | null;
  source: ProvenanceSource;
  ref?: string;
  notesAnchor?: NotesAnchor;
  transcriptAnchor?: TranscriptAnchor;
  /** The participant it is attributed to (a question's asker), when not the actor. */
  authorId?: string | null;
  /** The breakout group it was captured in (checked by the caller). */
  breakoutGroupId?: string;
}

/**
 * Writes a new item inside `tx`. Members' items start as proposals; a moderator's are confirmed
 * at once (they are the ones who confirm).
 */
export async function insertOutcome(tx: Transaction, actor: CaptureActor, item: NewOutcome): Promise<string> {
  const id = randomUUID();
  const authorId = item.authorId === undefined ? actor.participantId : item.authorId;
  const now = new Date();
  const defaults = await seriesDefaults(tx, actor.seriesId);
  const provenance: ProvenanceEntry[] = [
    {
      outcomeId: id,
      sessionId: actor.session.id,
      source: item.source,
      authorId,
      at: now.toISOString(),
      ...(item.ref ? { ref: item.ref } : {}),
    },
  ];
  await tx.insert(Outcome).values({
    id,
    seriesId: actor.seriesId,
    sessionId: actor.session.id,
    themeId: item.themeId ?? actor.session.themeId,
    kind: item.kind,
    text: item.text,
    authorId,
    attribution: item.attribution ?? defaults.defaultAttribution,
    status: isModerator(actor) ? "confirmed" : "proposed",
    dueDate: item.dueDate ?? null,
    ...ownerColumns(item.owner),
    provenance,
    notesAnchor: item.notesAnchor ?? null,
    transcriptAnchor: item.transcriptAnchor ?? null,
    breakoutGroupId: item.breakoutGroupId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}
