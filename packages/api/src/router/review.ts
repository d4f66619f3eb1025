import {
  invitationInputSchema,
  participantRoleSchema,
  registrationFilterSchema,
  reviewDecisionSchema,
} from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  approveRegistrations,
  decideRegistration,
  invitePerson,
  listRegistrations,
  participantMessageInput,
  previewParticipantMessage,
  sendParticipantMessage,
  seriesAuditLog,
  setParticipantRole,
  updateSeriesSettings,
} from "../accounts";
import { seriesOrganiserProcedure } from "../trpc";

const seriesId = z.uuid();
const participantId = z.uuid();

/** The organiser's side of registration: review, decide, invite, roles, capacity and retention. */
export const reviewRouter = {
  list: seriesOrganiserProcedure
    .input(z.object({ seriesId, filter: registrationFilterSchema.default({}) }))
    .query(({ ctx, input }) => listRegistrations(ctx.db, input.seriesId, input.filter, ctx.actor.personId)),
  decide: seriesOrganiserProcedure
    .input(z.object({ seriesId, participantId, decision: reviewDecisionSchema }))
    .mutation(({ ctx, input }) => decideRegistration(ctx, input, ctx.actor)),
  setRole: seriesOrganiserProcedure
    .input(z.object({ seriesId, participantId, role: participantRoleSchema }))
    .mutation(({ ctx, input }) => setParticipantRole(ctx, input, ctx.actor)),
  invite: seriesOrganiserProcedure
    .input(invitationInputSchema.extend({ seriesId }))
    .mutation(({ ctx, input }) => invitePerson(ctx, input, ctx.actor)),
  updateSettings: seriesOrganiserProcedure
    .input(
      z.object({
        seriesId,
        capacity: z.number().int().min(1).max(10_000).nullable(),
        retentionMonths: z.number().int().min(1).max(120),
      }),
    )
    .mutation(({ ctx, input }) => updateSeriesSettings(ctx.db, input, ctx.actor)),
  /** Approves several registrations at once, in one transaction, each audited and mailed. */
  approveMany: seriesOrganiserProcedure
    .input(z.object({ seriesId, participantIds: z.array(participantId).min(1).max(500) }))
    .mutation(({ ctx, input }) => approveRegistrations(ctx, input, ctx.actor)),
  /** The audit log of the series, newest first, with names to write it as sentences. */
  audit: seriesOrganiserProcedure
    .input(z.object({ seriesId }))
    .query(({ ctx, input }) => seriesAuditLog(ctx.db, input.seriesId)),
  /** A message to participants as it will read in each language, and how many get it. */
  previewMessage: seriesOrganiserProcedure
    .input(participantMessageInput)
    .query(({ ctx, input }) => previewParticipantMessage(ctx.db, ctx.accounts, input, ctx.actor)),
  /** Queues the message, one mail per recipient in their language; the same requestId sends once. */
  sendMessage: seriesOrganiserProcedure
    .input(participantMessageInput.and(z.object({ requestId: z.uuid() })))
    .mutation(({ ctx, input }) => sendParticipantMessage(ctx.db, ctx.accounts, input, ctx.actor)),
} satisfies TRPCRouterRecord;
