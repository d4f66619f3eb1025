import { availabilityInputSchema, localSlotSchema, pollSettingsSchema } from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
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

const seriesInput = z.object({ seriesId: z.uuid() });

export const schedulingRouter = {
  /** Organisers: every approved participant's answers. */
  overview: organiserProcedure
    .input(seriesInput)
    .query(({ ctx, input }) =>
      getPollView(ctx.database.db, input.seriesId, ctx.participant, { asOrganiser: true }),
    ),
  /** Members: their own answers, and the others' when the organiser shares them. */
  myPoll: memberProcedure
    .input(seriesInput)
    .query(({ ctx, input }) =>
      getPollView(ctx.database.db, input.seriesId, ctx.participant, { asOrganiser: false }),
    ),
  saveSettings: organiserProcedure
    .input(pollSettingsSchema)
    .mutation(({ ctx, input }) => savePollSettings(ctx.database.db, input, ctx.actor)),
  addSlots: organiserProcedure
    .input(
      z.object({ seriesId: z.uuid(), sessionId: z.uuid(), slots: z.array(localSlotSchema).min(1).max(60) }),
    )
    .mutation(({ ctx, input }) =>
      // The procedure authorises on the session's series; the service checks it is input.seriesId.
      addCandidateSlots(ctx.database.db, input, ctx.actor),
    ),
  removeSlot: organiserProcedure
    .input(z.object({ seriesId: z.uuid(), slotId: z.uuid() }))
    .mutation(({ ctx, input }) => removeCandidateSlot(ctx.database.db, input, ctx.actor)),
  answer: memberProcedure
    .input(availabilityInputSchema)
    .mutation(({ ctx, input }) => saveAvailability(ctx.database.db, input, ctx.participant)),
  suggest: organiserProcedure
    .input(seriesInput)
    .query(({ ctx, input }) => suggestSchedule(ctx.database.db, input.seriesId)),
  confirm: organiserProcedure
    .input(z.object({ seriesId: z.uuid(), slotIds: z.array(z.uuid()).min(1).max(20) }))
    .mutation(({ ctx, input }) => confirmSchedule(ctx.database.db, input, ctx.actor)),
  cancelSession: organiserProcedure
    .input(z.object({ seriesId: z.uuid(), sessionId: z.uuid() }))
    .mutation(({ ctx, input }) => cancelSession(ctx.database.db, input, ctx.actor)),
  /** The path of the signed-in person's private calendar feed (the web app turns it into webcal://). */
  calendarFeed: authedProcedure.query(async ({ ctx }) => ({
    path: calendarFeedPath(await ensureCalendarFeedToken(ctx.database.db, ctx.person.id)),
  })),
  rotateCalendarFeed: authedProcedure.mutation(async ({ ctx }) => ({
    path: calendarFeedPath(await rotateCalendarFeedToken(ctx.database.db, ctx.person.id)),
  })),
} satisfies TRPCRouterRecord;
