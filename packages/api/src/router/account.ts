import { eq, Participant, Series } from "@reeks/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const accountRouter = {
  /** The signed-in person and where they stand in each series, or null for anonymous visitors. */
  me: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.actor) return null;
    const db = ctx.database.db;
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
    return {
      id: person.id,
      name: person.name,
      email: person.email,
      locale: person.locale,
      participations,
    };
  }),
} satisfies TRPCRouterRecord;
