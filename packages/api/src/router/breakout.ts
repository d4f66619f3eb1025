import { BREAKOUT_ASSIGNMENTS, RAPPORTEUR_CHOICES } from "@reeks/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { BreakoutJoinAnswer, BreakoutState } from "../breakout/types";
import { sessionMemberProcedure, sessionModeratorProcedure } from "../trpc";

const bySession = z.object({ sessionId: z.uuid() });
const onRound = bySession.extend({ roundId: z.uuid() });

const planInput = bySession
  .extend({
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
  })
  .refine((v) => (v.groupCount === undefined) !== (v.perGroup === undefined), {
    path: ["groupCount"],
    message: "Exactly one of groupCount and perGroup",
  });

function notYet(): never {
  throw new TRPCError({ code: "NOT_IMPLEMENTED" });
}

export const breakoutRouter = {
  state: sessionMemberProcedure.input(bySession).query((): BreakoutState => notYet()),
  plan: sessionModeratorProcedure
    .input(planInput)
    .mutation((): { roundId: string; version: number } => notYet()),
  assign: sessionModeratorProcedure
    .input(onRound.extend({ participantId: z.uuid(), groupId: z.uuid().nullable() }))
    .mutation((): { version: number } => notYet()),
  choose: sessionMemberProcedure
    .input(onRound.extend({ groupId: z.uuid() }))
    .mutation((): { version: number } => notYet()),
  setRapporteur: sessionMemberProcedure
    .input(bySession.extend({ groupId: z.uuid(), participantId: z.uuid().nullable() }))
    .mutation((): { version: number } => notYet()),
  open: sessionModeratorProcedure
    .input(onRound.extend({ version: z.number().int().min(1) }))
    .mutation((): { version: number; endsAt: string } => notYet()),
  extend: sessionModeratorProcedure
    .input(onRound.extend({ minutes: z.number().int().min(1).max(60) }))
    .mutation((): { version: number; endsAt: string } => notYet()),
  close: sessionModeratorProcedure.input(onRound).mutation((): { version: number } => notYet()),
  broadcast: sessionModeratorProcedure
    .input(onRound.extend({ body: z.string().trim().min(1).max(500) }))
    .mutation((): { id: string; sentAt: string } => notYet()),
  join: sessionMemberProcedure.input(bySession).mutation((): BreakoutJoinAnswer => notYet()),
  visit: sessionModeratorProcedure
    .input(bySession.extend({ groupId: z.uuid() }))
    .mutation((): BreakoutJoinAnswer => notYet()),
} satisfies TRPCRouterRecord;
