import {
  and,
  asc,
  type Database,
  eq,
  lte,
  NoteTaker,
  Participant,
  Person,
  SessionNoteUpdate,
  sql,
} from "@reeks/db";
import { LIMITS, type NoteTakersView, type NoteTakerView, outcomeKindSchema } from "@reeks/models";
import { NOTES_TEXT } from "@reeks/models/notes-sync";
import * as Y from "yjs";
import { z } from "zod";
import { roleAtLeast } from "../access";
import { withAudit } from "../audit";
import { DomainError } from "../domain-error";
import { int8Id } from "../int8";
import { latestEventId } from "../live";
import { assertParticipantInSeries, badRequest, type CaptureActor, viewerOf } from "./actor";
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

export const notesInput = z.object({ sessionId: z.uuid() });
export const pushNotesInput = z.object({ sessionId: z.uuid(), update: base64 });
export const notesAtInput = z.object({ sessionId: z.uuid(), updateId: int8Id });
export const noteTakerInput = z.object({
  sessionId: z.uuid(),
  participantId: z.uuid(),
  designate: z.boolean(),
});
export const passageToOutcomeInput = z.object({
  sessionId: z.uuid(),
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

async function storedUpdates(db: Database, sessionId: string, upTo?: bigint): Promise<Uint8Array[]> {
  const rows = await db
    .select({ update: SessionNoteUpdate.update })
    .from(SessionNoteUpdate)
    .where(
      upTo === undefined
        ? eq(SessionNoteUpdate.sessionId, sessionId)
        : and(eq(SessionNoteUpdate.sessionId, sessionId), lte(SessionNoteUpdate.id, upTo)),
    )
    .orderBy(asc(SessionNoteUpdate.id));
  return rows.map((r) => r.update);
}

/** The notes as one merged Yjs update (Yjs does the merging), plus the stream position it is current to. */
export async function readNotes(db: Database, actor: CaptureActor) {
  const cursor = await latestEventId({ db }, actor.seriesId);
  const updates = await storedUpdates(db, actor.session.id);
  const merged = updates.length ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(new Y.Doc());
  return {
    cursor,
    state: toBase64(merged),
    canWrite: await canTakeNotes(db, actor),
  };
}

/** The plain text of the notes, optionally as it was right after update `upTo`. */
export async function notesText(db: Database, sessionId: string, upTo?: bigint): Promise<string> {
  const doc = new Y.Doc();
  const updates = await storedUpdates(db, sessionId, upTo);
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc.getText(NOTES_TEXT).toString();
}

/**
 * Stores one Yjs update from a moderator or note-taker and passes it to everyone on the session's
 * stream. Updates commute, so writers never overwrite each other; a repeated update is harmless.
 */
export async function pushNotes(db: Database, input: z.infer<typeof pushNotesInput>, actor: CaptureActor) {
  if (!(await canTakeNotes(db, actor))) {
    throw new DomainError("FORBIDDEN", "notesWriteForbidden");
  }
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
    .where(eq(SessionNoteUpdate.sessionId, actor.session.id));
  if ((size?.bytes ?? 0) + update.byteLength > MAX_NOTES_BYTES) {
    throw new DomainError("PAYLOAD_TOO_LARGE", "notesFull");
  }
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(SessionNoteUpdate)
      .values({ sessionId: actor.session.id, authorId: actor.participantId, update })
      .returning({ id: SessionNoteUpdate.id });
    await publishCapture(tx, actor.seriesId, "notes", { sessionId: actor.session.id, update: input.update });
    return row?.id.toString() ?? "0";
  });
  return { updateId: id };
}

/** Who wrote when: the stored updates, newest first. */
export async function notesHistory(db: Database, actor: CaptureActor) {
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
    .where(eq(SessionNoteUpdate.sessionId, actor.session.id))
    .orderBy(sql`${SessionNoteUpdate.id} desc`)
    .limit(200);
  return rows.map((r) => ({ id: r.id.toString(), at: r.at.toISOString(), author: r.name, bytes: r.bytes }));
}

/**
 * The designated note-takers of the session and the approved participants who could become one.
 * Moderators and organisers write the notes anyway, so they are never candidates.
 */
export async function listNoteTakers(db: Database, actor: CaptureActor): Promise<NoteTakersView> {
  const [people, designated] = await Promise.all([
    db
      .select({
        participantId: Participant.id,
        name: Person.name,
        organisation: Participant.organisation,
        role: Participant.role,
      })
      .from(Participant)
      .innerJoin(Person, eq(Person.id, Participant.personId))
      .where(and(eq(Participant.seriesId, actor.seriesId), eq(Participant.status, "approved")))
      .orderBy(asc(Person.name)),
    db
      .select({ participantId: NoteTaker.participantId })
      .from(NoteTaker)
      .where(eq(NoteTaker.sessionId, actor.session.id)),
  ]);
  const takers = new Set(designated.map((d) => d.participantId));
  const noteTakers: NoteTakerView[] = [];
  const candidates: NoteTakerView[] = [];
  for (const person of people) {
    if (takers.has(person.participantId)) noteTakers.push(person);
    else if (!roleAtLeast(person.role, "moderator")) candidates.push(person);
  }
  return { noteTakers, candidates };
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
  if (!(await canTakeNotes(db, actor))) {
    throw new DomainError("FORBIDDEN", "notesLiftForbidden");
  }
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
      ref: actor.session.id,
      notesAnchor: { start: input.start, end: input.end, quote: text.slice(0, 280) },
    });
    return publishItem(tx, actor, "outcome", id);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
