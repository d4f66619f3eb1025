import { BREAKOUT_ASSIGNMENTS, RAPPORTEUR_CHOICES } from "@reeks/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { joinBreakout, visitGroup } from "../breakout/join";
import { assignMember, chooseGroup, planRound, setRapporteur } from "../breakout/plan";
import { broadcastToGroups, closeRound, extendRound, openRound } from "../breakout/run";
import { breakoutState } from "../breakout/state";
import type { BreakoutJoinAnswer, BreakoutState } from "../breakout/types";
import { sessionMemberProcedure, sessionModeratorProcedure } from "../trpc";

const bySession = z.object({ sessionId: z.uuid() });
const onRound = bySession.extend({ roundId: z.uuid() });

// "Exactly one of groupCount and perGroup" is the service's check, in the caller's language.
const planInput = bySession.extend({
  roundId: z.uuid().optional(),
  version: z.number().int().min(1).optional(),
  assignment: z.enum(BREAKOUT_ASSIGNMENTS),
  groupCount: z.number().int().min(1).max(50).optional(),
  perGroup: z.number().int().min(2).max(50).optional(),
  durationMinutes: z.number().int().min(1).max(240),
  rapporteurChoice: z.enum(RAPPORTEUR_CHOICES),
  groups: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(80),
        question: z.string().trim().max(500).nullable(),
      }),
    )
    .max(50)
    .optional(),
});

export const breakoutRouter = {
  state: sessionMemberProcedure
    .input(bySession)
    .query(({ ctx }): Promise<BreakoutState> => breakoutState(ctx.db, ctx.actor, ctx.locale)),
  /** Creates the planned round, or edits it (roundId + version); also before the session starts. */
  plan: sessionModeratorProcedure
    .input(planInput)
    .mutation(({ ctx, input }) => planRound(ctx.db, input, ctx.actor)),
  assign: sessionModeratorProcedure
    .input(onRound.extend({ participantId: z.uuid(), groupId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) => assignMember(ctx.db, input, ctx.actor)),
  choose: sessionMemberProcedure
    .input(onRound.extend({ groupId: z.uuid() }))
    .mutation(({ ctx, input }) => chooseGroup(ctx.db, input, ctx.actor)),
  /** Moderators always; a member of the group for their own group when the group chooses. */
  setRapporteur: sessionMemberProcedure
    .input(bySession.extend({ groupId: z.uuid(), participantId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) => setRapporteur(ctx.db, input, ctx.actor)),
  open: sessionModeratorProcedure
    .input(onRound.extend({ version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => openRound(ctx, input, ctx.actor)),
  extend: sessionModeratorProcedure
    .input(onRound.extend({ minutes: z.number().int().min(1).max(60) }))
    .mutation(({ ctx, input }) => extendRound(ctx.db, input, ctx.actor)),
  close: sessionModeratorProcedure
    .input(onRound)
    .mutation(({ ctx, input }) => closeRound(ctx.db, input, ctx.actor)),
  broadcast: sessionModeratorProcedure
    .input(onRound.extend({ body: z.string().trim().min(1).max(500) }))
    .mutation(({ ctx, input }) => broadcastToGroups(ctx.db, input, ctx.actor)),
  /** Where the caller belongs now: `main` (then room.join as ever) or a token for their group's room only. */
  join: sessionMemberProcedure
    .input(bySession)
    .mutation(({ ctx }): Promise<BreakoutJoinAnswer> => joinBreakout(ctx, ctx.actor)),
  visit: sessionModeratorProcedure
    .input(bySession.extend({ groupId: z.uuid() }))
    .mutation(({ ctx, input }): Promise<BreakoutJoinAnswer> => visitGroup(ctx, input, ctx.actor)),
} satisfies TRPCRouterRecord;
