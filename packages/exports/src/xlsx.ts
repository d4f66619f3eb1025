import type { Locale } from "@reeks/models";
import writeXlsxFile, { type Cell, type Row } from "write-excel-file/node";

export type XlsxValue = string | number | Date | null;

export interface XlsxColumn {
  header: string;
  width: number;
  /** "date" cells hold the wall-clock time in the series' zone (see Formatter.wallClock). */
  type?: "text" | "number" | "date" | "day" | "percent";
}

function dateFormat(locale: Locale, withTime: boolean): string {
  const day = locale === "nl" ? "dd-mm-yyyy" : "dd/mm/yyyy";
  return withTime ? `${day} hh:mm` : day;
}

function cellOf(value: XlsxValue, column: XlsxColumn, locale: Locale): Cell {
  if (value === null || value === "") return null;
  switch (column.type) {
    case "number":
      return { value: Number(value), type: Number, format: "0" };
    case "percent":
      return { value: Number(value), type: Number, format: "0.0%" };
    case "date":
    case "day":
      return value instanceof Date
        ? { value, type: Date, format: dateFormat(locale, column.type === "date") }
        : String(value);
    default:
      // Spreadsheet cells typed as text are never evaluated, so no formula neutralising is needed here.
      return { value: String(value), type: String, wrap: true };
  }
}

/**
 * One sheet, header row frozen and bold. Numbers and dates are real typed cells, so Excel shows them in
 * the reader's own number format; the chosen date pattern follows the export's language.
 * Built in memory (write-excel-file has no streaming mode): fine for the sheets we make, which have one
 * row per action or per person and session — thousands of rows, not millions.
 */
export async function xlsxBuffer(
  sheet: string,
  columns: XlsxColumn[],
  rows: XlsxValue[][],
  locale: Locale,
): Promise<Buffer> {
  const header: Row = columns.map((c) => ({ value: c.header, type: String, fontWeight: "bold" as const }));
  const data: Row[] = [
    header,
    ...rows.map((row) => columns.map((c, i) => cellOf(row[i] ?? null, c, locale))),
  ];
  return writeXlsxFile(data, {
    sheet: sheet.slice(0, 31),
    columns: columns.map((c) => ({ width: c.width })),
    stickyRowsCount: 1,
  }).toBuffer();
}
