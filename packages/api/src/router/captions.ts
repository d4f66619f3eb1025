import { CAPTION_TEXT_MAX, captionLanguage, captionText, normalizeCaptionText } from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { listCaptioners, setCaptioner } from "../captions/captioners";
import { captionFeedStatus, issueCaptionFeed, revokeCaptionFeed } from "../captions/feeds";
import { canCaption, recentCaptionLines } from "../captions/lines";
import { sendCaption, sendInterim } from "../captions/send";
import { sessionMemberProcedure, sessionModeratorProcedure } from "../trpc";
import { captionsTranscriptProcedures } from "./captions-transcript";

const bySession = z.object({ sessionId: z.uuid() });
const onParticipant = bySession.extend({ participantId: z.uuid() });

export const captionsRouter = {
  captioners: sessionModeratorProcedure
    .input(bySession)
    .query(({ ctx }) => listCaptioners(ctx.db, ctx.actor)),
  grantCaptioner: sessionModeratorProcedure
    .input(onParticipant)
    .mutation(({ ctx, input }) =>
      setCaptioner(ctx.db, { participantId: input.participantId, granted: true }, ctx.actor),
    ),
  revokeCaptioner: sessionModeratorProcedure
    .input(onParticipant)
    .mutation(({ ctx, input }) =>
      setCaptioner(ctx.db, { participantId: input.participantId, granted: false }, ctx.actor),
    ),
  /** A final line (Enter): captioners and moderators, while the session is live. */
  send: sessionMemberProcedure
    .input(
      bySession.extend({
        text: captionText,
        language: captionLanguage.optional(),
        speakerParticipantId: z.uuid().nullish(),
        clientKey: z.string().min(8).max(64),
      }),
    )
    .mutation(({ ctx, input }) => sendCaption(ctx.db, input, ctx.actor)),
  /** The line being typed: shown to viewers, never stored as a caption line. */
  interim: sessionMemberProcedure
    .input(
      bySession.extend({
        text: z.string().transform(normalizeCaptionText).pipe(z.string().max(CAPTION_TEXT_MAX)),
        language: captionLanguage.optional(),
      }),
    )
    .mutation(({ ctx, input }) => sendInterim(ctx.db, input, ctx.actor)),
  /** The latest final lines, for a viewer who turns captions on or joins late; and the languages used. */
  recent: sessionMemberProcedure
    .input(bySession.extend({ language: captionLanguage.optional() }))
    .query(({ ctx, input }) => recentCaptionLines(ctx.db, ctx.actor, input.language)),
  /** Whether the caller may caption in this session (their typing view). */
  mine: sessionMemberProcedure.input(bySession).query(async ({ ctx }) => ({
    canCaption: await canCaption(ctx.db, ctx.actor),
    live: ctx.actor.session.status === "live",
  })),
  /** The external service's caption URL: moderators and organisers. The token is in the answer once. */
  feed: {
    status: sessionModeratorProcedure
      .input(bySession)
      .query(({ ctx }) => captionFeedStatus(ctx.db, ctx.actor)),
    create: sessionModeratorProcedure
      .input(bySession)
      .mutation(({ ctx }) => issueCaptionFeed(ctx.db, ctx.actor, ctx.accounts?.publicUrl ?? null, "create")),
    rotate: sessionModeratorProcedure
      .input(bySession)
      .mutation(({ ctx }) => issueCaptionFeed(ctx.db, ctx.actor, ctx.accounts?.publicUrl ?? null, "rotate")),
    revoke: sessionModeratorProcedure
      .input(bySession)
      .mutation(({ ctx }) => revokeCaptionFeed(ctx.db, ctx.actor)),
  },
  // The transcript: reading, corrections, exports, passage → item (cap-transcript).
  ...captionsTranscriptProcedures,
} satisfies TRPCRouterRecord;
