import type { Readable } from "node:stream";
import { pickLocale } from "@reeks/models";
import { type AttendanceCell, type AttendanceRow, computeAttendance } from "./attendance";
import { csvStream } from "./csv";
import type { ExportOptions } from "./essay";
import { createFormatter } from "./format";
import type { SeriesExportData } from "./model";
import { EXPORT_TEXTS, participantName, registrationLabel } from "./texts";
import { type XlsxColumn, xlsxBuffer } from "./xlsx";

/** One line per person per session, in session order within each person. */
function* lines(
  data: SeriesExportData,
  options: ExportOptions,
): Generator<[AttendanceRow, AttendanceCell, string]> {
  const report = computeAttendance(data);
  const themeById = new Map(data.themes.map((t) => [t.id, t]));
  const texts = EXPORT_TEXTS[options.locale];
  const sessions = options.themePosition
    ? new Set(
        report.sessions
          .filter((s) => themeById.get(s.themeId)?.position === options.themePosition)
          .map((s) => s.id),
      )
    : null;
  for (const row of report.rows) {
    for (const [index, cell] of row.cells.entries()) {
      const session = report.sessions[index];
      if (!session || (sessions && !sessions.has(session.id))) continue;
      const theme = themeById.get(session.themeId);
      const label = theme
        ? `${texts.session(session.position)}: ${pickLocale(theme.title, options.locale)}`
        : texts.session(session.position);
      yield [row, cell, label];
    }
  }
}

function attendanceHeader(options: ExportOptions): string[] {
  const c = EXPORT_TEXTS[options.locale].columns;
  return [
    c.name,
    c.organisation,
    c.role,
    c.registration,
    c.session,
    c.attendance,
    c.firstJoin,
    c.lastLeave,
    c.minutes,
    c.share,
  ];
}

export function renderAttendanceCsv(data: SeriesExportData, options: ExportOptions): Readable {
  const texts = EXPORT_TEXTS[options.locale];
  const format = createFormatter(options.locale, data.series.timeZone);
  return csvStream(
    attendanceHeader(options),
    (function* () {
      for (const [row, cell, session] of lines(data, options)) {
        yield [
          participantName(row.participant, texts),
          row.participant.organisation,
          texts.roles[row.participant.role],
          registrationLabel(row.participant, texts),
          session,
          texts.attendanceState[cell.state],
          cell.firstJoin ? format.dateTime(cell.firstJoin) : "",
          cell.lastLeave ? format.dateTime(cell.lastLeave) : "",
          format.integer(cell.minutes),
          cell.share === null ? "" : format.percent(cell.share),
        ];
      }
    })(),
    options.locale,
  );
}

export async function renderAttendanceXlsx(data: SeriesExportData, options: ExportOptions): Promise<Buffer> {
  const texts = EXPORT_TEXTS[options.locale];
  const format = createFormatter(options.locale, data.series.timeZone);
  const header = attendanceHeader(options);
  const types: XlsxColumn["type"][] = [
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "date",
    "date",
    "number",
    "percent",
  ];
  const widths = [28, 30, 12, 12, 40, 14, 18, 18, 10, 12];
  const columns: XlsxColumn[] = header.map((h, i) => ({ header: h, width: widths[i] ?? 12, type: types[i] }));
  const rows = [...lines(data, options)].map(([row, cell, session]) => [
    participantName(row.participant, texts),
    row.participant.organisation,
    texts.roles[row.participant.role],
    registrationLabel(row.participant, texts),
    session,
    texts.attendanceState[cell.state],
    cell.firstJoin ? format.wallClock(cell.firstJoin) : null,
    cell.lastLeave ? format.wallClock(cell.lastLeave) : null,
    cell.minutes,
    cell.share,
  ]);
  return xlsxBuffer(texts.attendanceSheet, columns, rows, options.locale);
}
