import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { listMembers } from "../accounts";
import { memberProcedure } from "../trpc";

/** What approved participants see of their series. */
export const membershipRouter = {
  members: memberProcedure
    .input(z.object({ seriesId: z.uuid() }))
    .query(({ ctx, input }) => listMembers(ctx.database.db, input.seriesId)),
} satisfies TRPCRouterRecord;
