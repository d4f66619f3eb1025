import { Readable } from "node:stream";
import { renderAgendaCsv, renderAgendaDocx, renderAgendaXlsx } from "./agenda";
import { renderAttendanceCsv, renderAttendanceXlsx } from "./attendance-export";
import { buildEssayOutline, type ExportOptions } from "./essay";
import { renderEssayDocx } from "./essay-docx";
import { renderEssayMarkdown } from "./essay-markdown";
import { renderEvaluationCsv, renderEvaluationXlsx } from "./evaluation";
import { renderSeriesJson } from "./json";
import type { SeriesExportData } from "./model";
import { EXPORT_TEXTS } from "./texts";

export const EXPORT_FORMATS = ["docx", "md", "csv", "xlsx", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_KINDS = ["essay", "agenda", "attendance", "series", "evaluation"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Which formats each document comes in. */
export const FORMATS_BY_KIND: Record<ExportKind, readonly ExportFormat[]> = {
  essay: ["docx", "md"],
  agenda: ["docx", "csv", "xlsx"],
  attendance: ["csv", "xlsx"],
  series: ["json"],
  evaluation: ["csv", "xlsx"],
};

/** The document a format means when no kind is given. */
export function defaultKind(format: ExportFormat): ExportKind {
  switch (format) {
    case "docx":
    case "md":
      return "essay";
    case "csv":
    case "xlsx":
      return "agenda";
    case "json":
      return "series";
  }
}

export const MIME_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
};

export class UnsupportedExportError extends Error {
  constructor(
    readonly kind: ExportKind,
    readonly format: ExportFormat,
  ) {
    super(`${kind} is not available as ${format} (choose ${FORMATS_BY_KIND[kind].join(", ")})`);
  }
}

export interface ExportRequest extends ExportOptions {
  kind: ExportKind;
  format: ExportFormat;
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  body: Readable;
}

export function exportFileName(data: SeriesExportData, request: ExportRequest): string {
  const names = EXPORT_TEXTS[request.locale].fileNames;
  const theme = request.themePosition === undefined ? "" : `-thema-${request.themePosition}`;
  return `${data.series.slug}-${names[request.kind]}${theme}.${request.format}`;
}

/** Renders only when the stream is first read, so nothing runs (or fails unobserved) before a consumer. */
function fromBuffer(render: () => Promise<Buffer>): Readable {
  return Readable.from(
    (async function* () {
      yield await render();
    })(),
  );
}

/** One entry point for the CLI and the dashboard: which document, in which format and language. */
export function renderExport(data: SeriesExportData, request: ExportRequest): ExportFile {
  const { kind, format } = request;
  if (!FORMATS_BY_KIND[kind].includes(format)) throw new UnsupportedExportError(kind, format);
  const body = ((): Readable => {
    switch (kind) {
      case "essay": {
        const outline = buildEssayOutline(data, request);
        return format === "docx"
          ? fromBuffer(() => renderEssayDocx(outline))
          : Readable.from(renderEssayMarkdown(outline));
      }
      case "agenda":
        if (format === "docx") return fromBuffer(() => renderAgendaDocx(data, request));
        if (format === "xlsx") return fromBuffer(() => renderAgendaXlsx(data, request));
        return renderAgendaCsv(data, request);
      case "attendance":
        return format === "xlsx"
          ? fromBuffer(() => renderAttendanceXlsx(data, request))
          : renderAttendanceCsv(data, request);
      case "series":
        return renderSeriesJson(data);
      case "evaluation":
        return format === "xlsx"
          ? fromBuffer(() => renderEvaluationXlsx(data, request))
          : renderEvaluationCsv(data, request);
    }
  })();
  return { fileName: exportFileName(data, request), mimeType: MIME_TYPES[format], body };
}

/** The whole file in memory, for callers that must answer in one piece (tRPC). */
export async function exportToBuffer(file: ExportFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.body) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
