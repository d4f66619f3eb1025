import { Readable } from "node:stream";
import type { Locale } from "@reeks/models";
import { stringify } from "csv-stringify";

/**
 * Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection, e.g.
 * `=HYPERLINK(...)` in a participant's name). A leading apostrophe makes it plain text and is not shown.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}

/**
 * Dutch Excel reads ";" as the separator (the comma is the decimal sign there); English Excel reads ",".
 */
export function csvDelimiter(locale: Locale): string {
  return locale === "nl" ? ";" : ",";
}

/**
 * Rows to CSV as a stream: UTF-8 with a byte-order mark so Excel picks the right encoding, CRLF line
 * ends, every cell neutralised. Rows are pulled lazily, so memory stays flat however long the file.
 */
export function csvStream(header: string[], rows: Iterable<string[]>, locale: Locale): Readable {
  const stringifier = stringify({
    bom: true,
    delimiter: csvDelimiter(locale),
    record_delimiter: "windows",
    quoted_string: false,
  });
  const source = Readable.from(
    (function* () {
      yield header.map(neutraliseFormula);
      for (const row of rows) yield row.map(neutraliseFormula);
    })(),
    { objectMode: true },
  );
  return source.pipe(stringifier);
}
