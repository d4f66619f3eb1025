/**
 * What breakout-moves.ts and its bot processes (breakout-bots.ts) say to each other: one JSON object
 * a line each way. rtc-node logs to stdout too, so the bots' own lines start with MARK.
 */
export const MARK = "@@movers ";

export interface MoverSpec {
  /** Index in the whole run: names the bot in reports. */
  index: number;
  /** The signed-in member's session cookie. */
  cookie: string;
}

export interface MoverJob {
  /** The Reeks server. */
  url: string;
  sessionId: string;
  bots: MoverSpec[];
  /** How a bot learns that the round opened or closed: the live stream, or polling breakout.state. */
  via: "event" | "poll";
  pollMs: number;
  /** connect() attempts per move before the bot gives up. */
  attempts: number;
  /** connect() calls at a time per process; 0: all at once. */
  connects: number;
}

/** Parent → bots. `arm`: wait for the round to open (or close), then move; answer `armed` first. */
export type MoverCommand =
  | { type: "setup"; job: MoverJob }
  | { type: "join" }
  | { type: "arm"; phase: MovePhase }
  | { type: "leave" }
  | { type: "exit" };

export type MovePhase = "open" | "close";

/** One connection of one bot into a room, with the steps that led to it (epoch ms). */
export interface MoveReport {
  index: number;
  /** When the bot learned it had to move (live event or poll); for the first join: the command. */
  triggerAt: number;
  /** breakout.state answered (the web client refetches it on the event); null when not asked. */
  stateAt: number | null;
  /** breakout.join (and for the main room room.join) answered with a token. */
  tokenAt: number | null;
  /** The old room's disconnect() resolved; null on the first join. */
  disconnectedAt: number | null;
  /** The new room's connect() resolved; null when every attempt failed. */
  connectedAt: number | null;
  /** The room the bot is in now and its LiveKit participant sid there (one per connection). */
  roomName: string | null;
  sid: string | null;
  /** "main", or the group's id from breakout.join. */
  target: string | null;
  attempts: number;
  errors: string[];
}

export interface LeaveReport {
  index: number;
  leaveStartedAt: number;
  leftAt: number;
  /** rtc-node's own reconnects over the whole run. */
  reconnects: number;
  /** API calls the server answered 503 "busy" (and the bot retried after Retry-After). */
  busy: number;
  /** The room disconnected the bot while it meant to stay: when and why. */
  dropped: Array<{ at: number; reason: string }>;
}

export type MoverMessage =
  | { type: "ready"; streamsOpen: number }
  | { type: "armed" }
  | { type: "moved"; phase: MovePhase | "join"; bots: MoveReport[]; loopDelay: LoopDelay }
  | { type: "left"; bots: LeaveReport[] }
  | { type: "error"; message: string };

/** The bot process's event-loop delay during a move: what rtc-node's connect callbacks wait on. */
export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}
