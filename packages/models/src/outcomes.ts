import { z } from "zod";
import type { LocalizedText } from "./locale";

export const OUTCOME_KINDS = ["problem", "action", "insight", "dilemma", "recommendation", "quote"] as const;
export const outcomeKindSchema = z.enum(OUTCOME_KINDS);
export type OutcomeKind = z.infer<typeof outcomeKindSchema>;

/**
 * named: the author is shown; chatham_house: the content may be used but the speaker is not named
 * outside the room (moderators still see who it was); anonymous: nobody sees the author.
 */
export const ATTRIBUTIONS = ["named", "chatham_house", "anonymous"] as const;
export const attributionSchema = z.enum(ATTRIBUTIONS);
export type Attribution = z.infer<typeof attributionSchema>;

/** proposed by a member → confirmed by a moderator; merged into another item; or rejected. */
export const OUTCOME_STATUSES = ["proposed", "confirmed", "merged", "rejected"] as const;
export const outcomeStatusSchema = z.enum(OUTCOME_STATUSES);
export type OutcomeStatus = z.infer<typeof outcomeStatusSchema>;

export const POLL_KINDS = ["single", "multiple", "scale"] as const;
export const pollKindSchema = z.enum(POLL_KINDS);
export type PollKind = z.infer<typeof pollKindSchema>;

export const POLL_STATUSES = ["draft", "open", "closed"] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

export const QUESTION_STATUSES = ["open", "answered"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const REVIEW_VERDICTS = ["agree", "comment"] as const;
export const reviewVerdictSchema = z.enum(REVIEW_VERDICTS);
export type ReviewVerdict = z.infer<typeof reviewVerdictSchema>;

/** Where an item came from; a merged item carries the provenance of every item merged into it. */
export const PROVENANCE_SOURCES = [
  "proposed",
  "question",
  "poll",
  "notes",
  "seed",
  "evaluation",
  "transcript",
] as const;
export type ProvenanceSource = (typeof PROVENANCE_SOURCES)[number];

export interface ProvenanceEntry {
  outcomeId: string;
  sessionId: string;
  source: ProvenanceSource;
  /** Participant who captured it; never sent to browsers when the item is anonymous. */
  authorId: string | null;
  at: string;
  /** Id of the question, poll or notes anchor it was lifted from. */
  ref?: string;
}

/** Size limits, shared by the server's validation and the browser's form hints. */
export const LIMITS = {
  outcomeText: 2000,
  questionText: 500,
  pollQuestion: 300,
  pollOption: 120,
  pollOptions: 10,
  ownerName: 200,
  comment: 1000,
  seedText: 2000,
  /** One Yjs update from a browser, base64. */
  notesUpdate: 256 * 1024,
  /** The whole notes document, as text. */
  notesText: 200_000,
} as const;

/** Who an action is for: a person in the series, or an organisation named in free text. */
export const actionOwnerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("person"), participantId: z.uuid() }),
  z.object({ type: z.literal("organisation"), name: z.string().trim().min(1).max(LIMITS.ownerName) }),
]);
export type ActionOwner = z.infer<typeof actionOwnerSchema>;

/** A calendar date (no time, no zone): due dates are days in Europe/Amsterdam. */
export const isoDateSchema = z.iso.date();

/** Whether the author's name may appear where this item is shown. Exports pass `viewer: "export"`. */
export function mayShowAuthor(attribution: Attribution, viewer: "moderator" | "member" | "export"): boolean {
  if (attribution === "named") return true;
  if (attribution === "chatham_house") return viewer === "moderator";
  return false;
}

export interface AuthorView {
  name: string;
  organisation: string;
}

export interface OutcomeView {
  id: string;
  seriesId: string;
  sessionId: string;
  themeId: string;
  kind: OutcomeKind;
  text: string;
  status: OutcomeStatus;
  key: boolean;
  attribution: Attribution;
  /** Null when the attribution hides the author from this viewer. */
  author: AuthorView | null;
  mine: boolean;
  owner:
    | { type: "person"; participantId: string; name: string }
    | { type: "organisation"; name: string }
    | null;
  dueDate: string | null;
  version: number;
  mergedIntoId: string | null;
  provenance: Array<Omit<ProvenanceEntry, "authorId">>;
  /** The items this one is linked to, possibly in other sessions. */
  links: OutcomeLinkSummary[];
  notesAnchor: NotesAnchor | null;
  /** Lifted from a passage of the transcript: where it was said, and when. */
  transcriptAnchor: TranscriptAnchor | null;
  /** Captured in a breakout group: where it comes from, and whether the group shared it yet. */
  group: OutcomeGroupView | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The breakout group an item was captured in (its provenance). Until `sharedAt`, only that group's
 * participants and the moderators see the item.
 */
export interface OutcomeGroupView {
  id: string;
  name: string;
  /** The group's own question, else the theme's guiding question (both languages; pick one to show). */
  question: LocalizedText;
  sharedAt: string | null;
}

export interface OutcomeLinkSummary {
  id: string;
  sessionId: string;
  kind: OutcomeKind;
  text: string;
  status: OutcomeStatus;
}

/** A passage of the session notes: Yjs relative positions survive later edits around it. */
export interface NotesAnchor {
  start: string;
  end: string;
  quote: string;
}

/**
 * A passage of the session's transcript (caption lines `fromSeq`..`toSeq`). The times let a reader
 * find the moment in a recording; the seqs survive corrections of the lines' text.
 */
export interface TranscriptAnchor {
  fromLineId: string;
  toLineId: string;
  fromSeq: number;
  toSeq: number;
  /** ISO instants: when the first line of the passage was said, and the last. */
  startAt: string;
  endAt: string;
}

export interface QuestionView {
  id: string;
  sessionId: string;
  text: string;
  anonymous: boolean;
  author: AuthorView | null;
  mine: boolean;
  votes: number;
  votedByMe: boolean;
  status: QuestionStatus;
  highlighted: boolean;
  outcomeId: string | null;
  createdAt: string;
}

export interface PollView {
  id: string;
  sessionId: string;
  question: string;
  kind: PollKind;
  status: PollStatus;
  options: Array<{ id: number; label: string }>;
  /** Votes per option id (for a scale, per value 1–5). */
  counts: Record<string, number>;
  voters: number;
  myChoices: number[];
  outcomeId: string | null;
  createdAt: string;
}

export interface AgendaSeedView {
  id: string;
  sessionId: string;
  text: string;
  attribution: Attribution;
  author: AuthorView | null;
  mine: boolean;
  createdAt: string;
}

export interface ActionReviewView {
  outcomeId: string;
  agree: number;
  comments: Array<{ id: string; text: string; author: AuthorView | null; at: string }>;
  myVerdict: ReviewVerdict | null;
}

/** Everything the live panel shows, with the event id it is current up to (subscribe from there). */
export interface SessionCapture {
  cursor: string;
  sessionId: string;
  seriesId: string;
  themeId: string;
  sessionStatus: string;
  defaultAttribution: Attribution;
  /** The viewer's role in the series: what the panel offers them. */
  role: "organiser" | "moderator" | "speaker" | "member";
  canModerate: boolean;
  canTakeNotes: boolean;
  reviewDeadline: string | null;
  outcomes: OutcomeView[];
  questions: QuestionView[];
  polls: PollView[];
  seeds: AgendaSeedView[];
  reviews: ActionReviewView[];
}

/** A participant who writes the notes of a session (or could be made to), as moderators see them. */
export interface NoteTakerView {
  participantId: string;
  name: string;
  organisation: string;
  role: "organiser" | "moderator" | "speaker" | "member";
}

/** Who writes a session's notes besides the moderators, and who else could. */
export interface NoteTakersView {
  noteTakers: NoteTakerView[];
  candidates: NoteTakerView[];
}
