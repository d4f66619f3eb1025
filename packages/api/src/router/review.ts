import { AuditEntry, and, desc, eq, Person } from "@reeks/db";
import {
  invitationInputSchema,
  participantRoleSchema,
  registrationFilterSchema,
  reviewDecisionSchema,
} from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  decideRegistration,
  invitePerson,
  listRegistrations,
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
    .query(({ ctx, input }) => listRegistrations(ctx.db, input.seriesId, input.filter)),
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
  /** The audit log of the series, newest first. */
  audit: seriesOrganiserProcedure.input(z.object({ seriesId })).query(async ({ ctx, input }) => {
    const rows = await ctx.db
      .select({
        id: AuditEntry.id,
        at: AuditEntry.at,
        action: AuditEntry.action,
        target: AuditEntry.target,
        details: AuditEntry.details,
        actorName: Person.name,
      })
      .from(AuditEntry)
      .leftJoin(Person, eq(Person.id, AuditEntry.actorId))
      .where(and(eq(AuditEntry.seriesId, input.seriesId)))
      .orderBy(desc(AuditEntry.at))
      .limit(200);
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }),
} satisfies TRPCRouterRecord;
