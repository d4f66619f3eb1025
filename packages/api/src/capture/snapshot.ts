import { and, asc, type Database, eq, NoteTaker, Outcome, Poll, Question, Session, Theme } from "@reeks/db";
import type { OutcomeView, SessionCapture } from "@reeks/models";
import type { z } from "zod";
import { latestEventId } from "../live";
import { type CaptureActor, isModerator, notFound, seriesDefaults, type Viewer, viewerOf } from "./actor";
import { reviewDeadline } from "./before-after";
import type { themeInput } from "./inputs";
import { loadOutcomes } from "./outcome-records";
import { loadPolls, loadQuestions, loadReviews, loadSeeds } from "./records";
import { outcomeView, pollView, questionView, reviewView, seedView } from "./views";

export async function canTakeNotes(db: Database, actor: CaptureActor): Promise<boolean> {
  if (isModerator(actor)) return true;
  const row = await db.query.NoteTaker.findFirst({
    where: and(eq(NoteTaker.sessionId, actor.session.id), eq(NoteTaker.participantId, actor.participantId)),
  });
  return Boolean(row);
}

function visible(views: Array<OutcomeView | null>): OutcomeView[] {
  return views.filter((v): v is OutcomeView => v !== null);
}

/**
 * Everything of one session for the capture panel, with the event id it is current to. The id is
 * read first: anything written meanwhile comes again on the stream, where it simply replaces itself.
 */
export async function sessionCapture(db: Database, actor: CaptureActor): Promise<SessionCapture> {
  const cursor = await latestEventId({ db }, actor.seriesId);
  const viewer = viewerOf(actor);
  const sessionId = actor.session.id;
  const [outcomes, questions, polls, seeds, defaults, deadline, notes] = await Promise.all([
    loadOutcomes(db, eq(Outcome.sessionId, sessionId)),
    loadQuestions(db, eq(Question.sessionId, sessionId)),
    loadPolls(db, eq(Poll.sessionId, sessionId)),
    loadSeeds(db, sessionId),
    seriesDefaults(db, actor.seriesId),
    reviewDeadline(db, sessionId),
    canTakeNotes(db, actor),
  ]);
  const actions = outcomes.filter((o) => o.kind === "action").map((o) => o.id);
  const reviews = await loadReviews(db, actions, sessionId);
  return {
    cursor,
    sessionId,
    seriesId: actor.seriesId,
    themeId: actor.session.themeId,
    sessionStatus: actor.session.status,
    defaultAttribution: defaults.defaultAttribution,
    role: actor.role,
    canModerate: viewer.moderator,
    canTakeNotes: notes,
    reviewDeadline: deadline?.toISOString() ?? null,
    outcomes: visible(outcomes.map((o) => outcomeView(o, viewer))),
    questions: questions.map((q) => questionView(q, viewer)),
    polls: polls.map((p) => pollView(p, viewer)),
    seeds: seeds.map((s) => seedView(s, viewer)),
    reviews: reviews.map((r) => reviewView(r, viewer)),
  };
}

export interface ThemeCapture {
  cursor: string;
  seriesId: string;
  theme: typeof Theme.$inferSelect;
  sessions: Array<{ id: string; position: number; status: string; startsAt: string | null; themeId: string }>;
  outcomes: OutcomeView[];
  canModerate: boolean;
}

/** Everything of one theme across all sessions of the series. */
export async function themeCapture(
  db: Database,
  input: z.infer<typeof themeInput>,
  viewer: Viewer,
): Promise<ThemeCapture> {
  const cursor = await latestEventId({ db }, input.seriesId);
  const theme = await db.query.Theme.findFirst({
    where: and(eq(Theme.id, input.themeId), eq(Theme.seriesId, input.seriesId)),
  });
  if (!theme) throw notFound("themeNotFound");
  const sessions = await db
    .select({
      id: Session.id,
      position: Session.position,
      status: Session.status,
      startsAt: Session.startsAt,
      themeId: Session.themeId,
    })
    .from(Session)
    .where(eq(Session.seriesId, input.seriesId))
    .orderBy(asc(Session.position));
  const outcomes = await loadOutcomes(db, eq(Outcome.themeId, theme.id));
  return {
    cursor,
    seriesId: input.seriesId,
    theme,
    sessions: sessions.map((s) => ({ ...s, startsAt: s.startsAt?.toISOString() ?? null })),
    outcomes: visible(outcomes.map((o) => outcomeView(o, viewer))),
    canModerate: viewer.moderator,
  };
}
