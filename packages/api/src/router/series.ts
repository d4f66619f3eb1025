import { getSeriesOverview, listSeriesOverviews } from "@reeks/db";
import { slugSchema } from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { DomainError } from "../domain-error";
import { publicProcedure } from "../trpc";

export const seriesRouter = {
  list: publicProcedure.query(({ ctx }) => listSeriesOverviews(ctx.db)),
  bySlug: publicProcedure.input(z.object({ slug: slugSchema })).query(async ({ ctx, input }) => {
    const series = await getSeriesOverview(ctx.db, input.slug);
    // Nobody but its organisers sees a draft (they do through authoring.get).
    if (!series || series.status === "draft") throw new DomainError("NOT_FOUND", "seriesNotFound");
    return series;
  }),
} satisfies TRPCRouterRecord;
