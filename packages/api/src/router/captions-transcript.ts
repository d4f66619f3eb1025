import {
  captionLanguage,
  captionText,
  localeSchema,
  outcomeKindSchema,
  TRANSCRIPT_QUERY_MAX,
  transcriptExportFormatSchema,
} from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { correctLine, lineHistory } from "../captions/correct-line";
import { passageToOutcome } from "../captions/passage-to-outcome";
import { readTranscript } from "../captions/transcript";
import { exportTranscript } from "../captions/transcript-export";
import { sessionMemberProcedure, sessionModeratorProcedure, sessionOrganiserProcedure } from "../trpc";

const bySession = z.object({ sessionId: z.uuid() });
const language = captionLanguage.optional();

/**
 * The transcript part of the `captions` router (spread at its end): reading, correcting, exporting, and
 * lifting a passage into an outcome item. Every call names its session, whose scope the procedure checks.
 */
export const captionsTranscriptProcedures = {
  /** Members once the session has ended; moderators and organisers at any time. */
  transcript: sessionMemberProcedure
    .input(bySession.extend({ query: z.string().max(TRANSCRIPT_QUERY_MAX).optional(), language }))
    .query(({ ctx, input }) => readTranscript(ctx.db, input, ctx.actor)),
  /** An organiser corrects a line (text and/or speaker); the previous version is kept. */
  correct: sessionOrganiserProcedure
    .input(
      bySession.extend({
        lineId: z.uuid(),
        // A corrected line is still one caption line: the captioner's own limits.
        text: captionText,
        speakerParticipantId: z.uuid().nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => correctLine(ctx.db, input, ctx.actor)),
  history: sessionOrganiserProcedure
    .input(bySession.extend({ lineId: z.uuid() }))
    .query(({ ctx, input }) => lineHistory(ctx.db, input, ctx.actor)),
  /** A passage (first to last line, inclusive) becomes an outcome item linked to its time. */
  toOutcome: sessionModeratorProcedure
    .input(bySession.extend({ fromLineId: z.uuid(), toLineId: z.uuid(), kind: outcomeKindSchema }))
    .mutation(({ ctx, input }) => passageToOutcome(ctx.db, input, ctx.actor)),
  /** The transcript as WebVTT, plain text or Markdown (base64, like the other downloads). */
  exportTranscript: sessionMemberProcedure
    .input(
      bySession.extend({
        format: transcriptExportFormatSchema,
        locale: localeSchema.default("nl"),
        language,
      }),
    )
    .mutation(({ ctx, input }) => exportTranscript(ctx.db, input, ctx.actor)),
} satisfies TRPCRouterRecord;
