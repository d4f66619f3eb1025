import { z } from "zod";

/** The transcript's downloads: WebVTT for players, plain text and Markdown for reading and editing. */
export const TRANSCRIPT_EXPORT_FORMATS = ["vtt", "txt", "md"] as const;
export const transcriptExportFormatSchema = z.enum(TRANSCRIPT_EXPORT_FORMATS);
export type TranscriptExportFormat = z.infer<typeof transcriptExportFormatSchema>;

/** A search in the transcript. */
export const TRANSCRIPT_QUERY_MAX = 200;

export interface TranscriptSpeakerView {
  participantId: string;
  name: string;
}

/** One line of the transcript as this viewer may see it. */
export interface TranscriptLineView {
  id: string;
  seq: number;
  language: string;
  text: string;
  /** ISO instant: when it was said (or sent). */
  spokenAt: string;
  /** Null when none was marked, or when the session's attribution rule hides names from this viewer. */
  speaker: TranscriptSpeakerView | null;
  /** ISO instant of the last correction, or null. */
  editedAt: string | null;
}

export interface TranscriptView {
  sessionId: string;
  /** Lines in the order they were said, filtered by the query and language if given. */
  lines: TranscriptLineView[];
  /** Every language the session's lines carry (a choice is shown when there is more than one). */
  languages: string[];
  /** Whether this viewer sees speaker names (the session's attribution rule and their role). */
  speakerNames: boolean;
  /** Organisers correct lines and read their history. */
  canCorrect: boolean;
  /** Moderators and organisers turn a passage into an outcome item. */
  canLift: boolean;
}

/** What a line said before one correction. */
export interface CaptionRevisionView {
  id: string;
  previousText: string;
  previousSpeaker: TranscriptSpeakerView | null;
  editedBy: string | null;
  editedAt: string;
}
