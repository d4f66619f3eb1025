import type { TRPCRouterRecord } from "@trpc/server";
import {
  addCandidateSlots,
  calendarFeedPath,
  cancelSession,
  confirmSchedule,
  ensureCalendarFeedToken,
  getPollView,
  removeCandidateSlot,
  rotateCalendarFeedToken,
  saveAvailability,
  savePollSettings,
  suggestSchedule,
} from "../scheduling";
import {
  authedProcedure,
  seriesMemberProcedure,
  seriesOrganiserProcedure,
  sessionOrganiserProcedure,
} from "../trpc";
import {
  addSlotsInput,
  answerInput,
  cancelSessionInput,
  confirmInput,
  removeSlotInput,
  saveSettingsInput,
  seriesInput,
} from "./scheduling.types";

export const schedulingRouter = {
  /** Organisers: every approved participant's answers. */
  overview: seriesOrganiserProcedure
    .input(seriesInput)
    .query(({ ctx, input }) =>
      getPollView(ctx.db, { seriesId: input.seriesId, asOrganiser: true }, ctx.actor),
    ),
  /** Members: their own answers, and the others' when the organiser shares them. */
  myPoll: seriesMemberProcedure
    .input(seriesInput)
    .query(({ ctx, input }) =>
      getPollView(ctx.db, { seriesId: input.seriesId, asOrganiser: false }, ctx.actor),
    ),
  saveSettings: seriesOrganiserProcedure
    .input(saveSettingsInput)
    .mutation(({ ctx, input }) => savePollSettings(ctx.db, input, ctx.actor)),
  // Session-scoped: authorised on the session's series; the service checks it is input.seriesId.
  addSlots: sessionOrganiserProcedure
    .input(addSlotsInput)
    .mutation(({ ctx, input }) => addCandidateSlots(ctx.db, input, ctx.actor)),
  removeSlot: seriesOrganiserProcedure
    .input(removeSlotInput)
    .mutation(({ ctx, input }) => removeCandidateSlot(ctx.db, input, ctx.actor)),
  answer: seriesMemberProcedure
    .input(answerInput)
    .mutation(({ ctx, input }) => saveAvailability(ctx.db, input, ctx.actor)),
  suggest: seriesOrganiserProcedure
    .input(seriesInput)
    .query(({ ctx, input }) => suggestSchedule(ctx.db, { seriesId: input.seriesId })),
  confirm: seriesOrganiserProcedure
    .input(confirmInput)
    .mutation(({ ctx, input }) => confirmSchedule(ctx.db, input, ctx.actor)),
  cancelSession: sessionOrganiserProcedure
    .input(cancelSessionInput)
    .mutation(({ ctx, input }) => cancelSession(ctx.db, input, ctx.actor)),
  /** The path of the signed-in person's private calendar feed (the web app turns it into webcal://). */
  calendarFeed: authedProcedure.query(async ({ ctx }) => ({
    path: calendarFeedPath(await ensureCalendarFeedToken(ctx.db, ctx.person.id)),
  })),
  rotateCalendarFeed: authedProcedure.mutation(async ({ ctx }) => ({
    path: calendarFeedPath(await rotateCalendarFeedToken(ctx.db, ctx.person.id)),
  })),
} satisfies TRPCRouterRecord;
