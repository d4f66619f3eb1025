import {
  addSessionInputSchema,
  addThemeInputSchema,
  duplicateSeriesInputSchema,
  lifecycleInputSchema,
  logoInputSchema,
  moveSessionInputSchema,
  moveThemeInputSchema,
  removeSessionInputSchema,
  removeThemeInputSchema,
  setSessionDateInputSchema,
  slugSchema,
  updateSeriesInputSchema,
  updateSessionInputSchema,
  updateThemeInputSchema,
} from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  addSession,
  addTheme,
  completeness,
  deleteDraft,
  duplicateSeries,
  editableSeries,
  moveSession,
  moveTheme,
  removeLogo,
  removeSession,
  removeTheme,
  setSessionDate,
  slugAvailable,
  transition,
  updateSeries,
  updateSession,
  updateTheme,
  uploadLogo,
} from "../authoring";
import { seriesOrganiserProcedure as organiser } from "../trpc";

/** An organiser's own series: everything here names it (`seriesId`) and the version edited. */
export const authoringRouter = {
  get: organiser
    .input(z.object({ seriesId: z.uuid() }))
    .query(({ ctx }) => editableSeries(ctx.db, ctx.actor.seriesId)),
  /** Checked as the organiser types a new slug for their draft; the series' own slug counts as free. */
  slugAvailable: organiser
    .input(z.object({ seriesId: z.uuid(), slug: slugSchema }))
    .query(({ ctx, input }) => slugAvailable(ctx.db, input.slug, ctx.actor.seriesId)),
  update: organiser
    .input(updateSeriesInputSchema)
    .mutation(({ ctx, input }) => updateSeries(ctx.db, input, ctx.actor)),
  addTheme: organiser
    .input(addThemeInputSchema)
    .mutation(({ ctx, input }) => addTheme(ctx.db, input, ctx.actor)),
  updateTheme: organiser
    .input(updateThemeInputSchema)
    .mutation(({ ctx, input }) => updateTheme(ctx.db, input, ctx.actor)),
  moveTheme: organiser
    .input(moveThemeInputSchema)
    .mutation(({ ctx, input }) => moveTheme(ctx.db, input, ctx.actor)),
  removeTheme: organiser
    .input(removeThemeInputSchema)
    .mutation(({ ctx, input }) => removeTheme(ctx.db, input, ctx.actor)),
  addSession: organiser
    .input(addSessionInputSchema)
    .mutation(({ ctx, input }) => addSession(ctx.db, input, ctx.actor)),
  updateSession: organiser
    .input(updateSessionInputSchema)
    .mutation(({ ctx, input }) => updateSession(ctx.db, input, ctx.actor)),
  moveSession: organiser
    .input(moveSessionInputSchema)
    .mutation(({ ctx, input }) => moveSession(ctx.db, input, ctx.actor)),
  removeSession: organiser
    .input(removeSessionInputSchema)
    .mutation(({ ctx, input }) => removeSession(ctx.db, input, ctx.actor)),
  setSessionDate: organiser
    .input(setSessionDateInputSchema)
    .mutation(({ ctx, input }) => setSessionDate(ctx.db, input, ctx.actor)),
  completeness: organiser
    .input(z.object({ seriesId: z.uuid() }))
    .query(({ ctx }) => completeness(ctx.db, ctx.actor)),
  publish: organiser
    .input(lifecycleInputSchema)
    .mutation(({ ctx, input }) => transition(ctx.db, input, "publish", ctx.actor)),
  start: organiser
    .input(lifecycleInputSchema)
    .mutation(({ ctx, input }) => transition(ctx.db, input, "start", ctx.actor)),
  finish: organiser
    .input(lifecycleInputSchema)
    .mutation(({ ctx, input }) => transition(ctx.db, input, "finish", ctx.actor)),
  archive: organiser
    .input(lifecycleInputSchema)
    .mutation(({ ctx, input }) => transition(ctx.db, input, "archive", ctx.actor)),
  deleteDraft: organiser
    .input(lifecycleInputSchema)
    .mutation(({ ctx, input }) => deleteDraft(ctx.db, input, ctx.actor)),
  duplicate: organiser
    .input(duplicateSeriesInputSchema)
    .mutation(({ ctx, input }) => duplicateSeries(ctx.db, input, ctx.actor)),
  uploadLogo: organiser
    .input(logoInputSchema)
    .mutation(({ ctx, input }) => uploadLogo(ctx.db, input, ctx.actor)),
  removeLogo: organiser
    .input(lifecycleInputSchema)
    .mutation(({ ctx, input }) => removeLogo(ctx.db, input, ctx.actor)),
} satisfies TRPCRouterRecord;
