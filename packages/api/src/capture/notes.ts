import {
  and,
  asc,
  type Database,
  eq,
  isNull,
  lte,
  NoteTaker,
  Participant,
  Person,
  SessionNoteUpdate,
  sql,
} from "@reeks/db";
import { LIMITS, type NoteTakersView, outcomeKindSchema } from "@reeks/models";
import { NOTES_TEXT } from "@reeks/models/notes-sync";
import * as Y from "yjs";
import { z } from "zod";
import { withAudit } from "../audit";
import { DomainError } from "../domain-error";
import { int8Id } from "../int8";
import { latestEventId } from "../live";
import { holdersAndCandidates } from "../session-helpers";
import { assertParticipantInSeries, badRequest, type CaptureActor, viewerOf } from "./actor";
import { assertGroupAccess, groupMemberIds } from "./groups";
import { publishCapture, publishItem } from "./live-events";
import { insertOutcome } from "./outcome-rules";
import { canTakeNotes } from "./snapshot";
import { cleanText } from "./text";
import { callerOutcomeView } from "./views";

/** Stored history of one session's notes, in bytes of Yjs updates. */
const MAX_NOTES_BYTES = 8 * 1024 * 1024;

const base64 = z
  .string()
  .min(4)
  .max(LIMITS.notesUpdate)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/);

/** Absent: the session's own notes; else the notes of that breakout group of the session. */
const breakoutGroupId = z.uuid().optional();

export const notesInput = z.object({ sessionId: z.uuid(), breakoutGroupId });
export const pushNotesInput = z.object({ sessionId: z.uuid(), update: base64, breakoutGroupId });
export const notesAtInput = z.object({ sessionId: z.uuid(), updateId: int8Id, breakoutGroupId });
export const noteTakerInput = z.object({
  sessionId: z.uuid(),
  participantId: z.uuid(),
  designate: z.boolean(),
});
export const passageToOutcomeInput = z.object({
  sessionId: z.uuid(),
  breakoutGroupId,
  kind: outcomeKindSchema,
  text: z.string().trim().min(1).max(LIMITS.outcomeText),
  /** Yjs relative positions (base64) of the passage's start and end, so the link survives edits. */
  start: z
    .string()
    .max(512)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  end: z
    .string()
    .max(512)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

/** One notes document: the session's own (`groupId` null) or one breakout group's. */
export interface NotesDocument {
  sessionId: string;
  groupId: string | null;
}

function documentWhere(document: NotesDocument) {
  return and(
    eq(SessionNoteUpdate.sessionId, document.sessionId),
    document.groupId === null
      ? isNull(SessionNoteUpdate.breakoutGroupId)
      : eq(SessionNoteUpdate.breakoutGroupId, document.groupId),
  );
}

async function storedUpdates(db: Database, document: NotesDocument, upTo?: bigint): Promise<Uint8Array[]> {
  const rows = await db
    .select({ update: SessionNoteUpdate.update })
    .from(SessionNoteUpdate)
    .where(
      upTo === undefined
        ? documentWhere(document)
        : and(documentWhere(document), lte(SessionNoteUpdate.id, upTo)),
    )
    .orderBy(asc(SessionNoteUpdate.id));
  return rows.map((r) => r.update);
}

/**
 * Which notes the caller asks for, and whether they may write them. The session's notes are read by
 * everyone in it and written by moderators and note-takers; a group's are read and written by the
 * group and the moderators alone.
 */
export async function notesAccess(
  db: Database,
  actor: CaptureActor,
  breakoutGroupId: string | undefined,
): Promise<{ document: NotesDocument; canWrite: boolean }> {
  if (breakoutGroupId === undefined)
    return {
      document: { sessionId: actor.session.id, groupId: null },
      canWrite: await canTakeNotes(db, actor),
    };
  await assertGroupAccess(db, actor, breakoutGroupId, "groupNotesForbidden");
  return { document: { sessionId: actor.session.id, groupId: breakoutGroupId }, canWrite: true };
}

/** The notes as one merged Yjs update (Yjs does the merging), plus the stream position it is current to. */
export async function readNotes(db: Database, input: z.infer<typeof notesInput>, actor: CaptureActor) {
  const { document, canWrite } = await notesAccess(db, actor, input.breakoutGroupId);
  const cursor = await latestEventId({ db }, actor.seriesId);
  const updates = await storedUpdates(db, document);
  const merged = updates.length ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(new Y.Doc());
  return { cursor, state: toBase64(merged), canWrite };
}

/** The plain text of the notes the caller may read, optionally as it was right after update `upTo`. */
export async function readNotesText(db: Database, input: z.infer<typeof notesAtInput>, actor: CaptureActor) {
  const { document } = await notesAccess(db, actor, input.breakoutGroupId);
  return { text: await notesText(db, document, BigInt(input.updateId)) };
}

/** The plain text of one notes document, optionally as it was right after update `upTo`. */
export async function notesText(db: Database, document: NotesDocument, upTo?: bigint): Promise<string> {
  const doc = new Y.Doc();
  const updates = await storedUpdates(db, document, upTo);
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc.getText(NOTES_TEXT).toString();
}

/**
 * Stores one Yjs update from a moderator or note-taker and passes it to everyone on the session's
 * stream. Updates commute, so writers never overwrite each other; a repeated update is harmless.
 */
export async function pushNotes(db: Database, input: z.infer<typeof pushNotesInput>, actor: CaptureActor) {
  const { document, canWrite } = await notesAccess(db, actor, input.breakoutGroupId);
  if (!canWrite) throw new DomainError("FORBIDDEN", "notesWriteForbidden");
  const update = fromBase64(input.update);
  try {
    // Throws on anything that is not a Yjs update.
    Y.decodeUpdate(update);
  } catch {
    throw badRequest("notesUpdateInvalid");
  }
  const [size] = await db
    .select({ bytes: sql<number>`coalesce(sum(length(${SessionNoteUpdate.update})), 0)::int` })
    .from(SessionNoteUpdate)
    .where(documentWhere(document));
  if ((size?.bytes ?? 0) + update.byteLength > MAX_NOTES_BYTES) {
    throw new DomainError("PAYLOAD_TOO_LARGE", "notesFull");
  }
  const audience = document.groupId
    ? {
        breakoutGroupId: document.groupId,
        audience: (await groupMemberIds(db, [document.groupId])).get(document.groupId) ?? [],
      }
    : {};
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(SessionNoteUpdate)
      .values({
        sessionId: actor.session.id,
        breakoutGroupId: document.groupId,
        authorId: actor.participantId,
        update,
      })
      .returning({ id: SessionNoteUpdate.id });
    await publishCapture(tx, actor.seriesId, "notes", {
      sessionId: actor.session.id,
      update: input.update,
      ...audience,
    });
    return row?.id.toString() ?? "0";
  });
  return { updateId: id };
}

/** Who wrote when: the stored updates, newest first. */
export async function notesHistory(db: Database, input: z.infer<typeof notesInput>, actor: CaptureActor) {
  const { document } = await notesAccess(db, actor, input.breakoutGroupId);
  const rows = await db
    .select({
      id: SessionNoteUpdate.id,
      at: SessionNoteUpdate.at,
      name: Person.name,
      bytes: sql<number>`length(${SessionNoteUpdate.update})::int`,
    })
    .from(SessionNoteUpdate)
    .leftJoin(Participant, eq(SessionNoteUpdate.authorId, Participant.id))
    .leftJoin(Person, eq(Participant.personId, Person.id))
    .where(documentWhere(document))
    .orderBy(sql`${SessionNoteUpdate.id} desc`)
    .limit(200);
  return rows.map((r) => ({ id: r.id.toString(), at: r.at.toISOString(), author: r.name, bytes: r.bytes }));
}

/**
 * The designated note-takers of the session and the approved participants who could become one.
 * Moderators and organisers write the notes anyway, so they are never candidates.
 */
export async function listNoteTakers(db: Database, actor: CaptureActor): Promise<NoteTakersView> {
  const { holders, candidates } = await holdersAndCandidates(
    db,
    actor.seriesId,
    db
      .select({ participantId: NoteTaker.participantId })
      .from(NoteTaker)
      .where(eq(NoteTaker.sessionId, actor.session.id)),
  );
  return { noteTakers: holders, candidates };
}

/**
 * Makes a participant a note-taker of the session, or no longer one. Audited, and told on the live
 * stream so the person's open panel switches between reading and writing without a reload.
 */
export async function designateNoteTaker(
  db: Database,
  input: z.infer<typeof noteTakerInput>,
  actor: CaptureActor,
) {
  await assertParticipantInSeries(db, input.participantId, actor.seriesId);
  const audit = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: input.designate ? "notes.designate" : "notes.undesignate",
    target: `participant:${input.participantId}`,
    details: { sessionId: actor.session.id },
  };
  await withAudit(db, audit, async (tx) => {
    if (input.designate) {
      await tx
        .insert(NoteTaker)
        .values({ sessionId: actor.session.id, participantId: input.participantId })
        .onConflictDoNothing();
    } else {
      await tx
        .delete(NoteTaker)
        .where(
          and(eq(NoteTaker.sessionId, actor.session.id), eq(NoteTaker.participantId, input.participantId)),
        );
    }
    await publishCapture(tx, actor.seriesId, "noteTaker", {
      sessionId: actor.session.id,
      participantId: input.participantId,
      designated: input.designate,
    });
  });
  return { ok: true };
}

/** One step from a passage of the notes to an outcome item that keeps pointing at the passage. */
export async function passageToOutcome(
  db: Database,
  input: z.infer<typeof passageToOutcomeInput>,
  actor: CaptureActor,
) {
  const { document, canWrite } = await notesAccess(db, actor, input.breakoutGroupId);
  if (!canWrite) throw new DomainError("FORBIDDEN", "notesLiftForbidden");
  const text = cleanText(input.text);
  for (const position of [input.start, input.end]) {
    if (!position) continue;
    try {
      Y.decodeRelativePosition(fromBase64(position));
    } catch {
      throw badRequest("notesPositionInvalid");
    }
  }
  const record = await db.transaction(async (tx) => {
    const id = await insertOutcome(tx, actor, {
      kind: input.kind,
      text,
      source: "notes",
      ref: document.groupId ?? actor.session.id,
      breakoutGroupId: document.groupId ?? undefined,
      notesAnchor: { start: input.start, end: input.end, quote: text.slice(0, 280) },
    });
    return publishItem(tx, actor, "outcome", id);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
