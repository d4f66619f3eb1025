import type { Locale } from "@reeks/models";
import { escapeMarkdown } from "./essay-markdown";
import type { TranscriptLine } from "./model";

export const TRANSCRIPT_FORMATS = ["vtt", "txt", "md"] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export interface TranscriptDocument {
  /** "Uitvoering op z'n Kop — sessie 2: …" in the export's language. */
  title: string;
  locale: Locale;
  timeZone: string;
  /** Where the cue clock starts: the session's start (or the first line, when that was earlier). */
  startsAt: Date | null;
  lines: TranscriptLine[];
}

/**
 * Whether a document may carry the speaker's name. A file leaves the system, so only a session whose
 * rule is "named" puts names in it; Chatham House and anonymous sessions never do.
 */
export function speakerShown(line: Pick<TranscriptLine, "speakerName" | "attribution">): string | null {
  if (line.attribution !== "named") return null;
  const name = line.speakerName?.trim();
  return name ? name : null;
}

// Long enough to read a line, short enough that a cue does not linger over a silence.
const MIN_CUE_MS = 1500;
const MAX_CUE_MS = 8000;

function vttTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const milli = total % 1000;
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(milli, 3)}`;
}

/** Cue text may not hold `<` or `&` raw (they start tags and entities), nor a line break or "-->". */
function vttEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\s+/g, " ").trim();
}

/**
 * WebVTT (the W3C format players and editors read). Times are offsets from the session's start; a cue
 * lasts until the next line begins, within [1.5 s, 8 s]. The speaker goes in a voice span `<v Name>`
 * when the session's rule allows names.
 */
export function renderTranscriptVtt(doc: TranscriptDocument): string {
  const first = doc.lines[0]?.spokenAt.getTime();
  const base = Math.min(doc.startsAt?.getTime() ?? Number.POSITIVE_INFINITY, first ?? Date.now());
  // The header's free text must stay on one line and cannot contain "-->".
  const header = `WEBVTT - ${doc.title.replace(/\s+/g, " ").replace(/-->/g, "→")}`;
  const cues = doc.lines.map((line, index) => {
    const start = line.spokenAt.getTime() - base;
    const next = doc.lines[index + 1]?.spokenAt.getTime();
    const nextStart = next === undefined ? Number.POSITIVE_INFINITY : next - base;
    const end = Math.min(start + MAX_CUE_MS, Math.max(start + MIN_CUE_MS, nextStart));
    const speaker = speakerShown(line);
    const text = vttEscape(line.text);
    const body = speaker ? `<v ${vttEscape(speaker)}>${text}</v>` : text;
    return `${line.seq}\n${vttTime(start)} --> ${vttTime(end)}\n${body}`;
  });
  return `${[header, ...cues].join("\n\n")}\n`;
}

function wallClock(date: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(date);
}

/** Plain text: one line per caption, `[15:42:07] Name: text`, times on the series' clock. */
export function renderTranscriptText(doc: TranscriptDocument): string {
  const lines = doc.lines.map((line) => {
    const speaker = speakerShown(line);
    const text = line.text.replace(/\s+/g, " ").trim();
    return `[${wallClock(line.spokenAt, doc.locale, doc.timeZone)}] ${speaker ? `${speaker}: ` : ""}${text}`;
  });
  return `${doc.title}\n\n${lines.join("\n")}\n`;
}

/** Markdown: a heading, then one paragraph per line, every participant's text escaped. */
export function renderTranscriptMarkdown(doc: TranscriptDocument): string {
  const lines = doc.lines.map((line) => {
    const speaker = speakerShown(line);
    const who = speaker ? `**${escapeMarkdown(speaker)}:** ` : "";
    return `\`${wallClock(line.spokenAt, doc.locale, doc.timeZone)}\` ${who}${escapeMarkdown(line.text)}`;
  });
  return `# ${escapeMarkdown(doc.title)}\n\n${lines.join("\n\n")}\n`;
}

export const TRANSCRIPT_MIME: Record<TranscriptFormat, string> = {
  vtt: "text/vtt; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

export function renderTranscript(doc: TranscriptDocument, format: TranscriptFormat): string {
  if (format === "vtt") return renderTranscriptVtt(doc);
  if (format === "md") return renderTranscriptMarkdown(doc);
  return renderTranscriptText(doc);
}
