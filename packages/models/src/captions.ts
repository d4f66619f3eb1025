import { z } from "zod";

/** A final caption line: one sentence or so, as a captioner types it between two Enters. */
export const CAPTION_TEXT_MAX = 500;
/** What a joining viewer gets of the lines before they came in. */
export const CAPTION_RECENT_LIMIT = 50;
/** The captioner's interim text reaches viewers at most this often (the rest is typing noise). */
export const CAPTION_INTERIM_INTERVAL_MS = 150;
export const CAPTION_DEFAULT_LANGUAGE = "nl";

/**
 * A language tag as captioning services send it (`nl`, `en-US`, Zoom's `lang`): kept as the canonical
 * BCP 47 form, so `EN-us` and `en-US` are one language in the viewer's choice.
 */
export const captionLanguage = z
  .string()
  .trim()
  .refine((tag) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(tag), { params: { i18n: "captionLanguage" } })
  .transform((tag) => {
    // The pattern already keeps out what Intl would refuse; the fallback is for a runtime that disagrees.
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? tag;
    } catch {
      return tag.toLowerCase();
    }
  });

/** Line breaks and runs of spaces become one space: a caption line is one line on the screen. */
export function normalizeCaptionText(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

export const captionText = z
  .string()
  .transform(normalizeCaptionText)
  .pipe(z.string().min(1).max(CAPTION_TEXT_MAX));

export const CAPTION_SOURCES = ["typed", "api"] as const;

export interface CaptionSpeakerView {
  participantId: string;
  name: string;
}

/** A final caption line as everyone in the room sees it live. */
export interface CaptionLineView {
  id: string;
  sessionId: string;
  /** The session's order of arrival. */
  seq: number;
  /**
   * Where the line goes: when it was said, in microseconds since 1970 (spokenAt to the microsecond).
   * Viewers order by (position, seq), so a late external line goes where it was said, not at the end.
   */
  position: number;
  source: (typeof CAPTION_SOURCES)[number];
  language: string;
  text: string;
  speaker: CaptionSpeakerView | null;
  spokenAt: string;
  /** Whose interim text this line replaces (the typing captioner's or the feed's); null when none. */
  authorKey: string | null;
}

/** The caption live event (`caption`): a stored final line, an interim line, or a change of captioners. */
export type CaptionEventPayload =
  | { sessionId: string; kind: "final"; line: CaptionLineView }
  | { sessionId: string; kind: "interim"; authorKey: string; language: string; text: string }
  | { sessionId: string; kind: "captioner"; participantId: string; granted: boolean };

/** Orders caption lines for display (the transcript orders by spokenAt, seq in the database: the same). */
export function compareCaptionLines(
  a: Pick<CaptionLineView, "position" | "seq">,
  b: Pick<CaptionLineView, "position" | "seq">,
): number {
  return a.position - b.position || a.seq - b.seq;
}
