import { and, eq, isNotNull, Participant, Person, RoomSeat, type Session } from "@reeks/db";
import { DEFAULT_LOCALE, type ParticipantRole } from "@reeks/models";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodRealError, z } from "zod";
import { type Access, roleAtLeast } from "./access";
import { findParticipant, findPerson, findSessionAndParticipant } from "./access-queries";
import { conflictOf } from "./capture/conflict";
import type { Context } from "./context";
import { DomainError, reportInternalError, trpcErrorOf } from "./domain-error";
import { localizedFieldErrors, zodErrorOf } from "./errors";
import { unsafeTextIssues } from "./input-safety";
import { LIVE_SSE_OPTIONS } from "./live/sse";
import { serverMessage } from "./messages";

export interface Meta {
  access: Access;
  /**
   * A query that someone removed from the session may still make (to learn that they were
   * removed). Everything else naming that session is refused to them.
   */
  removedMayRead?: boolean;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    defaultMeta: { access: "public" },
    sse: LIVE_SSE_OPTIONS,
    errorFormatter({ shape, error, ctx, path }) {
      const locale = ctx?.locale ?? DEFAULT_LOCALE;
      const zodError = error.code === "BAD_REQUEST" ? zodErrorOf(error.cause) : null;
      const domain = error.cause instanceof DomainError ? error.cause : null;
      // Whatever we did not foresee may carry SQL, its parameters or a stack in its message: the
      // answer gets an id instead, and the log gets the error.
      const errorId = !domain && shape.data.httpStatus >= 500 ? reportInternalError(error, path) : null;
      const fieldErrors = zodError ? localizedFieldErrors(zodError, locale) : null;
      // zod's own message is a JSON dump of its issues (patterns included): say the first one instead.
      const firstFieldError = fieldErrors ? Object.values(fieldErrors)[0]?.[0] : undefined;
      // Without a context (its creation failed) the thrower has said it in the request's language.
      const message = domain
        ? ctx
          ? domain.localized(locale)
          : error.message
        : errorId
          ? serverMessage("internalError", locale, { id: errorId })
          : (firstFieldError ?? shape.message);
      return {
        ...shape,
        message,
        data: {
          ...shape.data,
          // Never leak stack traces to browsers.
          stack: undefined,
          errorId,
          fieldErrors,
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
 * Every procedure starts here: text that the database cannot store is refused before any schema or
 * query sees it, and domain errors become their tRPC codes in the caller's language. A middleware
 * rather than the errorFormatter, because callers (createCaller, the HTTP status) see the error's
 * code, which the formatter cannot change.
 */
const baseProcedure = t.procedure
  .use(async ({ ctx, next }) => {
    const result = await next();
    if (!result.ok) throw trpcErrorOf(result.error, ctx.locale);
    return result;
  })
  .use(async ({ next, getRawInput }) => {
    // An unreadable body is the input parser's to report; a procedure without input never reads it.
    const raw = await getRawInput().catch(() => undefined);
    const issues = unsafeTextIssues(raw);
    if (issues.length > 0) {
      const cause = new ZodRealError(issues);
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: "input contains characters that are not allowed",
        cause,
      });
    }
    return next();
  });

/** Anyone, signed in or not. Only for what is meant to be public. */
export const publicProcedure = baseProcedure.meta({ access: "public" });

/** A signed-in person whose account still exists (checked on every call, not taken from a cache). */
export const authedProcedure = baseProcedure.meta({ access: "authed" }).use(async ({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  const person = await findPerson(ctx.database.db, ctx.actor.personId);
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
  return authedProcedure.meta({ access: minimum }).use(async ({ ctx, next, getRawInput, type, meta }) => {
    const raw = await getRawInput();
    const bySession = sessionScope.safeParse(raw);
    const bySeries = seriesScope.safeParse(raw);
    const db = ctx.database.db;
    let seriesId: string;
    let session: typeof Session.$inferSelect | null = null;
    let participant: Awaited<ReturnType<typeof findParticipant>>;
    if (bySession.success) {
      // One round trip for the session and the person's place in its series.
      const found = await findSessionAndParticipant(db, bySession.data.sessionId, ctx.person.id);
      session = found.session;
      if (!session) throw new TRPCError({ code: "NOT_FOUND", message: "session not found" });
      seriesId = session.seriesId;
      participant = found.participant;
    } else if (bySeries.success) {
      seriesId = bySeries.data.seriesId;
      participant = await findParticipant(db, seriesId, ctx.person.id);
    } else {
      // Name the field the caller got wrong: a session procedure's is sessionId.
      const hasSession = typeof raw === "object" && raw !== null && "sessionId" in raw;
      throw new TRPCError({ code: "BAD_REQUEST", cause: hasSession ? bySession.error : bySeries.error });
    }
    if (participant?.status !== "approved" || !roleAtLeast(participant.role, minimum)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "not allowed in this series" });
    }
    if (session && !(type === "query" && meta?.removedMayRead)) {
      const removed = await db.query.RoomSeat.findFirst({
        columns: { id: true },
        where: and(
          eq(RoomSeat.sessionId, session.id),
          eq(RoomSeat.participantId, participant.id),
          isNotNull(RoomSeat.removedAt),
        ),
      });
      if (removed) throw new DomainError("FORBIDDEN", "removedFromSession");
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
