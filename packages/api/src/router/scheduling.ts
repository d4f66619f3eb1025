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
import { authedProcedure, memberProcedure, organiserProcedure } from "../trpc";
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
  overview: organiserProcedure
    .input(seriesInput)
    .query(({ ctx, input }) =>
      getPollView(ctx.database.db, { seriesId: input.seriesId, asOrganiser: true }, ctx.participant),
    ),
  /** Members: their own answers, and the others' when the organiser shares them. */
  myPoll: memberProcedure
    .input(seriesInput)
    .query(({ ctx, input }) =>
      getPollView(ctx.database.db, { seriesId: input.seriesId, asOrganiser: false }, ctx.participant),
    ),
  saveSettings: organiserProcedure
    .input(saveSettingsInput)
    .mutation(({ ctx, input }) => savePollSettings(ctx.database.db, input, ctx.actor)),
  addSlots: organiserProcedure.input(addSlotsInput).mutation(({ ctx, input }) =>
    // The procedure authorises on the session's series; the service checks it is input.seriesId.
    addCandidateSlots(ctx.database.db, input, ctx.actor),
  ),
  removeSlot: organiserProcedure
    .input(removeSlotInput)
    .mutation(({ ctx, input }) => removeCandidateSlot(ctx.database.db, input, ctx.actor)),
  answer: memberProcedure
    .input(answerInput)
    .mutation(({ ctx, input }) => saveAvailability(ctx.database.db, input, ctx.participant)),
  suggest: organiserProcedure
    .input(seriesInput)
    .query(({ ctx, input }) => suggestSchedule(ctx.database.db, { seriesId: input.seriesId })),
  confirm: organiserProcedure
    .input(confirmInput)
    .mutation(({ ctx, input }) => confirmSchedule(ctx.database.db, input, ctx.actor)),
  cancelSession: organiserProcedure
    .input(cancelSessionInput)
    .mutation(({ ctx, input }) => cancelSession(ctx.database.db, input, ctx.actor)),
  /** The path of the signed-in person's private calendar feed (the web app turns it into webcal://). */
  calendarFeed: authedProcedure.query(async ({ ctx }) => ({
    path: calendarFeedPath(await ensureCalendarFeedToken(ctx.database.db, ctx.person.id)),
  })),
  rotateCalendarFeed: authedProcedure.mutation(async ({ ctx }) => ({
    path: calendarFeedPath(await rotateCalendarFeedToken(ctx.database.db, ctx.person.id)),
  })),
} satisfies TRPCRouterRecord;
