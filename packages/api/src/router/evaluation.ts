import { evaluationAnswersSchema, evaluationSettingsSchema, outcomeKindSchema } from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  answerToOutcome,
  evaluationResults,
  evaluationSettings,
  formForActor,
  formForToken,
  pendingEvaluations,
  submitAsActor,
  submitWithToken,
  updateEvaluationSettings,
} from "../evaluation";
import {
  authedProcedure,
  publicProcedure,
  seriesOrganiserProcedure,
  sessionMemberProcedure,
  sessionOrganiserProcedure,
} from "../trpc";

const bySeries = z.object({ seriesId: z.uuid() });
const bySession = z.object({ sessionId: z.uuid() });
// 32 random bytes in base64url are 43 characters; anything far off is not a link we sent.
const byToken = z.object({ token: z.string().min(20).max(100) });
const answerField = z.union([z.enum(["essayMust", "changeNext"]), z.templateLiteral(["extra:", z.uuid()])]);

export const evaluationRouter = {
  settings: seriesOrganiserProcedure
    .input(bySeries)
    .query(({ ctx }) => evaluationSettings(ctx.db, ctx.actor.seriesId)),
  updateSettings: seriesOrganiserProcedure
    .input(bySeries.extend(evaluationSettingsSchema.shape))
    .mutation(({ ctx, input }) => updateEvaluationSettings(ctx.db, input, ctx.actor)),
  /** The signed-in attendee's form for a session (`invited: false` for anyone else). */
  form: sessionMemberProcedure.input(bySession).query(({ ctx }) => formForActor(ctx.db, ctx.actor)),
  submit: sessionMemberProcedure
    .input(bySession.extend({ answers: evaluationAnswersSchema }))
    .mutation(({ ctx, input }) => submitAsActor(ctx.db, ctx.actor, input.answers)),
  /** The mail's link: the token alone names the invitation, no sign-in needed. */
  formByToken: publicProcedure.input(byToken).query(({ ctx, input }) => formForToken(ctx.db, input.token)),
  submitByToken: publicProcedure
    .input(byToken.extend({ answers: evaluationAnswersSchema }))
    .mutation(({ ctx, input }) => submitWithToken(ctx.db, input.token, input.answers)),
  /** Open evaluations of the signed-in person (member home). */
  pending: authedProcedure.query(({ ctx }) => pendingEvaluations(ctx.db, ctx.person.id)),
  results: seriesOrganiserProcedure
    .input(bySeries)
    .query(({ ctx }) => evaluationResults(ctx.db, ctx.actor.seriesId)),
  toOutcome: sessionOrganiserProcedure
    .input(bySession.extend({ responseId: z.uuid(), field: answerField, kind: outcomeKindSchema }))
    .mutation(({ ctx, input }) => answerToOutcome(ctx.db, input, ctx.actor)),
} satisfies TRPCRouterRecord;
