import { eq, Participant, Person, Series } from "@reeks/db";
import { localeSchema } from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  eraseMyAccount,
  exportMyData,
  listMySessions,
  myParticipation,
  revokeAllMySessions,
  revokeMySession,
} from "../accounts";
import { authedProcedure, publicProcedure } from "../trpc";

export const accountRouter = {
  /** The signed-in person and where they stand in each series, or null for anonymous visitors. */
  me: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.actor) return null;
    const db = ctx.db;
    const person = await db.query.Person.findFirst({
      where: (p, { eq: equals }) => equals(p.id, ctx.actor?.personId ?? ""),
    });
    if (!person || person.erasedAt) return null;
    const participations = await db
      .select({
        seriesId: Participant.seriesId,
        seriesSlug: Series.slug,
        role: Participant.role,
        status: Participant.status,
      })
      .from(Participant)
      .innerJoin(Series, eq(Series.id, Participant.seriesId))
      .where(eq(Participant.personId, person.id));
    return { id: person.id, name: person.name, email: person.email, locale: person.locale, participations };
  }),
  /** The caller's registration in one series (any status), or null. */
  myParticipation: authedProcedure
    .input(z.object({ seriesId: z.uuid() }))
    .query(({ ctx, input }) => myParticipation(ctx.db, ctx.person.id, input.seriesId)),
  /** The language of the person's mails: follows the language they choose in the app. */
  setLocale: authedProcedure.input(z.object({ locale: localeSchema })).mutation(async ({ ctx, input }) => {
    await ctx.db
      .update(Person)
      .set({ locale: input.locale, updatedAt: new Date() })
      .where(eq(Person.id, ctx.person.id));
    return { locale: input.locale };
  }),
  sessions: authedProcedure.query(({ ctx }) => listMySessions(ctx.db, ctx.person.id, ctx.actor.sessionId)),
  revokeSession: authedProcedure
    .input(z.object({ authSessionId: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => revokeMySession(ctx.db, ctx.person.id, input.authSessionId)),
  /** Signs out every browser, this one included. */
  signOutEverywhere: authedProcedure.mutation(({ ctx }) => revokeAllMySessions(ctx.db, ctx.person.id)),
  /** Everything Reeks holds about the caller, as JSON. */
  exportData: authedProcedure.query(({ ctx }) => exportMyData(ctx.db, ctx.person.id)),
  /** Erases the caller's account: personal fields removed, contributions kept without their name. */
  erase: authedProcedure
    .input(z.object({ confirm: z.literal(true) }))
    .mutation(({ ctx }) => eraseMyAccount(ctx.db, ctx.person.id)),
} satisfies TRPCRouterRecord;
