import type { Database } from "@reeks/db";
import { renderTranscript, TRANSCRIPT_MIME, type TranscriptFormat } from "@reeks/exports";
import type { Locale } from "@reeks/models";
import type { SessionActor } from "../actor";
import { recordAudit } from "../audit";
import { seriesDefaults } from "../capture/actor";
import { assertTranscriptReadable, loadTranscriptLines, sessionTitle } from "./transcript";

function fileSlug(title: string): string {
  return (
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "transcript"
  );
}

/**
 * The transcript as a file, for whoever may read it. A file leaves the system, so names go in only when
 * the session's rule is "named" (whatever the reader's own role): a Chatham House export never names.
 */
export async function exportTranscript(
  db: Database,
  input: { format: TranscriptFormat; locale: Locale; language?: string },
  actor: SessionActor,
) {
  assertTranscriptReadable(actor);
  const [series, title, lines] = await Promise.all([
    seriesDefaults(db, actor.seriesId),
    sessionTitle(db, actor.session.id, input.locale),
    loadTranscriptLines(db, actor.session.id, { language: input.language }),
  ]);
  const text = renderTranscript(
    {
      // "Transcript" is the word in Dutch as in English.
      title: `Transcript: ${title}`,
      locale: input.locale,
      timeZone: series.timeZone,
      startsAt: actor.session.startsAt,
      lines: lines.map((l) => ({
        ...l,
        sessionId: actor.session.id,
        attribution: series.defaultAttribution,
      })),
    },
    input.format,
  );
  await recordAudit(db, {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: "captions.transcript_export",
    target: `session:${actor.session.id}`,
    details: { format: input.format, locale: input.locale, language: input.language ?? null },
  });
  const suffix = input.language ? `-${input.language.toLowerCase()}` : "";
  return {
    fileName: `transcript-${fileSlug(title)}${suffix}.${input.format}`,
    mimeType: TRANSCRIPT_MIME[input.format],
    base64: Buffer.from(text, "utf8").toString("base64"),
  };
}
