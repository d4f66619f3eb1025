import type { LocalizedText, ParticipantRole, RegistrationStatus, SessionStatus } from "@reeks/models";

/**
 * The plain data every writer works from. Deliberately independent of the database schema: the data
 * assembly (packages/api `assembleSeriesExport`) maps rows to these shapes, so the writers stay testable
 * with hand-made data and survive schema changes elsewhere.
 */

export const OUTCOME_KINDS = ["problem", "action", "insight", "dilemma", "recommendation", "quote"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const ATTRIBUTIONS = ["named", "chatham_house", "anonymous"] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

/** Where an outcome stands in moderation (as in the outcomes schema). */
export const OUTCOME_STATUSES = ["proposed", "confirmed", "merged", "rejected"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/**
 * Rejected items were turned down; merged ones live on in the item they were merged into. Neither
 * belongs in a document or a count.
 */
export function isPublishable(item: { status: OutcomeStatus }): boolean {
  return item.status !== "rejected" && item.status !== "merged";
}

export const ACTION_STATUSES = ["open", "in_progress", "done"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface ExportSeriesInfo {
  slug: string;
  title: LocalizedText;
  organiser: string;
  /** Always Europe/Amsterdam for now; writers format every time in this zone. */
  timeZone: string;
}

export interface ExportTheme {
  id: string;
  position: number;
  title: LocalizedText;
  guidingQuestion: LocalizedText;
}

export interface ExportSession {
  id: string;
  position: number;
  themeId: string;
  status: SessionStatus;
  startsAt: Date | null;
  durationMinutes: number;
  /** The agenda, planned against actual per segment (actual null: the timer never reached it). */
  agenda?: ExportAgendaSegment[];
}

export interface ExportAgendaSegment {
  position: number;
  title: LocalizedText;
  kind: string;
  plannedMinutes: number;
  actualStartedAt: Date | null;
  actualEndedAt: Date | null;
  /** Running time, pauses excluded, in minutes with one decimal. */
  actualMinutes: number | null;
}

export interface ExportParticipant {
  id: string;
  /** Empty for an erased account: show `participantName()`, never this directly. */
  name: string;
  /** The person erased their account: counted, never named. */
  erased?: boolean;
  organisation: string;
  role: ParticipantRole;
  status: RegistrationStatus;
}

export interface ActionDetails {
  owner: string | null;
  /** Calendar date, `YYYY-MM-DD`: a deadline is a day, not an instant. */
  dueDate: string | null;
  status: ActionStatus;
}

export interface OutcomeItem {
  id: string;
  kind: OutcomeKind;
  text: string;
  themeId: string;
  /** The session where it was captured; null when added afterwards. */
  sessionId: string | null;
  capturedAt: Date;
  /**
   * The author's name as stored. Writers never read it: they get `attributedTo` from
   * `applyAttribution`, which is the one place that decides whether a name may be shown.
   */
  authorName: string | null;
  attribution: Attribution;
  status: OutcomeStatus;
  key: boolean;
  /** Only for kind "action". */
  action: ActionDetails | null;
  /** Captured in a breakout group and shared with the session (unshared ones never get here). */
  group?: OutcomeGroup | null;
}

/** A breakout group as an item's provenance: the essay gathers its items under "from the groups". */
export interface OutcomeGroup {
  id: string;
  name: string;
  /** Its order in its round, to list a session's groups as the moderator planned them. */
  position: number;
  /** The group's own question, else the theme's guiding question. */
  question: LocalizedText;
}

export interface HighlightedQuestion {
  id: string;
  sessionId: string;
  text: string;
  votes: number;
  askedAt: Date;
  authorName: string | null;
  attribution: Attribution;
}

export interface PollResult {
  id: string;
  sessionId: string;
  question: string;
  closedAt: Date | null;
  options: Array<{ label: string; votes: number }>;
}

export interface AttendanceInterval {
  participantId: string;
  sessionId: string;
  joinedAt: Date;
  /** Null while still in the room (or when the leave event was lost and not yet reconciled). */
  leftAt: Date | null;
}

export interface ExcusedAbsence {
  participantId: string;
  sessionId: string;
}

/** One session's evaluation: counts, and each response (anonymous ones without a name). */
export interface ExportEvaluation {
  sessionId: string;
  invited: number;
  responded: number;
  /** The extra questions asked (of any invitation of this session). */
  questions: Array<{ id: string; text: string }>;
  responses: Array<{
    usefulness: number;
    essayMust: string;
    changeNext: string;
    extra: Record<string, string>;
    respondent: string | null;
  }>;
}

/** One final caption line as the writers get it; `speakerName` is only read through `speakerShown`. */
export interface TranscriptLine {
  id: string;
  sessionId: string;
  seq: number;
  language: string;
  text: string;
  spokenAt: Date;
  editedAt: Date | null;
  /** The marked speaker's name as stored (empty or null: none, or an erased account). */
  speakerName: string | null;
  /** The session's attribution rule (its series' default): decides whether the name may appear. */
  attribution: Attribution;
}

export interface SeriesExportData {
  series: ExportSeriesInfo;
  themes: ExportTheme[];
  sessions: ExportSession[];
  participants: ExportParticipant[];
  outcomes: OutcomeItem[];
  questions: HighlightedQuestion[];
  polls: PollResult[];
  attendance: AttendanceInterval[];
  excused: ExcusedAbsence[];
  /** Sessions whose evaluation went out; absent or empty: none (then no evaluation appendix). */
  evaluations?: ExportEvaluation[];
  /** Every session's final caption lines, in the order they were said (absent: none were read). */
  transcript?: TranscriptLine[];
  /** "Now" for the export: stamps the title page and closes intervals that are still open. */
  generatedAt: Date;
}
