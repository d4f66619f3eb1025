import { TRPCError, type TRPCRouterRecord, tracked } from "@trpc/server";
import { type CaptureActor, viewerOf } from "../capture/actor";
import { reviewAction, setReviewDeadline, submitSeed } from "../capture/before-after";
import { captureOutcome } from "../capture/capture-outcome";
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
  notesText,
  noteTakerInput,
  passageToOutcome,
  passageToOutcomeInput,
  pushNotes,
  pushNotesInput,
  readNotes,
} from "../capture/notes";
import { createPoll, pollToOutcome, setPollStatus, votePoll } from "../capture/polls";
import { askQuestion, markQuestion, questionToOutcome, voteQuestion } from "../capture/questions";
import { setOutcomeStatus } from "../capture/set-outcome-status";
import { sessionCapture, themeCapture } from "../capture/snapshot";
import { updateOutcome } from "../capture/update-outcome";
import { liveEventView } from "../capture/views";
import { liveStream } from "../live";
import { memberProcedure, moderatorProcedure, organiserProcedure } from "../trpc";

interface SessionScopedContext {
  person: { id: string };
  participant: { id: string; role: CaptureActor["role"] };
  seriesId: string;
  session: CaptureActor["session"] | null;
}

/** The actor of a session-scoped call; the named procedure has already checked role and series. */
function actorOf(ctx: SessionScopedContext): CaptureActor {
  if (!ctx.session) throw new TRPCError({ code: "BAD_REQUEST", message: "sessionId is required" });
  return {
    personId: ctx.person.id,
    participantId: ctx.participant.id,
    role: ctx.participant.role,
    seriesId: ctx.seriesId,
    session: ctx.session,
  };
}

const outcome = {
  capture: memberProcedure
    .input(captureOutcomeInput)
    .mutation(({ ctx, input }) => captureOutcome(ctx.database.db, input, actorOf(ctx))),
  update: moderatorProcedure
    .input(updateOutcomeInput)
    .mutation(({ ctx, input }) => updateOutcome(ctx.database.db, input, actorOf(ctx))),
  setStatus: moderatorProcedure
    .input(setOutcomeStatusInput)
    .mutation(({ ctx, input }) => setOutcomeStatus(ctx.database.db, input, actorOf(ctx))),
  merge: moderatorProcedure
    .input(mergeOutcomesInput)
    .mutation(({ ctx, input }) => mergeOutcomes(ctx.database.db, input, actorOf(ctx))),
  link: moderatorProcedure
    .input(linkOutcomesInput)
    .mutation(({ ctx, input }) => linkOutcomes(ctx.database.db, input, actorOf(ctx))),
  unlink: moderatorProcedure
    .input(linkOutcomesInput)
    .mutation(({ ctx, input }) => linkOutcomes(ctx.database.db, { ...input, unlink: true }, actorOf(ctx))),
} satisfies TRPCRouterRecord;

const question = {
  ask: memberProcedure
    .input(askQuestionInput)
    .mutation(({ ctx, input }) => askQuestion(ctx.database.db, input, actorOf(ctx))),
  vote: memberProcedure
    .input(voteQuestionInput)
    .mutation(({ ctx, input }) => voteQuestion(ctx.database.db, input, actorOf(ctx))),
  mark: moderatorProcedure
    .input(markQuestionInput)
    .mutation(({ ctx, input }) => markQuestion(ctx.database.db, input, actorOf(ctx))),
  toOutcome: moderatorProcedure
    .input(questionToOutcomeInput)
    .mutation(({ ctx, input }) => questionToOutcome(ctx.database.db, input, actorOf(ctx))),
} satisfies TRPCRouterRecord;

const poll = {
  create: moderatorProcedure
    .input(createPollInput)
    .mutation(({ ctx, input }) => createPoll(ctx.database.db, input, actorOf(ctx))),
  setStatus: moderatorProcedure
    .input(setPollStatusInput)
    .mutation(({ ctx, input }) => setPollStatus(ctx.database.db, input, actorOf(ctx))),
  vote: memberProcedure
    .input(votePollInput)
    .mutation(({ ctx, input }) => votePoll(ctx.database.db, input, actorOf(ctx))),
  toOutcome: moderatorProcedure
    .input(pollToOutcomeInput)
    .mutation(({ ctx, input }) => pollToOutcome(ctx.database.db, input, actorOf(ctx), ctx.locale)),
} satisfies TRPCRouterRecord;

const notes = {
  get: memberProcedure.input(notesInput).query(({ ctx }) => readNotes(ctx.database.db, actorOf(ctx))),
  push: memberProcedure
    .input(pushNotesInput)
    .mutation(({ ctx, input }) => pushNotes(ctx.database.db, input, actorOf(ctx))),
  history: memberProcedure.input(notesInput).query(({ ctx }) => notesHistory(ctx.database.db, actorOf(ctx))),
  textAt: memberProcedure.input(notesAtInput).query(async ({ ctx, input }) => ({
    text: await notesText(ctx.database.db, actorOf(ctx).session.id, BigInt(input.updateId)),
  })),
  /** Who writes besides the moderators, and who could (for the moderator's note-taker picker). */
  takers: moderatorProcedure
    .input(notesInput)
    .query(({ ctx }) => listNoteTakers(ctx.database.db, actorOf(ctx))),
  /** Makes a participant a note-taker (`designate: true`) or no longer one (`false`). */
  designate: moderatorProcedure
    .input(noteTakerInput)
    .mutation(({ ctx, input }) => designateNoteTaker(ctx.database.db, input, actorOf(ctx))),
  toOutcome: memberProcedure
    .input(passageToOutcomeInput)
    .mutation(({ ctx, input }) => passageToOutcome(ctx.database.db, input, actorOf(ctx))),
} satisfies TRPCRouterRecord;

export const captureRouter = {
  /** Everything of a session, current to `cursor`: subscribe to `live` from there. */
  session: memberProcedure
    .input(sessionInput)
    .query(({ ctx }) => sessionCapture(ctx.database.db, actorOf(ctx))),
  /** Everything of a theme across the sessions of its series. */
  theme: memberProcedure
    .input(themeInput)
    .query(({ ctx, input }) =>
      themeCapture(
        ctx.database.db,
        input,
        viewerOf({ participantId: ctx.participant.id, role: ctx.participant.role }),
      ),
    ),
  /**
   * The session's events as they happen. Resumes after `lastEventId` (the link sends the last one it
   * saw when it reconnects) with nothing missed and nothing twice.
   */
  live: memberProcedure.input(liveInput).subscription(async function* ({ ctx, input, signal }) {
    const target = sessionLiveTarget(sessionStreamAccess(actorOf(ctx)));
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
  liveAccess: memberProcedure
    .input(sessionInput)
    .query(({ ctx }): SessionStreamAccess => sessionStreamAccess(actorOf(ctx))),
  /** Item changes anywhere in the series, for the theme page (it keeps the ones of its theme). */
  themeLive: memberProcedure.input(themeLiveInput).subscription(async function* ({ ctx, input, signal }) {
    const viewer = viewerOf({ participantId: ctx.participant.id, role: ctx.participant.role });
    const stream = liveStream({
      database: ctx.database,
      seriesId: ctx.seriesId,
      lastEventId: input.lastEventId,
      signal,
    });
    for await (const event of stream) {
      if (event.type !== "outcome") continue;
      const view = liveEventView(event, viewer);
      if (view) yield tracked(event.id, view);
    }
  }),
  outcome,
  question,
  poll,
  notes,
  seed: {
    submit: memberProcedure
      .input(submitSeedInput)
      .mutation(({ ctx, input }) => submitSeed(ctx.database.db, input, actorOf(ctx))),
  },
  review: {
    setDeadline: organiserProcedure
      .input(setReviewDeadlineInput)
      .mutation(({ ctx, input }) => setReviewDeadline(ctx.database.db, input, actorOf(ctx))),
    submit: memberProcedure
      .input(reviewActionInput)
      .mutation(({ ctx, input }) => reviewAction(ctx.database.db, input, actorOf(ctx))),
  },
} satisfies TRPCRouterRecord;
