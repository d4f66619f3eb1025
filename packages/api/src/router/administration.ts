import {
  createSeriesInputSchema,
  emailSchema,
  localeSchema,
  personText,
  slugSchema,
  TEXT_LIMITS,
} from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { isAdministrator } from "../access-queries";
import { appointOrganiser, createSeries, listAllSeries, removeOrganiser, slugAvailable } from "../authoring";
import { administratorProcedure, authedProcedure } from "../trpc";

export const administrationRouter = {
  /** Whether the signed-in person is an administrator (the web app shows the page or not). */
  amI: authedProcedure.query(async ({ ctx }) => ({
    administrator: await isAdministrator(ctx.db, ctx.person.id),
  })),
  series: administratorProcedure.query(({ ctx }) => listAllSeries(ctx.db)),
  /** Checked as the administrator types; the unique constraint decides when two race. */
  slugAvailable: administratorProcedure
    .input(z.object({ slug: slugSchema }))
    .query(({ ctx, input }) => slugAvailable(ctx.db, input.slug)),
  createSeries: administratorProcedure
    .input(createSeriesInputSchema)
    .mutation(({ ctx, input }) => createSeries(ctx.db, input, ctx.person.id)),
  appointOrganiser: administratorProcedure
    .input(
      z.object({
        seriesId: z.uuid(),
        email: emailSchema,
        name: personText(TEXT_LIMITS.name),
        organisation: personText(TEXT_LIMITS.organisation),
        locale: localeSchema.default("nl"),
      }),
    )
    .mutation(({ ctx, input }) => appointOrganiser(ctx.db, input, ctx.person.id)),
  removeOrganiser: administratorProcedure
    .input(z.object({ seriesId: z.uuid(), participantId: z.uuid() }))
    .mutation(({ ctx, input }) => removeOrganiser(ctx.db, input, ctx.person.id)),
} satisfies TRPCRouterRecord;
