import { randomUUID } from "node:crypto";
import { AuditEntry, asc, desc, eq, LiveEvent } from "@reeks/db";
import { NOTES_TEXT } from "@reeks/models/notes-sync";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { LiveEventRecord } from "../live";
import { callerFor } from "../testing";
import { useCaptureWorld } from "../testing/use-capture-world";
import { liveEventView } from "./views";

/** A small, valid Yjs update that writes `text` into the notes. */
function notesUpdate(text: string): string {
  const doc = new Y.Doc();
  doc.getText(NOTES_TEXT).insert(0, text);
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString("base64");
}

describe("designating note-takers", () => {
  const t = useCaptureWorld();

  async function lastNoteTakerEvent(): Promise<LiveEventRecord> {
    const [row] = await t.handle.db
      .select()
      .from(LiveEvent)
      .where(eq(LiveEvent.type, "noteTaker"))
      .orderBy(desc(LiveEvent.id))
      .limit(1);
    if (!row) throw new Error("no noteTaker event");
    return { ...row, id: row.id.toString() };
  }

  it("a moderator lists, designates and removes a note-taker; only then may the member write", async () => {
    const { handle, world, sessionId } = t;
    const moderator = callerFor(handle, world.moderator);
    const member = callerFor(handle, world.member);
    const update = notesUpdate("Mees schrijft mee.");

    const before = await moderator.capture.notes.takers({ sessionId });
    expect(before.noteTakers).toEqual([]);
    const candidateIds = before.candidates.map((c) => c.participantId);
    expect(candidateIds).toEqual(
      expect.arrayContaining([world.member.participantId, world.member2.participantId]),
    );
    // Moderators and organisers write anyway: offering them would be noise.
    for (const writer of [world.moderator, world.moderator2, world.organiser]) {
      expect(candidateIds).not.toContain(writer.participantId);
    }
    await expect(member.capture.notes.push({ sessionId, update })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    await moderator.capture.notes.designate({
      sessionId,
      participantId: world.member.participantId,
      designate: true,
    });
    // Twice is harmless.
    await moderator.capture.notes.designate({
      sessionId,
      participantId: world.member.participantId,
      designate: true,
    });
    const after = await moderator.capture.notes.takers({ sessionId });
    expect(after.noteTakers).toEqual([
      {
        participantId: world.member.participantId,
        name: world.member.name,
        organisation: `Gemeente ${world.member.name}`,
        role: "member",
      },
    ]);
    expect(after.candidates.map((c) => c.participantId)).not.toContain(world.member.participantId);
    expect((await member.capture.session({ sessionId })).canTakeNotes).toBe(true);
    expect((await member.capture.notes.get({ sessionId })).canWrite).toBe(true);
    await member.capture.notes.push({ sessionId, update });
    expect((await moderator.capture.notes.history({ sessionId }))[0]?.author).toBe(world.member.name);

    // The stream tells the member (and moderators), nobody else.
    const designated = await lastNoteTakerEvent();
    expect(
      liveEventView(designated, { participantId: world.member.participantId, moderator: false }),
    ).toEqual({
      type: "noteTaker",
      sessionId,
      designated: true,
      you: true,
    });
    expect(
      liveEventView(designated, { participantId: world.moderator.participantId, moderator: true }),
    ).toMatchObject({ designated: true, you: false });
    expect(liveEventView(designated, { participantId: world.member2.participantId, moderator: false })).toBe(
      null,
    );

    await moderator.capture.notes.designate({
      sessionId,
      participantId: world.member.participantId,
      designate: false,
    });
    expect((await moderator.capture.notes.takers({ sessionId })).noteTakers).toEqual([]);
    expect((await member.capture.session({ sessionId })).canTakeNotes).toBe(false);
    await expect(member.capture.notes.push({ sessionId, update })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await lastNoteTakerEvent()).data).toMatchObject({ designated: false });

    const audit = await handle.db
      .select({ action: AuditEntry.action, actorId: AuditEntry.actorId, target: AuditEntry.target })
      .from(AuditEntry)
      .where(eq(AuditEntry.target, `participant:${world.member.participantId}`))
      .orderBy(asc(AuditEntry.at));
    expect(audit.map((a) => a.action)).toEqual(["notes.designate", "notes.designate", "notes.undesignate"]);
    expect(new Set(audit.map((a) => a.actorId))).toEqual(new Set([world.moderator.personId]));
  });

  it("members cannot see or change who takes notes, not even for themselves", async () => {
    const { handle, world, sessionId } = t;
    const member = callerFor(handle, world.member2);
    await expect(member.capture.notes.takers({ sessionId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      member.capture.notes.designate({
        sessionId,
        participantId: world.member2.participantId,
        designate: true,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const moderator = callerFor(handle, world.moderator);
    expect((await moderator.capture.notes.takers({ sessionId })).noteTakers).toEqual([]);
  });

  it("refuses participants who are not approved in this series", async () => {
    const { handle, world, sessionId } = t;
    const moderator = callerFor(handle, world.moderator);
    await expect(
      moderator.capture.notes.designate({ sessionId, participantId: randomUUID(), designate: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      moderator.capture.notes.designate({ sessionId, participantId: "geen-id", designate: true }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
