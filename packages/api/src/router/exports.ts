import { EXPORT_FORMATS, EXPORT_KINDS, FORMATS_BY_KIND } from "@reeks/exports";
import { localeSchema } from "@reeks/models";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { downloadExport, exportDashboard } from "../exports/download";
import { setExcused } from "../exports/excusal";
import { seriesOrganiserProcedure, sessionOrganiserProcedure } from "../trpc";

const downloadInput = z
  .object({
    seriesId: z.uuid(),
    kind: z.enum(EXPORT_KINDS),
    format: z.enum(EXPORT_FORMATS),
    locale: localeSchema.default("nl"),
    themePosition: z.number().int().min(1).max(99).optional(),
  })
  .refine((input) => FORMATS_BY_KIND[input.kind].includes(input.format), {
    path: ["format"],
    message: "This document is not available in this format.",
  });

/** The organiser's overview and documents. Organisers only: attendance and names are personal data. */
export const exportsRouter = {
  dashboard: seriesOrganiserProcedure
    .input(z.object({ seriesId: z.uuid() }))
    .query(({ ctx }) => exportDashboard(ctx.db, ctx.actor)),
  /** One document as base64; the CLI streams large series to disk instead. */
  download: seriesOrganiserProcedure
    .input(downloadInput)
    .mutation(({ ctx, input }) => downloadExport(ctx.db, input, ctx.actor)),
  /** Records that a participant let the organisers know they would miss a session (or takes it back). */
  setExcused: sessionOrganiserProcedure
    .input(z.object({ sessionId: z.uuid(), participantId: z.uuid(), excused: z.boolean() }))
    .mutation(({ ctx, input }) => setExcused(ctx.db, input, ctx.actor)),
} satisfies TRPCRouterRecord;
