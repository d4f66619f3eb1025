import type { TRPCRouterRecord } from "@trpc/server";
import { myHome } from "../home";
import { calendarFeedPath, ensureCalendarFeedToken } from "../scheduling";
import { authedProcedure } from "../trpc";

/** The signed-in person's own home: their series, sessions and (as organiser) what to do next. */
export const homeRouter = {
  /** Scoped to the caller: it reads only the series they have a place in. */
  mine: authedProcedure.query(async ({ ctx }) => {
    const token = await ensureCalendarFeedToken(ctx.db, ctx.person.id);
    return myHome(ctx.db, ctx.person.id, token, calendarFeedPath(token));
  }),
} satisfies TRPCRouterRecord;
