import type { LiveEventView, OutcomeView, PollView, QuestionView, SessionCapture } from "@reeks/models";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  PENDING_PREFIX,
  panelOutcomes,
  settlePendingOutcome,
  visibleOutcomes,
  withOutcome,
  withQuestion,
} from "./capture-state";

const SESSION = "session-1";

function snapshot(overrides: Partial<SessionCapture> = {}): SessionCapture {
  return {
    cursor: "0",
    sessionId: SESSION,
    seriesId: "series-1",
    themeId: "theme-1",
    sessionStatus: "live",
    defaultAttribution: "named",
    role: "member",
    canModerate: false,
    canTakeNotes: false,
    reviewDeadline: null,
    outcomes: [],
    questions: [],
    polls: [],
    seeds: [],
    reviews: [],
    ...overrides,
  };
}

function outcome(id: string, overrides: Partial<OutcomeView> = {}): OutcomeView {
  return {
    id,
    seriesId: "series-1",
    sessionId: SESSION,
    themeId: "theme-1",
    kind: "problem",
    text: `text of ${id}`,
    status: "proposed",
    key: false,
    attribution: "named",
    author: null,
    mine: false,
    owner: null,
    dueDate: null,
    version: 1,
    mergedIntoId: null,
    provenance: [],
    links: [],
    notesAnchor: null,
    transcriptAnchor: null,
    group: null,
    createdAt: "2026-03-01T10:00:00.000Z",
    updatedAt: "2026-03-01T10:00:00.000Z",
    ...overrides,
  };
}

function question(id: string, votes: number): QuestionView {
  return {
    id,
    sessionId: SESSION,
    text: `question ${id}`,
    anonymous: false,
    author: null,
    mine: false,
    votes,
    votedByMe: false,
    status: "open",
    highlighted: false,
    outcomeId: null,
    createdAt: "2026-03-01T10:00:00.000Z",
  };
}

function poll(id: string, status: PollView["status"]): PollView {
  return {
    id,
    sessionId: SESSION,
    question: `poll ${id}`,
    kind: "single",
    status,
    options: [{ id: 1, label: "yes" }],
    counts: {},
    voters: 0,
    myChoices: [],
    outcomeId: null,
    createdAt: "2026-03-01T10:00:00.000Z",
  };
}

const applyAll = (state: SessionCapture, events: LiveEventView[]) => events.reduce(applyEvent, state);

describe("applyEvent", () => {
  it("builds the lists from events in the order they arrive, each item once", () => {
    const state = applyAll(snapshot(), [
      { type: "outcome", outcome: outcome("a") },
      { type: "question", question: question("q1", 0) },
      { type: "outcome", outcome: outcome("b") },
      { type: "poll", poll: poll("p1", "open") },
      { type: "outcome", outcome: outcome("a", { text: "edited", version: 2 }) },
    ]);
    expect(state.outcomes.map((o) => [o.id, o.text])).toEqual([
      ["a", "edited"],
      ["b", "text of b"],
    ]);
    expect(state.questions.map((q) => q.id)).toEqual(["q1"]);
    expect(state.polls.map((p) => [p.id, p.status])).toEqual([["p1", "open"]]);
  });

  it("ignores a repeated event: replaying the stream after a reconnect changes nothing", () => {
    const events: LiveEventView[] = [
      { type: "outcome", outcome: outcome("a") },
      { type: "question", question: question("q1", 3) },
      { type: "review", review: { outcomeId: "a", agree: 1, comments: [], myVerdict: null } },
    ];
    const once = applyAll(snapshot(), events);
    const twice = applyAll(once, events);
    expect(twice).toEqual(once);
    expect(twice.outcomes).toHaveLength(1);
    expect(twice.questions).toHaveLength(1);
    expect(twice.reviews).toHaveLength(1);
  });

  it("keeps the newer outcome when an older version arrives after it", () => {
    const newer = outcome("a", { text: "second edit", version: 3 });
    const older = outcome("a", { text: "first edit", version: 2 });
    const state = applyAll(snapshot(), [
      { type: "outcome", outcome: newer },
      { type: "outcome", outcome: older },
    ]);
    expect(state.outcomes).toEqual([newer]);
  });

  it("takes a change of the same version: links change without a new version", () => {
    const linked = outcome("a", {
      links: [{ id: "b", sessionId: SESSION, kind: "insight", text: "b", status: "proposed" }],
    });
    const state = applyAll(snapshot(), [
      { type: "outcome", outcome: outcome("a") },
      { type: "outcome", outcome: linked },
    ]);
    expect(state.outcomes[0]?.links.map((l) => l.id)).toEqual(["b"]);
  });

  it("removes a rejected outcome for members and keeps it, marked, for moderators", () => {
    const events: LiveEventView[] = [
      { type: "outcome", outcome: outcome("a") },
      { type: "outcome", outcome: outcome("b") },
      { type: "outcome", outcome: outcome("a", { status: "rejected", version: 2 }) },
    ];
    expect(applyAll(snapshot(), events).outcomes.map((o) => o.id)).toEqual(["b"]);
    const moderator = applyAll(snapshot({ canModerate: true }), events);
    expect(moderator.outcomes.map((o) => [o.id, o.status])).toEqual([
      ["a", "rejected"],
      ["b", "proposed"],
    ]);
  });

  it("leaves out outcomes of another session of the series", () => {
    const state = applyEvent(snapshot(), { type: "outcome", outcome: outcome("x", { sessionId: "other" }) });
    expect(state.outcomes).toEqual([]);
  });

  it("keeps one review per outcome, the latest", () => {
    const state = applyAll(snapshot(), [
      { type: "review", review: { outcomeId: "a", agree: 1, comments: [], myVerdict: null } },
      { type: "review", review: { outcomeId: "b", agree: 0, comments: [], myVerdict: null } },
      { type: "review", review: { outcomeId: "a", agree: 2, comments: [], myVerdict: "agree" } },
    ]);
    expect(state.reviews.map((r) => [r.outcomeId, r.agree])).toEqual([
      ["b", 0],
      ["a", 2],
    ]);
  });

  it("opens and closes the notes editor only for the person designated", () => {
    const designated = applyEvent(snapshot(), {
      type: "noteTaker",
      sessionId: SESSION,
      designated: true,
      you: true,
    });
    expect(designated.canTakeNotes).toBe(true);
    const someoneElse = applyEvent(snapshot(), {
      type: "noteTaker",
      sessionId: SESSION,
      designated: true,
      you: false,
    });
    expect(someoneElse.canTakeNotes).toBe(false);
    const ended = applyEvent(designated, {
      type: "noteTaker",
      sessionId: SESSION,
      designated: false,
      you: true,
    });
    expect(ended.canTakeNotes).toBe(false);
    // Moderators always write: taking the designation away does not close their editor.
    const moderator = snapshot({ canModerate: true, canTakeNotes: true });
    expect(
      applyEvent(moderator, { type: "noteTaker", sessionId: SESSION, designated: false, you: true })
        .canTakeNotes,
    ).toBe(true);
  });

  it("sets and clears the review deadline", () => {
    const set = applyEvent(snapshot(), {
      type: "session",
      sessionId: SESSION,
      reviewDeadline: "2026-03-08T17:00:00.000Z",
    });
    expect(set.reviewDeadline).toBe("2026-03-08T17:00:00.000Z");
    expect(
      applyEvent(set, { type: "session", sessionId: SESSION, reviewDeadline: null }).reviewDeadline,
    ).toBe(null);
  });
});

describe("optimistic outcomes", () => {
  const pendingId = `${PENDING_PREFIX}1`;
  const pending = outcome(pendingId, { version: 0, mine: true });
  const saved = outcome("a", { mine: true });

  it("replaces the pending item by the saved one", () => {
    const state = settlePendingOutcome(withOutcome(snapshot(), pending), pendingId, saved);
    expect(state.outcomes).toEqual([saved]);
  });

  it("lists the saved outcome once when the stream brought it before the answer did", () => {
    let state = withOutcome(snapshot(), pending);
    state = applyEvent(state, { type: "outcome", outcome: saved });
    state = settlePendingOutcome(state, pendingId, saved);
    expect(state.outcomes).toEqual([saved]);
  });

  it("takes the pending item away when saving failed", () => {
    const other = outcome("b");
    const state = settlePendingOutcome(withOutcome(withOutcome(snapshot(), other), pending), pendingId, null);
    expect(state.outcomes).toEqual([other]);
  });
});

describe("withQuestion", () => {
  it("replaces a question by its newer count and keeps the others in place", () => {
    let state = withQuestion(withQuestion(snapshot(), question("q1", 0)), question("q2", 0));
    state = withQuestion(state, question("q1", 4));
    expect(state.questions.map((q) => [q.id, q.votes])).toEqual([
      ["q1", 4],
      ["q2", 0],
    ]);
  });
});

describe("visibleOutcomes", () => {
  it("hides what was merged into another item and shows the rest", () => {
    const shown = visibleOutcomes([
      outcome("a", { status: "merged", mergedIntoId: "b" }),
      outcome("b", { status: "confirmed" }),
      outcome("c", { status: "rejected" }),
    ]);
    expect(shown.map((o) => o.id)).toEqual(["b", "c"]);
  });
});

describe("breakout group items in the panels", () => {
  const group = (id: string, sharedAt: string | null) => ({
    id,
    name: `Groep ${id}`,
    question: { nl: "Vraag" },
    sharedAt,
  });
  const items = [
    outcome("main"),
    outcome("a-unshared", { group: group("a", null) }),
    outcome("a-shared", { group: group("a", "2026-03-01T10:30:00.000Z") }),
    outcome("b-unshared", { group: group("b", null) }),
    outcome("a-merged", { group: group("a", null), status: "merged" }),
  ];
  const ids = (list: OutcomeView[]) => list.map((o) => o.id);

  it("lists a group's own items in its panel, shared or not", () => {
    expect(ids(panelOutcomes(items, "a"))).toEqual(["a-unshared", "a-shared"]);
    expect(ids(panelOutcomes(items, "b"))).toEqual(["b-unshared"]);
  });

  it("lists the session's items and the groups' shared ones in the main panel", () => {
    expect(ids(panelOutcomes(items, null))).toEqual(["main", "a-shared"]);
  });
});
