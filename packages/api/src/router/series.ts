import { getSeriesOverview, listSeriesOverviews } from "@reeks/db";
import { slugSchema } from "@reeks/models";
import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { publicProcedure } from "../trpc";

export const seriesRouter = {
  list: publicProcedure.query(({ ctx }) => listSeriesOverviews(ctx.database.db)),
  bySlug: publicProcedure.input(z.object({ slug: slugSchema })).query(async ({ ctx, input }) => {
    const series = await getSeriesOverview(ctx.database.db, input.slug);
    if (!series) throw new TRPCError({ code: "NOT_FOUND", message: "series not found" });
    return series;
  }),
} satisfies TRPCRouterRecord;
