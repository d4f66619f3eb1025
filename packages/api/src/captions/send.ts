import type { Database } from "@reeks/db";
import { CAPTION_DEFAULT_LANGUAGE, CAPTION_INTERIM_INTERVAL_MS, type CaptionLineView } from "@reeks/models";
import type { SessionActor } from "../actor";
import { publishCapture } from "../capture/live-events";
import { assertCanCaption, assertSpeaker, storeCaptionLine, typedAuthorKey } from "./lines";

export interface SendCaptionInput {
  text: string;
  language?: string | undefined;
  speakerParticipantId?: string | null | undefined;
  clientKey: string;
}

/** A captioner's final line (Enter): stored, then on everyone's screen. A resend after a lost answer is stored once. */
export async function sendCaption(
  db: Database,
  input: SendCaptionInput,
  actor: SessionActor,
): Promise<{ line: CaptionLineView; created: boolean }> {
  await assertCanCaption(db, actor);
  const speaker = input.speakerParticipantId ?? null;
  if (speaker) await assertSpeaker(db, speaker, actor.seriesId);
  const language = input.language ?? CAPTION_DEFAULT_LANGUAGE;
  return storeCaptionLine(
    db,
    {
      sessionId: actor.session.id,
      seriesId: actor.seriesId,
      source: "typed",
      text: input.text,
      language,
      speakerParticipantId: speaker,
      authorParticipantId: actor.participantId,
      clientKey: input.clientKey,
      authorKey: typedAuthorKey(actor.participantId),
    },
    (existing) => existing.text === input.text && existing.authorParticipantId === actor.participantId,
  );
}

/**
 * When each author last had an interim line published, on this instance. Interim text is typing
 * noise: a browser sends it throttled, and this keeps a script from turning it into a flood.
 */
const lastInterim = new Map<string, number>();
const MAX_TRACKED_AUTHORS = 10_000;

function interimAllowed(key: string, now: number): boolean {
  const last = lastInterim.get(key);
  // Slightly under the browser's interval, so timer jitter does not drop a well-behaved browser's line.
  if (last !== undefined && now - last < CAPTION_INTERIM_INTERVAL_MS * 0.8) return false;
  if (lastInterim.size >= MAX_TRACKED_AUTHORS) lastInterim.clear();
  lastInterim.set(key, now);
  return true;
}

/**
 * The line a captioner is typing, shown to viewers and replaced by the final line. Not kept as a
 * caption line; an empty text clears it. `published` false: too soon after the previous one.
 */
export async function sendInterim(
  db: Database,
  input: { text: string; language?: string | undefined },
  actor: SessionActor,
): Promise<{ published: boolean }> {
  await assertCanCaption(db, actor);
  const authorKey = typedAuthorKey(actor.participantId);
  if (!interimAllowed(`${actor.session.id}|${authorKey}`, Date.now())) return { published: false };
  await db.transaction((tx) =>
    publishCapture(tx, actor.seriesId, "caption", {
      sessionId: actor.session.id,
      kind: "interim",
      authorKey,
      language: input.language ?? CAPTION_DEFAULT_LANGUAGE,
      text: input.text,
    }),
  );
  return { published: true };
}
