import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { assembleSeriesExport } from "@reeks/api";
import type { Database } from "@reeks/db";
import {
  defaultKind,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  type ExportFormat,
  type ExportKind,
  FORMATS_BY_KIND,
  renderExport,
} from "@reeks/exports";
import { LOCALES, type Locale, slugSchema } from "@reeks/models";
import { z } from "zod";

export const exportOptionsSchema = z
  .object({
    series: slugSchema,
    format: z.enum(EXPORT_FORMATS),
    kind: z.enum(EXPORT_KINDS).optional(),
    theme: z.coerce.number().int().min(1).optional(),
    lang: z.enum(LOCALES).default("nl"),
    out: z.string().min(1),
  })
  .transform((o) => ({ ...o, kind: o.kind ?? defaultKind(o.format) }))
  .refine((o) => FORMATS_BY_KIND[o.kind].includes(o.format), {
    path: ["format"],
    message: "this document does not come in this format",
  });

export interface ExportCommandOptions {
  series: string;
  format: ExportFormat;
  kind: ExportKind;
  theme?: number;
  lang: Locale;
  out: string;
}

export class ExportCommandError extends Error {}

/**
 * Writes one export to a file. Streams where the writer streams; the file appears under its name only
 * once complete, so a failed export never leaves a half-written document that looks finished.
 */
export async function runExport(
  db: Database,
  options: ExportCommandOptions,
): Promise<{ path: string; bytes: number }> {
  const data = await assembleSeriesExport(db, { slug: options.series });
  if (!data)
    throw new ExportCommandError(`No series with slug "${options.series}" (see: pnpm reeks series list).`);
  if (options.theme !== undefined && !data.themes.some((t) => t.position === options.theme)) {
    throw new ExportCommandError(
      `Series "${options.series}" has no theme ${options.theme} (themes: ${data.themes.map((t) => t.position).join(", ")}).`,
    );
  }
  const file = renderExport(data, {
    kind: options.kind,
    format: options.format,
    locale: options.lang,
    themePosition: options.theme,
  });
  const partial = `${options.out}.partial`;
  let bytes = 0;
  file.body.on("data", (chunk: Buffer | string) => {
    bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
  });
  try {
    await pipeline(file.body, createWriteStream(partial));
    await rename(partial, options.out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { path: options.out, bytes };
}

/** Parses raw commander options into a valid command, or throws one line that says what is wrong. */
export function parseExportOptions(raw: Record<string, unknown>): ExportCommandOptions {
  const parsed = exportOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ExportCommandError(`--${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}`);
}
