import {
  type ActionReviewView,
  type AgendaSeedView,
  type LiveEventType,
  type LiveEventView,
  type LiveEventViews,
  mayShowAuthor,
  type OutcomeView,
  type PollView,
  type QuestionView,
} from "@reeks/models";
import type { LiveEventRecord } from "../live";
import type { Viewer } from "./actor";
import { type CaptureRecords, isCaptureEvent } from "./live-events";
import type { OutcomeRecord, PollRecord, QuestionRecord, ReviewRecord, SeedRecord } from "./records";

function isMine(record: { authorId: string | null }, viewer: Viewer): boolean {
  return record.authorId !== null && record.authorId === viewer.participantId;
}

/** Who wrote an attributed item, as far as this viewer may know it. */
function authorship(record: Pick<SeedRecord, "attribution" | "author" | "authorId">, viewer: Viewer) {
  const shown = mayShowAuthor(record.attribution, viewer.moderator ? "moderator" : "member");
  return { author: shown ? record.author : null, mine: isMine(record, viewer) };
}

/** Which item this is and where it belongs: what every view of an outcome carries, hidden or not. */
function outcomeIdentity(record: OutcomeRecord) {
  const { id, seriesId, sessionId, themeId, kind } = record;
  return { id, seriesId, sessionId, themeId, kind };
}

/**
 * A group's item before the group shares it is for the group and the moderators alone: anyone else
 * must not even learn that it exists.
 */
export function hiddenInGroup(record: Pick<OutcomeRecord, "group">, viewer: Viewer): boolean {
  const group = record.group;
  if (!group || group.sharedAt !== null || viewer.moderator) return false;
  return !group.memberIds.includes(viewer.participantId);
}

function groupView(record: OutcomeRecord): OutcomeView["group"] {
  if (!record.group) return null;
  const { memberIds: _hidden, ...group } = record.group;
  return group;
}

export function outcomeView(record: OutcomeRecord, viewer: Viewer): OutcomeView | null {
  if (hiddenInGroup(record, viewer)) return null;
  // Rejected items are curation leftovers: only moderators see them.
  if (record.status === "rejected" && !viewer.moderator) return null;
  return {
    ...outcomeIdentity(record),
    text: record.text,
    status: record.status,
    key: record.key,
    attribution: record.attribution,
    ...authorship(record, viewer),
    owner: record.owner,
    dueDate: record.dueDate,
    version: record.version,
    mergedIntoId: record.mergedIntoId,
    provenance: record.provenance.map(({ authorId: _hidden, ...rest }) => rest),
    links: record.links,
    notesAnchor: record.notesAnchor,
    transcriptAnchor: record.transcriptAnchor,
    group: groupView(record),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** For a service answering the caller about an item it just wrote: the caller may always see it. */
export function callerOutcomeView(record: OutcomeRecord, viewer: Viewer): OutcomeView {
  return outcomeView(record, viewer) ?? hiddenOutcome(record);
}

export function questionView(record: QuestionRecord, viewer: Viewer): QuestionView {
  return {
    id: record.id,
    sessionId: record.sessionId,
    text: record.text,
    anonymous: record.anonymous,
    author: record.anonymous ? null : record.author,
    mine: isMine(record, viewer),
    votes: record.voterIds.length,
    votedByMe: record.voterIds.includes(viewer.participantId),
    status: record.status,
    highlighted: record.highlighted,
    outcomeId: record.outcomeId,
    createdAt: record.createdAt,
  };
}

export function pollView(record: PollRecord, viewer: Viewer): PollView {
  const counts: Record<string, number> = {};
  const values = record.kind === "scale" ? [1, 2, 3, 4, 5] : record.options.map((_, i) => i);
  for (const value of values) counts[String(value)] = 0;
  for (const choices of Object.values(record.ballots)) {
    for (const choice of choices) counts[String(choice)] = (counts[String(choice)] ?? 0) + 1;
  }
  return {
    id: record.id,
    sessionId: record.sessionId,
    question: record.question,
    kind: record.kind,
    status: record.status,
    options: record.options.map((label, id) => ({ id, label })),
    counts,
    voters: Object.keys(record.ballots).length,
    myChoices: record.ballots[viewer.participantId] ?? [],
    outcomeId: record.outcomeId,
    createdAt: record.createdAt,
  };
}

export function seedView(record: SeedRecord, viewer: Viewer): AgendaSeedView {
  return {
    id: record.id,
    sessionId: record.sessionId,
    text: record.text,
    attribution: record.attribution,
    ...authorship(record, viewer),
    createdAt: record.createdAt,
  };
}

export function reviewView(record: ReviewRecord, viewer: Viewer): ActionReviewView {
  const mine = record.entries.find((e) => e.participantId === viewer.participantId);
  return {
    outcomeId: record.outcomeId,
    agree: record.entries.filter((e) => e.verdict === "agree").length,
    comments: record.entries
      .filter((e) => e.verdict === "comment")
      .map((e) => ({ id: e.id, text: e.comment ?? "", author: e.author, at: e.at })),
    myVerdict: mine?.verdict ?? null,
  };
}

type ViewOf = { [K in LiveEventType]: (data: CaptureRecords[K], viewer: Viewer) => LiveEventViews[K] | null };

/** Per event type: what this viewer may see of the logged record, or null when nothing is for them. */
const VIEWS: ViewOf = {
  outcome: (record, viewer) => {
    if (hiddenInGroup(record, viewer)) return null;
    const outcome = outcomeView(record, viewer);
    // A rejection still has to reach members, so their lists drop the item.
    return { type: "outcome", outcome: outcome ?? { ...hiddenOutcome(record), status: "rejected" } };
  },
  question: (record, viewer) => ({ type: "question", question: questionView(record, viewer) }),
  poll: (record, viewer) => ({ type: "poll", poll: pollView(record, viewer) }),
  seed: (record, viewer) => ({ type: "seed", seed: seedView(record, viewer) }),
  review: (record, viewer) => ({ type: "review", review: reviewView(record, viewer) }),
  notes: (data, viewer) => {
    const groupId = data.breakoutGroupId ?? null;
    if (groupId !== null && !viewer.moderator && !(data.audience ?? []).includes(viewer.participantId))
      return null;
    return { type: "notes", sessionId: data.sessionId, update: data.update, breakoutGroupId: groupId };
  },
  noteTaker: (data, viewer) => {
    const you = data.participantId === viewer.participantId;
    // Who takes notes is the moderators' business; a member only hears about themselves.
    if (!you && !viewer.moderator) return null;
    return { type: "noteTaker", sessionId: data.sessionId, designated: data.designated === true, you };
  },
  // Chat and roster look the same to everyone in the session.
  chat: (message) => ({ type: "chat", message }),
  roster: ({ sessionId, ...entry }) => ({ type: "roster", sessionId, entry }),
  breakout: (data) => ({
    type: "breakout",
    sessionId: data.sessionId,
    roundId: data.roundId,
    change: data.change,
    body: data.body ?? null,
  }),
  agenda: (data) => ({ type: "agenda", sessionId: data.sessionId, version: data.version }),
  // Captions are alike for everyone in the session; who captions is the moderators' and their own business.
  caption: (data, viewer) => {
    if (data.kind === "captioner" && !viewer.moderator && data.participantId !== viewer.participantId)
      return null;
    return { type: "caption", ...data };
  },
  session: (data) => ({
    type: "session",
    sessionId: data.sessionId,
    reviewDeadline: data.reviewDeadline ?? null,
  }),
};

function viewOf<K extends LiveEventType>(
  event: { type: K; data: CaptureRecords[K] },
  viewer: Viewer,
): LiveEventViews[K] | null {
  const view: ViewOf[K] = VIEWS[event.type];
  return view(event.data, viewer);
}

/** A logged event as this viewer may see it; null when there is nothing for them in it. */
export function liveEventView(event: LiveEventRecord, viewer: Viewer): LiveEventView | null {
  return isCaptureEvent(event) ? viewOf(event, viewer) : null;
}

/** Only what a member needs to remove a rejected item from view. */
function hiddenOutcome(record: OutcomeRecord): OutcomeView {
  return {
    ...outcomeIdentity(record),
    text: "",
    status: "rejected",
    key: false,
    attribution: record.attribution,
    author: null,
    mine: false,
    owner: null,
    dueDate: null,
    version: record.version,
    mergedIntoId: null,
    provenance: [],
    links: [],
    notesAnchor: null,
    transcriptAnchor: null,
    group: null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
