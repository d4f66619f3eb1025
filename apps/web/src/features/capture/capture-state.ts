import {
  isLiveEventType,
  type LiveEventOf,
  type LiveEventType,
  type LiveEventView,
  type OutcomeView,
  type PollView,
  type QuestionView,
  type SessionCapture,
} from "@reeks/models";

/** Items the browser shows before the server confirmed them carry an id with this prefix. */
export const PENDING_PREFIX = "pending-";

export function isPending(item: { id: string }): boolean {
  return item.id.startsWith(PENDING_PREFIX);
}

export function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  const index = list.findIndex((existing) => existing.id === item.id);
  if (index === -1) return [...list, item];
  const copy = list.slice();
  copy[index] = item;
  return copy;
}

export function withoutId<T extends { id: string }>(list: T[], id: string): T[] {
  return list.filter((item) => item.id !== id);
}

type Updaters = {
  [K in LiveEventType]: (state: SessionCapture, event: LiveEventOf<K>) => SessionCapture;
};

/** One updater per kind of live event (@reeks/models' contract): a new kind does not compile without one. */
const UPDATERS: Updaters = {
  outcome: (state, { outcome }) => {
    if (outcome.sessionId !== state.sessionId) return state;
    if (outcome.status === "rejected" && !state.canModerate) {
      return { ...state, outcomes: withoutId(state.outcomes, outcome.id) };
    }
    return withOutcome(state, outcome);
  },
  question: (state, { question }) => withQuestion(state, question),
  poll: (state, { poll }) => withPoll(state, poll),
  seed: (state, { seed }) => ({ ...state, seeds: upsert(state.seeds, seed) }),
  review: (state, { review }) => {
    const others = state.reviews.filter((r) => r.outcomeId !== review.outcomeId);
    return { ...state, reviews: [...others, review] };
  },
  session: (state, { reviewDeadline }) => ({ ...state, reviewDeadline }),
  // Moderators write anyway; for the person concerned the editor appears or goes.
  noteTaker: (state, event) =>
    event.you && event.sessionId === state.sessionId
      ? { ...state, canTakeNotes: state.canModerate || event.designated }
      : state,
  // The snapshot holds no notes: the notes editor applies these updates itself.
  notes: (state) => state,
  // The room's own queries take these (features/room/live-events.ts), not the capture snapshot.
  chat: (state) => state,
  roster: (state) => state,
  // The room refetches the round (features/room/live-events.ts): nothing captured changes.
  breakout: (state) => state,
  // The captions under the stage take these (features/captions), not the capture snapshot.
  caption: (state) => state,
};

function applyOne<K extends LiveEventType>(state: SessionCapture, event: LiveEventOf<K>): SessionCapture {
  const update: Updaters[K] = UPDATERS[event.type];
  return update(state, event);
}

/**
 * Applies one live event to the panel's snapshot. Repeats are harmless: every change is an upsert,
 * and an outcome never goes back to an older version (a mutation's answer can overtake the stream).
 * A kind of event this build does not know (a newer server) changes nothing.
 */
export function applyEvent(state: SessionCapture, event: LiveEventView): SessionCapture {
  return isLiveEventType(event.type) ? applyOne(state, event) : state;
}

/** What a list of items should show: nothing merged away, moderators also see rejected ones. */
export function visibleOutcomes(outcomes: OutcomeView[]): OutcomeView[] {
  return outcomes.filter((o) => o.status !== "merged");
}

/** The items of one breakout group, shared or not. */
export function groupOutcomes(outcomes: OutcomeView[], groupId: string): OutcomeView[] {
  return outcomes.filter((o) => o.group?.id === groupId);
}

/**
 * What a capture panel lists: in a group, the group's items; in the main session, its own items and
 * the groups' once shared (a moderator also receives unshared ones, which belong in their group's panel).
 */
export function panelOutcomes(outcomes: OutcomeView[], breakoutGroupId: string | null): OutcomeView[] {
  const visible = visibleOutcomes(outcomes);
  if (breakoutGroupId) return groupOutcomes(visible, breakoutGroupId);
  return visible.filter((o) => o.group === null || o.group.sharedAt !== null);
}

/**
 * The server's (or an optimistic) version of one outcome replaces what the panel had, unless the
 * panel already has a newer one. Equal versions replace: links change without a new version.
 */
export function withOutcome(state: SessionCapture, outcome: OutcomeView): SessionCapture {
  const known = state.outcomes.find((existing) => existing.id === outcome.id);
  if (known && known.version > outcome.version) return state;
  return { ...state, outcomes: upsert(state.outcomes, outcome) };
}

export function withQuestion(state: SessionCapture, question: QuestionView): SessionCapture {
  return { ...state, questions: upsert(state.questions, question) };
}

export function withPoll(state: SessionCapture, poll: PollView): SessionCapture {
  return { ...state, polls: upsert(state.polls, poll) };
}

/**
 * Settles an optimistic outcome: the saved one takes its place, or on failure it goes. If the live
 * stream delivered the saved outcome first, it is not listed twice.
 */
export function settlePendingOutcome(
  state: SessionCapture,
  pendingId: string,
  saved: OutcomeView | null,
): SessionCapture {
  const outcomes = withoutId(state.outcomes, pendingId);
  return { ...state, outcomes: saved ? upsert(outcomes, saved) : outcomes };
}
