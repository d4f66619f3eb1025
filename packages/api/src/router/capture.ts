import { type TRPCRouterRecord, tracked } from "@trpc/server";
import { viewerOf } from "../capture/actor";
import { reviewAction, setReviewDeadline, submitSeed } from "../capture/before-after";
import { captureOutcome } from "../capture/capture-outcome";
import { groupCapture, groupInput, myGroups, shareGroup, shareGroupInput } from "../capture/groups";
import {
  askQuestionInput,
  captureOutcomeInput,
  createPollInput,
  linkOutcomesInput,
  liveInput,
  markQuestionInput,
  mergeOutcomesInput,
  pollToOutcomeInput,
  questionToOutcomeInput,
  reviewActionInput,
  sessionInput,
  setOutcomeStatusInput,
  setPollStatusInput,
  setReviewDeadlineInput,
  submitSeedInput,
  themeInput,
  themeLiveInput,
  updateOutcomeInput,
  votePollInput,
  voteQuestionInput,
} from "../capture/inputs";
import { linkOutcomes } from "../capture/link-outcomes";
import { type SessionStreamAccess, sessionLiveTarget, sessionStreamAccess } from "../capture/live-target";
import { mergeOutcomes } from "../capture/merge-outcomes";
import {
  designateNoteTaker,
  listNoteTakers,
  notesAtInput,
  notesHistory,
  notesInput,
  noteTakerInput,
  passageToOutcome,
  passageToOutcomeInput,
  pushNotes,
  pushNotesInput,
  readNotes,
  readNotesText,
} from "../capture/notes";
import { createPoll, pollToOutcome, setPollStatus, votePoll } from "../capture/polls";
import { askQuestion, markQuestion, questionToOutcome, voteQuestion } from "../capture/questions";
import { setOutcomeStatus } from "../capture/set-outcome-status";
import { sessionCapture, themeCapture } from "../capture/snapshot";
import { updateOutcome } from "../capture/update-outcome";
import { liveEventView } from "../capture/views";
import { liveStream } from "../live";
import {
  seriesMemberProcedure,
  sessionMemberProcedure,
  sessionModeratorProcedure,
  sessionOrganiserProcedure,
} from "../trpc";

const outcome = {
  capture: sessionMemberProcedure
    .input(captureOutcomeInput)
    .mutation(({ ctx, input }) => captureOutcome(ctx.db, input, ctx.actor)),
  update: sessionModeratorProcedure
    .input(updateOutcomeInput)
    .mutation(({ ctx, input }) => updateOutcome(ctx.db, input, ctx.actor)),
  setStatus: sessionModeratorProcedure
    .input(setOutcomeStatusInput)
    .mutation(({ ctx, input }) => setOutcomeStatus(ctx.db, input, ctx.actor)),
  merge: sessionModeratorProcedure
    .input(mergeOutcomesInput)
    .mutation(({ ctx, input }) => mergeOutcomes(ctx.db, input, ctx.actor)),
  link: sessionModeratorProcedure
    .input(linkOutcomesInput)
    .mutation(({ ctx, input }) => linkOutcomes(ctx.db, input, ctx.actor)),
  unlink: sessionModeratorProcedure
    .input(linkOutcomesInput)
    .mutation(({ ctx, input }) => linkOutcomes(ctx.db, { ...input, unlink: true }, ctx.actor)),
} satisfies TRPCRouterRecord;

const question = {
  ask: sessionMemberProcedure
    .input(askQuestionInput)
    .mutation(({ ctx, input }) => askQuestion(ctx.db, input, ctx.actor)),
  vote: sessionMemberProcedure
    .input(voteQuestionInput)
    .mutation(({ ctx, input }) => voteQuestion(ctx.db, input, ctx.actor)),
  mark: sessionModeratorProcedure
    .input(markQuestionInput)
    .mutation(({ ctx, input }) => markQuestion(ctx.db, input, ctx.actor)),
  toOutcome: sessionModeratorProcedure
    .input(questionToOutcomeInput)
    .mutation(({ ctx, input }) => questionToOutcome(ctx.db, input, ctx.actor)),
} satisfies TRPCRouterRecord;

const poll = {
  create: sessionModeratorProcedure
    .input(createPollInput)
    .mutation(({ ctx, input }) => createPoll(ctx.db, input, ctx.actor)),
  setStatus: sessionModeratorProcedure
    .input(setPollStatusInput)
    .mutation(({ ctx, input }) => setPollStatus(ctx.db, input, ctx.actor)),
  vote: sessionMemberProcedure
    .input(votePollInput)
    .mutation(({ ctx, input }) => votePoll(ctx.db, input, ctx.actor)),
  toOutcome: sessionModeratorProcedure
    .input(pollToOutcomeInput)
    .mutation(({ ctx, input }) => pollToOutcome(ctx.db, { ...input, locale: ctx.locale }, ctx.actor)),
} satisfies TRPCRouterRecord;

const notes = {
  get: sessionMemberProcedure
    .input(notesInput)
    .query(({ ctx, input }) => readNotes(ctx.db, input, ctx.actor)),
  push: sessionMemberProcedure
    .input(pushNotesInput)
    .mutation(({ ctx, input }) => pushNotes(ctx.db, input, ctx.actor)),
  history: sessionMemberProcedure
    .input(notesInput)
    .query(({ ctx, input }) => notesHistory(ctx.db, input, ctx.actor)),
  textAt: sessionMemberProcedure
    .input(notesAtInput)
    .query(({ ctx, input }) => readNotesText(ctx.db, input, ctx.actor)),
  /** Who writes besides the moderators, and who could (for the moderator's note-taker picker). */
  takers: sessionModeratorProcedure.input(notesInput).query(({ ctx }) => listNoteTakers(ctx.db, ctx.actor)),
  /** Makes a participant a note-taker (`designate: true`) or no longer one (`false`). */
  designate: sessionModeratorProcedure
    .input(noteTakerInput)
    .mutation(({ ctx, input }) => designateNoteTaker(ctx.db, input, ctx.actor)),
  toOutcome: sessionMemberProcedure
    .input(passageToOutcomeInput)
    .mutation(({ ctx, input }) => passageToOutcome(ctx.db, input, ctx.actor)),
} satisfies TRPCRouterRecord;

export const captureRouter = {
  /** Everything of a session, current to `cursor`: subscribe to `live` from there. */
  session: sessionMemberProcedure.input(sessionInput).query(({ ctx }) => sessionCapture(ctx.db, ctx.actor)),
  /** Everything of a theme across the sessions of its series. */
  theme: seriesMemberProcedure
    .input(themeInput)
    .query(({ ctx, input }) => themeCapture(ctx.db, input, viewerOf(ctx.actor))),
  /**
   * The session's events as they happen. Resumes after `lastEventId` (the link sends the last one it
   * saw when it reconnects) with nothing missed and nothing twice.
   */
  live: sessionMemberProcedure.input(liveInput).subscription(async function* ({ ctx, input, signal }) {
    const target = sessionLiveTarget(sessionStreamAccess(ctx.actor));
    const stream = liveStream({
      database: ctx.database,
      seriesId: target.seriesId,
      lastEventId: input.lastEventId,
      signal,
    });
    for await (const event of stream) {
      const view = target.view(event);
      if (view) yield tracked(event.id, view);
    }
  }),
  /**
   * Who may follow `live`, and what they see depends on. The HTTP host serves `live` itself with
   * this (one frame per event for all streams alike; see serveSessionStream), so both paths share
   * the procedure's authorization.
   */
  liveAccess: sessionMemberProcedure
    .input(sessionInput)
    .query(({ ctx }): SessionStreamAccess => sessionStreamAccess(ctx.actor)),
  /** Item changes anywhere in the series, for the theme page (it keeps the ones of its theme). */
  themeLive: seriesMemberProcedure.input(themeLiveInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const viewer = viewerOf(ctx.actor);
    const stream = liveStream({
      database: ctx.database,
      seriesId: ctx.actor.seriesId,
      lastEventId: input.lastEventId,
      signal,
    });
    for await (const event of stream) {
      if (event.type !== "outcome") continue;
      const view = liveEventView(event, viewer);
      if (view) yield tracked(event.id, view);
    }
  }),
  /**
   * A breakout group's rapporteur (or a moderator) shares the group's items with the whole session;
   * the items keep the group as their provenance.
   */
  /** The breakout groups of this session the caller was in, for their group panels on the session page. */
  myGroups: sessionMemberProcedure.input(sessionInput).query(({ ctx }) => myGroups(ctx.db, ctx.actor)),
  /** A breakout group as its capture panel shows it (its participants and the moderators). */
  group: sessionMemberProcedure
    .input(groupInput)
    .query(({ ctx, input }) => groupCapture(ctx.db, input, ctx.actor)),
  shareGroup: sessionMemberProcedure
    .input(shareGroupInput)
    .mutation(({ ctx, input }) => shareGroup(ctx.db, input, ctx.actor)),
  outcome,
  question,
  poll,
  notes,
  seed: {
    submit: sessionMemberProcedure
      .input(submitSeedInput)
      .mutation(({ ctx, input }) => submitSeed(ctx.db, input, ctx.actor)),
  },
  review: {
    setDeadline: sessionOrganiserProcedure
      .input(setReviewDeadlineInput)
      .mutation(({ ctx, input }) => setReviewDeadline(ctx.db, input, ctx.actor)),
    submit: sessionMemberProcedure
      .input(reviewActionInput)
      .mutation(({ ctx, input }) => reviewAction(ctx.db, input, ctx.actor)),
  },
} satisfies TRPCRouterRecord;
