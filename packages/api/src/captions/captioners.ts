import { and, Captioner, type Database, eq } from "@reeks/db";
import type { SessionActor } from "../actor";
import { withAudit } from "../audit";
import { assertParticipantInSeries } from "../capture/actor";
import { publishCapture } from "../capture/live-events";
import { holdersAndCandidates } from "../session-helpers";

export interface CaptionerView {
  participantId: string;
  name: string;
  organisation: string | null;
}

export interface CaptionersView {
  captioners: CaptionerView[];
  /** Approved members who could become one; moderators caption anyway, so they are never candidates. */
  candidates: CaptionerView[];
}

export async function listCaptioners(db: Database, actor: SessionActor): Promise<CaptionersView> {
  const { holders, candidates } = await holdersAndCandidates(
    db,
    actor.seriesId,
    db
      .select({ participantId: Captioner.participantId })
      .from(Captioner)
      .where(eq(Captioner.sessionId, actor.session.id)),
  );
  return { captioners: holders, candidates };
}

/**
 * Makes a participant a captioner of the session, or no longer one. Audited, and told on the live
 * stream so their typing view opens or closes without a reload.
 */
export async function setCaptioner(
  db: Database,
  input: { participantId: string; granted: boolean },
  actor: SessionActor,
): Promise<{ ok: true }> {
  await assertParticipantInSeries(db, input.participantId, actor.seriesId);
  const sessionId = actor.session.id;
  const audit = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: input.granted ? "captions.grant" : "captions.revoke",
    target: `participant:${input.participantId}`,
    details: { sessionId },
  };
  await withAudit(db, audit, async (tx) => {
    if (input.granted) {
      await tx
        .insert(Captioner)
        .values({ sessionId, participantId: input.participantId })
        .onConflictDoNothing();
    } else {
      await tx
        .delete(Captioner)
        .where(and(eq(Captioner.sessionId, sessionId), eq(Captioner.participantId, input.participantId)));
    }
    await publishCapture(tx, actor.seriesId, "caption", {
      sessionId,
      kind: "captioner",
      participantId: input.participantId,
      granted: input.granted,
    });
  });
  return { ok: true };
}
