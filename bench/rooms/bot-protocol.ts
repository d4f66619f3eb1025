/**
 * What room-scale.ts and its bot processes (bots.ts) say to each other. rtc-node logs to stdout too,
 * so the bots' own lines start with MARK.
 */
export const MARK = "@@bots ";

export interface BotSpec {
  identity: string;
  token: string;
  speaker: boolean;
}
export interface BotJob {
  url: string;
  bots: BotSpec[];
  concurrency: number;
  attempts: number;
}
export interface JoinReport {
  identity: string;
  /** Epoch ms when the first connect() began. */
  firstAttemptAt: number;
  /** Epoch ms when the successful connect() resolved; null when every attempt failed. */
  joinedAt: number | null;
  attempts: number;
  /** Epoch ms when the last failed connect() gave up; null when none failed. */
  lastFailureAt: number | null;
  errors: string[];
}
export interface LeaveReport {
  identity: string;
  leaveStartedAt: number;
  leftAt: number;
  /** rtc-node's own reconnects while in the room (a network blip, as LiveKit sees it). */
  reconnects: number;
  /** The room disconnected the bot before it chose to leave: when and why (DisconnectReason). */
  dropped: { at: number; reason: string } | null;
}
export type BotMessage =
  | { type: "joined"; bots: JoinReport[]; loopDelay: LoopDelay }
  | { type: "left"; bots: LeaveReport[] }
  | { type: "error"; message: string };

/** The process's event-loop delay while its bots joined (what rtc-node's connect callback waits on). */
export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}
