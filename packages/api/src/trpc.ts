import { and, type Database, eq, isNotNull, type Participant, RoomSeat, type Session } from "@reeks/db";
import { DEFAULT_LOCALE, type ParticipantRole } from "@reeks/models";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodRealError, z } from "zod";
import { type Access, roleAtLeast } from "./access";
import {
  findParticipantAndStatus,
  findPerson,
  findSessionAndParticipant,
  isAdministrator,
} from "./access-queries";
import type { Actor, SessionActor } from "./actor";
import { IncompleteSeries } from "./authoring/lifecycle";
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
          // Publishing an incomplete series: what is missing, for the checklist.
          missing: error.cause instanceof IncompleteSeries ? error.cause.missing : null,
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
    const result = await next({ ctx: { db: ctx.database.db } });
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
  const person = await findPerson(ctx.db, ctx.actor.personId);
  if (!person) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return next({ ctx: { actor: ctx.actor, person } });
});

/**
 * Scoped procedures find their scope in the input, check the caller's participation there, and put
 * it on ctx once: one `actor` (./actor.ts), with the session where the scope is one (`db` is on every
 * procedure's ctx). Routers pass `ctx.actor` on and never look the caller up again. Services behind
 * them must check that every other id in the input belongs to `actor.seriesId`.
 */
const sessionScope = z.object({ sessionId: z.uuid() });
const seriesScope = z.object({ seriesId: z.uuid() });

type SessionRow = typeof Session.$inferSelect;
type ParticipantRow = typeof Participant.$inferSelect;

/**
 * The session (when the scope is one) and the caller's participation in its series. Kept to this one
 * function so the lookup may change shape (one round trip, a prepared statement) without the
 * procedures noticing.
 */
async function lookupScope(
  db: Database,
  scope: { sessionId: string } | { seriesId: string },
  personId: string,
): Promise<{ session: SessionRow | null; participant: ParticipantRow | null; seriesStatus: string | null }> {
  // One round trip for the session and the person's place in its series (prepared statements).
  if ("sessionId" in scope) return findSessionAndParticipant(db, scope.sessionId, personId);
  return { session: null, ...(await findParticipantAndStatus(db, scope.seriesId, personId)) };
}

/** Someone a moderator removed from a session may not act in it (nor come back in with an old token). */
async function isRemovedFrom(db: Database, sessionId: string, participantId: string): Promise<boolean> {
  const removed = await db.query.RoomSeat.findFirst({
    columns: { id: true },
    where: and(
      eq(RoomSeat.sessionId, sessionId),
      eq(RoomSeat.participantId, participantId),
      isNotNull(RoomSeat.removedAt),
    ),
  });
  return removed !== undefined;
}

function approvedWith(
  participant: ParticipantRow | null,
  minimum: ParticipantRole,
  seriesStatus: string | null,
): ParticipantRow {
  if (participant?.status !== "approved" || !roleAtLeast(participant.role, minimum)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "not allowed in this series" });
  }
  // A draft is its organisers' alone, whoever else an organiser has already put in it.
  if (seriesStatus === "draft" && !roleAtLeast(participant.role, "organiser")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "not allowed in this series" });
  }
  return participant;
}

/**
 * Session-scoped: the input names a session (`sessionId`), whose series is the scope. `ctx.actor.session`
 * is that session, never null.
 */
export function sessionProcedure(minimum: ParticipantRole) {
  return authedProcedure.meta({ access: minimum }).use(async ({ ctx, next, getRawInput, type, meta }) => {
    const scope = sessionScope.safeParse(await getRawInput());
    // Name the field the caller got wrong: a session procedure's is sessionId.
    if (!scope.success) throw new TRPCError({ code: "BAD_REQUEST", cause: scope.error });
    const { db } = ctx;
    const { session, participant: found, seriesStatus } = await lookupScope(db, scope.data, ctx.person.id);
    if (!session) throw new TRPCError({ code: "NOT_FOUND", message: "session not found" });
    const participant = approvedWith(found, minimum, seriesStatus);
    if (
      !(type === "query" && meta?.removedMayRead) &&
      (await isRemovedFrom(db, session.id, participant.id))
    ) {
      throw new DomainError("FORBIDDEN", "removedFromSession");
    }
    const actor: SessionActor = {
      personId: ctx.person.id,
      participantId: participant.id,
      role: participant.role,
      seriesId: session.seriesId,
      session,
    };
    return next({ ctx: { actor, session } });
  });
}

/**
 * Series-scoped: the input names a series (`seriesId`). A session the input names as well must be
 * checked by the service (it may be of another series); but someone removed from it is refused here,
 * as in every call that names that session.
 */
export function seriesProcedure(minimum: ParticipantRole) {
  return authedProcedure.meta({ access: minimum }).use(async ({ ctx, next, getRawInput, type, meta }) => {
    const raw = await getRawInput();
    const scope = seriesScope.safeParse(raw);
    if (!scope.success) throw new TRPCError({ code: "BAD_REQUEST", cause: scope.error });
    const { db } = ctx;
    const found = await lookupScope(db, scope.data, ctx.person.id);
    const participant = approvedWith(found.participant, minimum, found.seriesStatus);
    const named = sessionScope.safeParse(raw);
    if (
      named.success &&
      !(type === "query" && meta?.removedMayRead) &&
      (await isRemovedFrom(db, named.data.sessionId, participant.id))
    ) {
      throw new DomainError("FORBIDDEN", "removedFromSession");
    }
    const actor: Actor = {
      personId: ctx.person.id,
      participantId: participant.id,
      role: participant.role,
      seriesId: scope.data.seriesId,
      session: null,
    };
    return next({ ctx: { actor } });
  });
}

/** An approved participant of the session's series, whatever their role. */
export const sessionMemberProcedure = sessionProcedure("member");
/** Approved moderators and organisers of the session's series. */
export const sessionModeratorProcedure = sessionProcedure("moderator");
/** Approved organisers of the session's series. */
export const sessionOrganiserProcedure = sessionProcedure("organiser");
/** An approved participant of the series, whatever their role. */
export const seriesMemberProcedure = seriesProcedure("member");
/** Approved organisers of the series. */
export const seriesOrganiserProcedure = seriesProcedure("organiser");

/**
 * A workspace administrator (above every series): creates series and appoints their organisers.
 * Checked in the database on every call.
 */
export const administratorProcedure = authedProcedure
  .meta({ access: "administrator" })
  .use(async ({ ctx, next }) => {
    if (!(await isAdministrator(ctx.db, ctx.person.id))) {
      throw new TRPCError({ code: "FORBIDDEN", message: "administrators only" });
    }
    return next({ ctx: { administrator: { personId: ctx.person.id } } });
  });
