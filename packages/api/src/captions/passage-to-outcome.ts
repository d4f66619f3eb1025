import { and, CaptionLine, type Database, eq, inArray, sql } from "@reeks/db";
import { LIMITS, type OutcomeKind, type OutcomeView } from "@reeks/models";
import type { SessionActor } from "../actor";
import { badRequest, notFound, viewerOf } from "../capture/actor";
import { publishItem } from "../capture/live-events";
import { insertOutcome } from "../capture/outcome-rules";
import { callerOutcomeView } from "../capture/views";
import { DomainError } from "../domain-error";

/**
 * One step from a passage of the transcript (every line said from the first chosen line to the last)
 * to an outcome item that points back at it: the lines' seqs and the moments they were said.
 */
export async function passageToOutcome(
  db: Database,
  input: { fromLineId: string; toLineId: string; kind: OutcomeKind },
  actor: SessionActor,
): Promise<OutcomeView> {
  const ends = await db
    .select({ id: CaptionLine.id, seq: CaptionLine.seq, spokenAt: CaptionLine.spokenAt })
    .from(CaptionLine)
    .where(
      and(
        eq(CaptionLine.sessionId, actor.session.id),
        inArray(CaptionLine.id, [input.fromLineId, input.toLineId]),
      ),
    )
    .orderBy(CaptionLine.spokenAt, CaptionLine.seq);
  const ids = new Set([input.fromLineId, input.toLineId]);
  // In the transcript's order (spokenAt, seq), whichever end was chosen first.
  const [first, last] = [ends[0], ends[ends.length - 1]];
  if (!first || !last || ends.length !== ids.size) throw notFound("captionLineNotFound");
  const lines = await db
    .select({ text: CaptionLine.text })
    .from(CaptionLine)
    .where(
      and(
        eq(CaptionLine.sessionId, actor.session.id),
        // Compared with the stored rows themselves: a JavaScript Date would cut microseconds off.
        sql`(${CaptionLine.spokenAt}, ${CaptionLine.seq}) >= (select l.spoken_at, l.seq from caption_line l where l.id = ${first.id})`,
        sql`(${CaptionLine.spokenAt}, ${CaptionLine.seq}) <= (select l.spoken_at, l.seq from caption_line l where l.id = ${last.id})`,
      ),
    )
    .orderBy(CaptionLine.spokenAt, CaptionLine.seq);
  const text = lines.map((l) => l.text.trim()).join(" ");
  if (text.length === 0) throw badRequest("captionLineNotFound");
  if (text.length > LIMITS.outcomeText)
    throw new DomainError("BAD_REQUEST", "transcriptPassageTooLong", { params: { max: LIMITS.outcomeText } });
  const record = await db.transaction(async (tx) => {
    const id = await insertOutcome(tx, actor, {
      kind: input.kind,
      text,
      source: "transcript",
      ref: first.id,
      transcriptAnchor: {
        fromLineId: first.id,
        toLineId: last.id,
        fromSeq: first.seq,
        toSeq: last.seq,
        startAt: first.spokenAt.toISOString(),
        endAt: last.spokenAt.toISOString(),
      },
    });
    return publishItem(tx, actor, "outcome", id);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
