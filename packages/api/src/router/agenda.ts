import { type AgendaView, agendaSaveSchema } from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { agendaCandidates } from "../agenda/candidates";
import { openLinked } from "../agenda/open-linked";
import { databaseClock, loadAgenda } from "../agenda/records";
import { saveAgenda } from "../agenda/save";
import { advanceAgenda, pauseAgenda, resumeAgenda, startAgenda } from "../agenda/timer";
import { sessionMemberProcedure, sessionModeratorProcedure } from "../trpc";

const bySession = z.object({ sessionId: z.uuid() });

export const agendaRouter = {
  /** The agenda with the timer as the database clock has it now (`timer.serverNow`). */
  get: sessionMemberProcedure
    .input(bySession)
    .query(({ ctx }): Promise<AgendaView> => loadAgenda(ctx.db, ctx.actor.session.id, databaseClock)),
  /** The editor's choices: who may lead a segment, the session's polls and questions. */
  candidates: sessionModeratorProcedure
    .input(bySession)
    .query(({ ctx }) => agendaCandidates(ctx.db, ctx.actor)),
  /** Organisers and moderators, before and during the session. */
  save: sessionModeratorProcedure
    .input(agendaSaveSchema)
    .mutation(({ ctx, input }) => saveAgenda(ctx.db, input, ctx.actor)),
  start: sessionModeratorProcedure.input(bySession).mutation(({ ctx }) => startAgenda(ctx.db, ctx.actor)),
  advance: sessionModeratorProcedure
    .input(bySession.extend({ fromSegmentId: z.uuid() }))
    .mutation(({ ctx, input }) => advanceAgenda(ctx.db, input, ctx.actor)),
  pause: sessionModeratorProcedure.input(bySession).mutation(({ ctx }) => pauseAgenda(ctx.db, ctx.actor)),
  resume: sessionModeratorProcedure.input(bySession).mutation(({ ctx }) => resumeAgenda(ctx.db, ctx.actor)),
  openLinked: sessionModeratorProcedure
    .input(bySession.extend({ segmentId: z.uuid() }))
    .mutation(({ ctx, input }) => openLinked(ctx.db, input, ctx.actor)),
} satisfies TRPCRouterRecord;
