import type { Database } from "@reeks/db";
import type { AttendanceInterval, HighlightedQuestion, OutcomeItem, PollResult } from "@reeks/exports";

/**
 * THE SEAM for data that other branches are adding (outcomes, Q&A, polls: the outcomes issue;
 * attendance intervals: the live rooms issue). Their tables are
 * not on main yet, so each reader returns nothing. When a schema lands, replace that one function's
 * body with a query that maps rows to the plain type; nothing else in the export path needs to change.
 *
 * Rules for the mapping:
 * - outcomes: `authorName` is the author's display name as stored; `attribution` exactly as the item
 *   says. Never pre-filter names here: `applyAttribution` in @reeks/exports is the one place that hides them.
 * - questions: only the highlighted ones (moderator-picked or top-voted), with their vote count.
 * - attendance: raw intervals, `leftAt` null while open; merging and clipping happen in the writer.
 *
 * Mapping notes for the schemas on wip/outcomes and wip/rooms (as of this writing):
 * - Outcome → OutcomeItem: authorName = Person.name via Outcome.authorId → Participant.personId;
 *   capturedAt = createdAt; action = kind "action" ? { owner: owner participant's name or
 *   ownerOrganisation, dueDate, status: "open" (no progress status there yet) } : null.
 * - Question (highlighted = true) → HighlightedQuestion: votes = count(QuestionVote); attribution =
 *   anonymous ? "anonymous" : "named".
 * - Poll (status "closed") → PollResult: options = labels with count of PollVote.choices containing
 *   the index (a scale poll: labels "1".."5").
 * - AttendanceInterval → AttendanceInterval as is (filter by Session.seriesId).
 */
export interface CapturedDataReaders {
  outcomes(db: Database, seriesId: string): Promise<OutcomeItem[]>;
  questions(db: Database, seriesId: string): Promise<HighlightedQuestion[]>;
  polls(db: Database, seriesId: string): Promise<PollResult[]>;
  attendance(db: Database, seriesId: string): Promise<AttendanceInterval[]>;
}

export const capturedDataReaders: CapturedDataReaders = {
  outcomes: async () => [],
  questions: async () => [],
  polls: async () => [],
  attendance: async () => [],
};
