import { randomUUID } from "node:crypto";
import {
  and,
  type Database,
  eq,
  inArray,
  Outcome,
  OutcomeLink,
  or,
  Poll,
  Question,
  sql,
  type Transaction,
} from "@reeks/db";
import type { ActionOwner, NotesAnchor, OutcomeKind, ProvenanceEntry, ProvenanceSource } from "@reeks/models";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { recordAudit } from "../audit";
import { publishLive } from "../live";
import {
  assertParticipantInSeries,
  assertThemeInSeries,
  badRequest,
  type CaptureActor,
  isModerator,
  notFound,
  seriesDefaults,
  viewerOf,
} from "./actor";
import { conflictError } from "./conflict";
import type {
  captureOutcomeInput,
  linkOutcomesInput,
  mergeOutcomesInput,
  setOutcomeStatusInput,
  updateOutcomeInput,
} from "./inputs";
import { loadOutcome, type OutcomeRecord } from "./records";
import { sanitizeText } from "./text";
import { callerOutcomeView } from "./views";

export function cleanText(text: string): string {
  const clean = sanitizeText(text);
  if (!clean) throw badRequest("text is empty once cleaned");
  return clean;
}

function ownerColumns(owner: ActionOwner | null | undefined) {
  if (owner === undefined) return {};
  return {
    ownerParticipantId: owner?.type === "person" ? owner.participantId : null,
    ownerOrganisation: owner?.type === "organisation" ? cleanText(owner.name) : null,
  };
}

async function checkActionFields(
  db: Database,
  actor: CaptureActor,
  kind: OutcomeKind,
  fields: { owner?: ActionOwner | null; dueDate?: string | null },
) {
  const setsActionField = (fields.owner ?? null) !== null || (fields.dueDate ?? null) !== null;
  if (setsActionField && kind !== "action") throw badRequest("only actions have an owner and a due date");
  if (fields.owner?.type === "person")
    await assertParticipantInSeries(db, fields.owner.participantId, actor.seriesId);
}

/** Appends the item's current state to the live log of its series. */
export async function publishOutcome(tx: Transaction | Database, id: string): Promise<OutcomeRecord> {
  const record = await loadOutcome(tx as Database, id);
  if (!record) throw notFound("outcome");
  await publishLive(tx, {
    seriesId: record.seriesId,
    sessionId: record.sessionId,
    type: "outcome",
    data: record as unknown as Record<string, unknown>,
  });
  return record;
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
  /** The participant it is attributed to (a question's asker), when not the actor. */
  authorId?: string | null;
}

/**
 * Writes a new item inside `tx`. Members' items start as proposals; a moderator's are confirmed
 * at once (they are the ones who confirm).
 */
export async function insertOutcome(tx: Transaction, actor: CaptureActor, item: NewOutcome): Promise<string> {
  const id = randomUUID();
  const authorId = item.authorId === undefined ? actor.participantId : item.authorId;
  const now = new Date();
  const defaults = await seriesDefaults(tx as Database, actor.seriesId);
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
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

export async function captureOutcome(
  db: Database,
  input: z.infer<typeof captureOutcomeInput>,
  actor: CaptureActor,
) {
  const text = cleanText(input.text);
  if (input.themeId) await assertThemeInSeries(db, input.themeId, actor.seriesId);
  await checkActionFields(db, actor, input.kind, input);
  const record = await db.transaction(async (tx) => {
    const id = await insertOutcome(tx, actor, {
      kind: input.kind,
      text,
      attribution: input.attribution,
      themeId: input.themeId,
      owner: input.owner,
      dueDate: input.dueDate,
      source: "proposed",
    });
    return publishOutcome(tx, id);
  });
  return callerOutcomeView(record, viewerOf(actor));
}

/** The item, if it was captured in the session named in the input. */
async function outcomeInSession(db: Database, outcomeId: string, actor: CaptureActor) {
  const row = await db.query.Outcome.findFirst({ where: eq(Outcome.id, outcomeId) });
  if (!row || row.sessionId !== actor.session.id) throw notFound("outcome");
  return row;
}

/** The item, if it belongs to the series (any of its sessions). */
async function outcomeInSeries(db: Database, outcomeId: string, actor: CaptureActor) {
  const row = await db.query.Outcome.findFirst({ where: eq(Outcome.id, outcomeId) });
  if (!row || row.seriesId !== actor.seriesId) throw notFound("outcome");
  return row;
}

async function conflictWithCurrent(db: Database, outcomeId: string, actor: CaptureActor): Promise<never> {
  const current = await loadOutcome(db, outcomeId);
  if (!current) throw notFound("outcome");
  throw conflictError(callerOutcomeView(current, viewerOf(actor)));
}

/**
 * A moderator's edit. It names the version it started from; if someone else saved in between, it
 * is refused with CONFLICT carrying the newer item, so neither edit disappears without anyone knowing.
 */
export async function updateOutcome(
  db: Database,
  input: z.infer<typeof updateOutcomeInput>,
  actor: CaptureActor,
) {
  const row = await outcomeInSession(db, input.outcomeId, actor);
  if (row.status === "merged")
    throw badRequest("a merged item cannot be edited; edit the item it was merged into");
  const text = input.text === undefined ? undefined : cleanText(input.text);
  if (input.themeId) await assertThemeInSeries(db, input.themeId, actor.seriesId);
  const kind = input.kind ?? row.kind;
  const owner = input.owner;
  const dueDate = input.dueDate;
  await checkActionFields(db, actor, kind, { owner, dueDate });
  // Turning an action into something else drops its owner and due date.
  const clearsActionFields = kind !== "action";
  const record = await db.transaction(async (tx) => {
    const updated = await tx
      .update(Outcome)
      .set({
        ...(text !== undefined ? { text } : {}),
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.themeId ? { themeId: input.themeId } : {}),
        ...(input.attribution ? { attribution: input.attribution } : {}),
        ...(input.key !== undefined ? { key: input.key } : {}),
        ...(clearsActionFields ? { ownerParticipantId: null, ownerOrganisation: null, dueDate: null } : {}),
        ...(!clearsActionFields ? ownerColumns(owner) : {}),
        ...(!clearsActionFields && dueDate !== undefined ? { dueDate } : {}),
        version: sql`${Outcome.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(Outcome.id, row.id), eq(Outcome.version, input.expectedVersion)))
      .returning({ id: Outcome.id });
    if (updated.length === 0) return null;
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: actor.seriesId,
      action: "outcome.edit",
      target: `outcome:${row.id}`,
      details: { fromVersion: input.expectedVersion },
    });
    return publishOutcome(tx, row.id);
  });
  if (!record) return conflictWithCurrent(db, row.id, actor);
  return callerOutcomeView(record, viewerOf(actor));
}

export async function setOutcomeStatus(
  db: Database,
  input: z.infer<typeof setOutcomeStatusInput>,
  actor: CaptureActor,
) {
  const row = await outcomeInSession(db, input.outcomeId, actor);
  if (row.status === "merged") throw badRequest("a merged item keeps its status");
  const record = await db.transaction(async (tx) => {
    await tx
      .update(Outcome)
      .set({ status: input.status, version: sql`${Outcome.version} + 1`, updatedAt: new Date() })
      .where(eq(Outcome.id, row.id));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: actor.seriesId,
      action: `outcome.${input.status === "confirmed" ? "confirm" : input.status === "rejected" ? "reject" : "reopen"}`,
      target: `outcome:${row.id}`,
      details: {},
    });
    return publishOutcome(tx, row.id);
  });
  return callerOutcomeView(record, viewerOf(actor));
}

function ordered(a: string, b: string): { aId: string; bId: string } {
  return a < b ? { aId: a, bId: b } : { aId: b, bId: a };
}

/**
 * Folds a duplicate into the item that stays: the survivor gains the duplicate's provenance, links,
 * key flag and the questions/polls that pointed at it; the duplicate stays, marked merged, so
 * nothing captured is ever deleted.
 */
export async function mergeOutcomes(
  db: Database,
  input: z.infer<typeof mergeOutcomesInput>,
  actor: CaptureActor,
) {
  if (input.outcomeId === input.duplicateId) throw badRequest("an item cannot be merged into itself");
  await outcomeInSession(db, input.outcomeId, actor);
  await outcomeInSeries(db, input.duplicateId, actor);
  const record = await db.transaction(async (tx) => {
    // Lock both rows in a fixed order so two merges of the same pair cannot deadlock.
    const rows = await tx
      .select()
      .from(Outcome)
      .where(inArray(Outcome.id, [input.outcomeId, input.duplicateId]))
      .orderBy(Outcome.id)
      .for("update");
    const keep = rows.find((r) => r.id === input.outcomeId);
    const duplicate = rows.find((r) => r.id === input.duplicateId);
    if (!keep || !duplicate) throw notFound("outcome");
    if (keep.status === "merged" || duplicate.status === "merged") {
      throw new TRPCError({ code: "CONFLICT", message: "already merged" });
    }
    const now = new Date();
    await tx
      .update(Outcome)
      .set({
        provenance: [...keep.provenance, ...duplicate.provenance],
        key: keep.key || duplicate.key,
        version: sql`${Outcome.version} + 1`,
        updatedAt: now,
      })
      .where(eq(Outcome.id, keep.id));
    await tx
      .update(Outcome)
      .set({ status: "merged", mergedIntoId: keep.id, version: sql`${Outcome.version} + 1`, updatedAt: now })
      .where(eq(Outcome.id, duplicate.id));
    const links = await tx
      .select()
      .from(OutcomeLink)
      .where(or(eq(OutcomeLink.aId, duplicate.id), eq(OutcomeLink.bId, duplicate.id)));
    const touched = new Set<string>();
    for (const link of links) {
      const other = link.aId === duplicate.id ? link.bId : link.aId;
      touched.add(other);
      if (other === keep.id) continue;
      await tx
        .insert(OutcomeLink)
        .values({ ...ordered(keep.id, other), createdBy: link.createdBy })
        .onConflictDoNothing();
    }
    await tx
      .delete(OutcomeLink)
      .where(or(eq(OutcomeLink.aId, duplicate.id), eq(OutcomeLink.bId, duplicate.id)));
    await tx.update(Question).set({ outcomeId: keep.id }).where(eq(Question.outcomeId, duplicate.id));
    await tx.update(Poll).set({ outcomeId: keep.id }).where(eq(Poll.outcomeId, duplicate.id));
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: actor.seriesId,
      action: "outcome.merge",
      target: `outcome:${keep.id}`,
      details: { duplicateId: duplicate.id },
    });
    await publishOutcome(tx, duplicate.id);
    for (const other of touched) if (other !== keep.id) await publishOutcome(tx, other);
    return publishOutcome(tx, keep.id);
  });
  return callerOutcomeView(record, viewerOf(actor));
}

/** Links two items of the series (this problem ↔ that action), possibly across sessions. */
export async function linkOutcomes(
  db: Database,
  input: z.infer<typeof linkOutcomesInput> & { unlink?: boolean },
  actor: CaptureActor,
) {
  if (input.outcomeId === input.otherId) throw badRequest("an item cannot be linked to itself");
  await outcomeInSession(db, input.outcomeId, actor);
  const other = await outcomeInSeries(db, input.otherId, actor);
  if (other.status === "merged") throw badRequest("link the item it was merged into");
  const record = await db.transaction(async (tx) => {
    const pair = ordered(input.outcomeId, input.otherId);
    if (input.unlink) {
      await tx.delete(OutcomeLink).where(and(eq(OutcomeLink.aId, pair.aId), eq(OutcomeLink.bId, pair.bId)));
    } else {
      await tx
        .insert(OutcomeLink)
        .values({ ...pair, createdBy: actor.participantId })
        .onConflictDoNothing();
    }
    await recordAudit(tx, {
      actorId: actor.personId,
      seriesId: actor.seriesId,
      action: input.unlink ? "outcome.unlink" : "outcome.link",
      target: `outcome:${input.outcomeId}`,
      details: { otherId: input.otherId },
    });
    await publishOutcome(tx, input.otherId);
    return publishOutcome(tx, input.outcomeId);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
