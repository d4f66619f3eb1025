import { z } from "zod";
import { type LocalizedText, localizedTextSchema } from "./locale";

export const AGENDA_SEGMENT_KINDS = [
  "welcome",
  "introduction",
  "plenary",
  "breakout",
  "report_back",
  "closing",
] as const;
export type AgendaSegmentKind = (typeof AGENDA_SEGMENT_KINDS)[number];

export const AGENDA_MAX_SEGMENTS = 30;
export const AGENDA_MAX_MINUTES = 600;
/** The gentle notice to the speaker and moderators comes this long before a segment's planned end. */
export const AGENDA_NOTICE_MS = 2 * 60 * 1000;

const segmentTitleSchema = localizedTextSchema.extend({
  nl: z.string().trim().min(1).max(200),
  en: z.string().trim().max(200).optional(),
});

export const agendaSegmentInputSchema = z.object({
  /** Absent: a new segment. Present: a segment of this agenda, kept with its actual times. */
  id: z.uuid().optional(),
  title: segmentTitleSchema,
  kind: z.enum(AGENDA_SEGMENT_KINDS),
  plannedMinutes: z.number().int().min(1).max(AGENDA_MAX_MINUTES),
  speakerId: z.uuid().nullable(),
  questionIds: z.array(z.uuid()).max(20),
  pollIds: z.array(z.uuid()).max(20),
});
export type AgendaSegmentInput = z.infer<typeof agendaSegmentInputSchema>;

export const agendaSaveSchema = z.object({
  sessionId: z.uuid(),
  /** The version the editor started from (0: there was no agenda yet). */
  version: z.number().int().min(0),
  segments: z.array(agendaSegmentInputSchema).max(AGENDA_MAX_SEGMENTS),
});

export const AGENDA_TIMER_STATUSES = ["idle", "running", "paused", "finished"] as const;
export type AgendaTimerStatus = (typeof AGENDA_TIMER_STATUSES)[number];

export interface AgendaSegmentView {
  id: string;
  position: number;
  title: LocalizedText;
  kind: AgendaSegmentKind;
  plannedMinutes: number;
  speaker: { participantId: string; name: string } | null;
  questionIds: string[];
  pollIds: string[];
  actualStartedAt: string | null;
  actualEndedAt: string | null;
  /** Running time spent in the segment (pauses excluded), once it has ended. */
  actualMs: number | null;
}

/**
 * The timer as the server's clock has it at `serverNow`. A client adds the time since it received
 * this (while running) and shows nothing it computed from its own wall clock.
 */
export interface AgendaTimerView {
  status: AgendaTimerStatus;
  currentSegmentId: string | null;
  /** Running time of the current segment at `serverNow`. */
  elapsedMs: number;
  /** When the current segment last started running; null while paused or idle. */
  runningSince: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  serverNow: string;
}

export interface AgendaView {
  sessionId: string;
  version: number;
  segments: AgendaSegmentView[];
  timer: AgendaTimerView;
}

/** Time left in the current segment (negative: over-run) `sinceMs` after the view was received. */
export function remainingMs(agenda: Pick<AgendaView, "segments" | "timer">, sinceMs: number): number | null {
  const current = agenda.segments.find((s) => s.id === agenda.timer.currentSegmentId);
  if (!current) return null;
  return current.plannedMinutes * 60_000 - elapsedMs(agenda.timer, sinceMs);
}

export function elapsedMs(timer: AgendaTimerView, sinceMs: number): number {
  return timer.elapsedMs + (timer.status === "running" ? Math.max(0, sinceMs) : 0);
}

/**
 * Over- (positive) or under-run (negative) of the whole agenda against the plan, in ms: the segments
 * that ended by their actual time, the current one by at least its planned time.
 */
export function agendaDriftMs(agenda: Pick<AgendaView, "segments" | "timer">, sinceMs: number): number {
  let drift = 0;
  for (const s of agenda.segments) {
    if (s.actualMs !== null && s.id !== agenda.timer.currentSegmentId)
      drift += s.actualMs - s.plannedMinutes * 60_000;
  }
  const left = remainingMs(agenda, sinceMs);
  if (left !== null && left < 0) drift += -left;
  return drift;
}
