import { and, eq, Participant, Person, Session } from "@reeks/db";
import type { ParticipantRole } from "@reeks/models";
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { type Access, roleAtLeast } from "./access";
import { conflictOf } from "./capture/conflict";
import type { Context } from "./context";
import { DomainError } from "./domain-error";
import { localizedFieldErrors, toTRPCError, zodErrorOf } from "./errors";
import { LIVE_SSE_OPTIONS } from "./live/sse";

export interface Meta {
  access: Access;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    defaultMeta: { access: "public" },
    sse: LIVE_SSE_OPTIONS,
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.code === "BAD_REQUEST" ? zodErrorOf(error.cause) : null;
      return {
        ...shape,
        data: {
          ...shape.data,
          // Never leak stack traces to browsers.
          stack: undefined,
          fieldErrors: zodError ? localizedFieldErrors(zodError, ctx?.locale ?? "nl") : null,
          // On CONFLICT: the newer version that won, so the loser sees it instead of losing their edit silently.
          conflict: error.code === "CONFLICT" ? conflictOf(error.cause) : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

/**
 * Services throw DomainErrors; here, once, they become tRPC errors in the caller's language. A
 * middleware rather than the errorFormatter, because callers (createCaller, the HTTP status) see the
 * error's code, which the formatter cannot change.
 */
const domainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    throw toTRPCError(result.error.cause, ctx.locale);
  }
  return result;
});
const baseProcedure = t.procedure.use(domainErrors);

/** Anyone, signed in or not. Only for what is meant to be public. */
export const publicProcedure = baseProcedure.meta({ access: "public" });

/** A signed-in person whose account still exists (checked on every call, not taken from a cache). */
export const authedProcedure = baseProcedure.meta({ access: "authed" }).use(async ({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  const person = await ctx.database.db.query.Person.findFirst({ where: eq(Person.id, ctx.actor.personId) });
  if (!person) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return next({ ctx: { actor: ctx.actor, person } });
});

/**
 * Series-scoped procedures find their series in the input: `seriesId`, or `sessionId` (the series of
 * that session). Services behind them must check that every other id in the input belongs to it.
 */
const sessionScope = z.object({ sessionId: z.uuid() });
const seriesScope = z.object({ seriesId: z.uuid() });

function participantProcedure(minimum: ParticipantRole) {
  return authedProcedure.meta({ access: minimum }).use(async ({ ctx, next, getRawInput }) => {
    const raw = await getRawInput();
    const bySession = sessionScope.safeParse(raw);
    const bySeries = seriesScope.safeParse(raw);
    const db = ctx.database.db;
    let seriesId: string;
    let session: typeof Session.$inferSelect | null = null;
    if (bySession.success) {
      session =
        (await db.query.Session.findFirst({ where: eq(Session.id, bySession.data.sessionId) })) ?? null;
      if (!session) throw new TRPCError({ code: "NOT_FOUND", message: "session not found" });
      seriesId = session.seriesId;
    } else if (bySeries.success) {
      seriesId = bySeries.data.seriesId;
    } else {
      throw new TRPCError({ code: "BAD_REQUEST", cause: bySeries.error });
    }
    const participant = await db.query.Participant.findFirst({
      where: and(eq(Participant.seriesId, seriesId), eq(Participant.personId, ctx.person.id)),
    });
    if (participant?.status !== "approved" || !roleAtLeast(participant.role, minimum)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "not allowed in this series" });
    }
    return next({ ctx: { participant, seriesId, session } });
  });
}

/** An approved participant of the series, whatever their role. */
export const memberProcedure = participantProcedure("member");
/** Approved speakers, moderators and organisers of the series. */
export const speakerProcedure = participantProcedure("speaker");
/** Approved moderators and organisers of the series. */
export const moderatorProcedure = participantProcedure("moderator");
/** Approved organisers of the series. */
export const organiserProcedure = participantProcedure("organiser");
