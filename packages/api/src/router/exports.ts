import { EXPORT_FORMATS, EXPORT_KINDS, exportToBuffer, FORMATS_BY_KIND, renderExport } from "@reeks/exports";
import { localeSchema } from "@reeks/models";
import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "../audit";
import { assembleSeriesExport } from "../exports/assemble";
import { seriesDashboard } from "../exports/dashboard";
import { setExcused } from "../exports/excusal";
import { renderOneAtATime } from "../exports/one-at-a-time";
import { organiserProcedure } from "../trpc";

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

async function loadSeries(ctx: {
  database: { db: Parameters<typeof assembleSeriesExport>[0] };
  seriesId: string;
}) {
  const data = await assembleSeriesExport(ctx.database.db, { seriesId: ctx.seriesId });
  if (!data) throw new TRPCError({ code: "NOT_FOUND", message: "series not found" });
  return data;
}

/** The organiser's overview and documents. Organisers only: attendance and names are personal data. */
export const exportsRouter = {
  dashboard: organiserProcedure
    .input(z.object({ seriesId: z.uuid() }))
    .query(async ({ ctx }) => seriesDashboard(await loadSeries(ctx))),

  /**
   * One document as base64. Dashboard documents are small (the demo series is a few hundred KB); the CLI
   * streams large series to disk instead.
   */
  download: organiserProcedure.input(downloadInput).mutation(async ({ ctx, input }) => {
    const data = await loadSeries(ctx);
    if (input.themePosition !== undefined && !data.themes.some((t) => t.position === input.themePosition)) {
      throw new TRPCError({ code: "NOT_FOUND", message: "theme not found" });
    }
    const { file, content } = await renderOneAtATime(async () => {
      const file = renderExport(data, input);
      return { file, content: await exportToBuffer(file) };
    });
    await recordAudit(ctx.database.db, {
      actorId: ctx.person.id,
      seriesId: ctx.seriesId,
      action: "export.download",
      target: `series:${ctx.seriesId}`,
      details: {
        kind: input.kind,
        format: input.format,
        locale: input.locale,
        themePosition: input.themePosition ?? null,
      },
    });
    return { fileName: file.fileName, mimeType: file.mimeType, base64: content.toString("base64") };
  }),

  /** Records that a participant let the organisers know they would miss a session (or takes it back). */
  setExcused: organiserProcedure
    .input(z.object({ sessionId: z.uuid(), participantId: z.uuid(), excused: z.boolean() }))
    .mutation(({ ctx, input }) =>
      setExcused(ctx.database.db, input, {
        seriesId: ctx.seriesId,
        personId: ctx.person.id,
        participantId: ctx.participant.id,
      }),
    ),
} satisfies TRPCRouterRecord;
