import type { Session } from "@reeks/db";
import type { ParticipantRole } from "@reeks/models";
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { type Access, roleAtLeast } from "./access";
import { findParticipant, findPerson, findSessionAndParticipant } from "./access-queries";
import { conflictOf } from "./capture/conflict";
import type { Context } from "./context";
import { localizedFieldErrors, zodErrorOf } from "./errors";
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

/** Anyone, signed in or not. Only for what is meant to be public. */
export const publicProcedure = t.procedure.meta({ access: "public" });

/** A signed-in person whose account still exists (checked on every call, not taken from a cache). */
export const authedProcedure = t.procedure.meta({ access: "authed" }).use(async ({ ctx, next }) => {
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
  return authedProcedure.meta({ access: minimum }).use(async ({ ctx, next, getRawInput }) => {
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
      throw new TRPCError({ code: "BAD_REQUEST", cause: bySeries.error });
    }
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
