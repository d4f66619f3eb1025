import { type Database, eq, Poll, Question, type Transaction } from "@reeks/db";
import {
  type BreakoutChange,
  type CaptionEventPayload,
  type ChatMessageView,
  isLiveEventType,
  type LiveEventType,
  type RosterEntryView,
} from "@reeks/models";
import { type LiveEventRecord, publishLive } from "../live";
import type { MessageKey } from "../messages";
import { type CaptureActor, notFound } from "./actor";
import { loadOutcome } from "./outcome-records";
import {
  loadPolls,
  loadQuestions,
  loadReviews,
  loadSeeds,
  type OutcomeRecord,
  type PollRecord,
  type QuestionRecord,
  type ReviewRecord,
  type SeedRecord,
} from "./records";

/**
 * What the live log stores for each capture event: records, not views, because what a view shows
 * depends on who looks (views.ts). Its keys are exactly the event types of @reeks/models.
 */
type CaptureRecordTable = {
  outcome: OutcomeRecord;
  question: QuestionRecord;
  poll: PollRecord;
  seed: SeedRecord;
  review: ReviewRecord;
  /**
   * A group's notes carry who was in the group when written (`audience`); events logged before groups
   * existed have neither field.
   */
  notes: { sessionId: string; update: string; breakoutGroupId?: string | null; audience?: string[] };
  session: { sessionId: string; reviewDeadline: string | null };
  noteTaker: { sessionId: string; participantId: string; designated: boolean };
  chat: Plain<ChatMessageView>;
  roster: Plain<RosterEntryView> & { sessionId: string };
  breakout: { sessionId: string; roundId: string; change: BreakoutChange; body: string | null };
  caption: CaptionEventPayload;
};

/** An interface as a plain object type, which the log's JSON record type accepts. */
type Plain<T> = { [K in keyof T]: T[K] };

/** Indexed by the models' event types, so a type without its record here does not compile. */
export type CaptureRecords = { [K in LiveEventType]: CaptureRecordTable[K] & { sessionId: string } };

/** A logged event that is one of the capture events, with its record typed by its type. */
export type CaptureEvent = {
  [K in LiveEventType]: LiveEventRecord & { type: K; data: CaptureRecords[K] };
}[LiveEventType];

/** The log holds only what `publishCapture` wrote under these types, so the type names the record. */
export function isCaptureEvent(event: LiveEventRecord): event is CaptureEvent {
  return isLiveEventType(event.type);
}

/**
 * Appends one capture event to the series' live log, inside the caller's transaction (so it is heard
 * of only once the change is committed).
 */
export async function publishCapture<K extends LiveEventType>(
  tx: Transaction,
  seriesId: string,
  type: K,
  data: CaptureRecords[K],
): Promise<void> {
  await publishLive(tx, { seriesId, sessionId: data.sessionId, type, data });
}

/** The kinds of item that are published as they now are in the database, loaded by id. */
type StoredKind = "outcome" | "question" | "poll" | "seed" | "review";

type Loader<K extends StoredKind> = (
  db: Database,
  id: string,
  sessionId: string,
) => Promise<CaptureRecords[K] | null>;

const first = <T>(rows: T[]): T | null => rows[0] ?? null;

const STORED: { [K in StoredKind]: { load: Loader<K>; missing: MessageKey } } = {
  outcome: { load: (db, id) => loadOutcome(db, id), missing: "outcomeNotFound" },
  question: {
    load: async (db, id) => first(await loadQuestions(db, eq(Question.id, id))),
    missing: "questionNotFound",
  },
  poll: { load: async (db, id) => first(await loadPolls(db, eq(Poll.id, id))), missing: "pollNotFound" },
  seed: {
    load: async (db, id, sessionId) => (await loadSeeds(db, sessionId)).find((s) => s.id === id) ?? null,
    missing: "seedNotFound",
  },
  // A review is the set of verdicts on one action: its id is the action's.
  review: {
    load: async (db, outcomeId, sessionId) => first(await loadReviews(db, [outcomeId], sessionId)),
    missing: "reviewNotFound",
  },
};

/**
 * Loads an item as it now stands in `tx` and publishes it: every change to an item, whatever it was,
 * goes out as the whole item, so a client simply replaces what it had.
 */
export async function publishItem<K extends StoredKind>(
  tx: Transaction,
  actor: Pick<CaptureActor, "seriesId" | "session">,
  type: K,
  id: string,
): Promise<CaptureRecords[K]> {
  const stored: { load: Loader<K>; missing: MessageKey } = STORED[type];
  const record = await stored.load(tx, id, actor.session.id);
  if (!record) throw notFound(stored.missing);
  await publishCapture(tx, actor.seriesId, type, record);
  return record;
}
