import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { listMembers } from "../accounts";
import { seriesMemberProcedure } from "../trpc";

/** What approved participants see of their series. */
export const membershipRouter = {
  members: seriesMemberProcedure
    .input(z.object({ seriesId: z.uuid() }))
    .query(({ ctx, input }) => listMembers(ctx.db, input.seriesId)),
} satisfies TRPCRouterRecord;
