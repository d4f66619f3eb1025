import { registrationInputSchema, slugSchema } from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { registerInterest, registrationInfo } from "../accounts";
import { publicProcedure } from "../trpc";

export const registrationRouter = {
  /** The series as the public registration page shows it, with its retention period. */
  info: publicProcedure
    .input(z.object({ slug: slugSchema }))
    .query(({ ctx, input }) => registrationInfo(ctx.db, input.slug, ctx.locale)),
  /** Registers interest and mails a confirmation link (double opt-in). Rate limited. */
  register: publicProcedure
    .input(registrationInputSchema)
    .mutation(({ ctx, input }) => registerInterest(ctx.db, input, ctx)),
} satisfies TRPCRouterRecord;
