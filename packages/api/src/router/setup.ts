import { emailSchema, localeSchema, personText, TEXT_LIMITS } from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { beginSetup, claimSetupLink, setupLinkState } from "../accounts";
import { authedProcedure, publicProcedure } from "../trpc";

/** The token of a setup link: 32 random bytes in base64url. */
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const setupRouter = {
  /** Whether a setup link can still be used (its token is the only credential asked). */
  status: publicProcedure
    .input(z.object({ token: tokenSchema }))
    .query(async ({ ctx, input }) => ({ state: await setupLinkState(ctx.db, input.token) })),
  /** Gives the person who opened a valid link an account, so a magic link can sign them in. */
  begin: publicProcedure
    .input(
      z.object({
        token: tokenSchema,
        email: emailSchema,
        name: personText(TEXT_LIMITS.name),
        locale: localeSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await beginSetup(ctx.db, input);
      return { ok: true as const };
    }),
  /** The signed-in person becomes the first administrator; the link is spent. */
  claim: authedProcedure.input(z.object({ token: tokenSchema })).mutation(async ({ ctx, input }) => {
    await claimSetupLink(ctx.db, input.token, ctx.person.id);
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
