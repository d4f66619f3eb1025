import {
  type FileChild,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

/** Characters XML 1.0 forbids; a stray one from a paste would make Word refuse the whole file. */
function allowedInXml(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code === 0x9 || code === 0xa || code === 0xd) return true;
  return code >= 0x20 && code !== 0xfffe && code !== 0xffff;
}

export function cleanText(text: string): string {
  let clean = "";
  for (const char of text) if (allowedInXml(char)) clean += char;
  return clean;
}

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  size?: number;
}

/** Text with its line breaks kept: Word needs an explicit break per line. */
export function runs(text: string, style: RunStyle = {}): TextRun[] {
  return cleanText(text)
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : undefined, ...style }));
}

export function paragraph(children: ParagraphChild[], options: { style?: string } = {}): Paragraph {
  return new Paragraph({ children, ...options });
}

/** A full-width table with a header row that repeats on every page. */
export function table(columns: string[], rows: string[][]): Table {
  const header = new TableRow({
    tableHeader: true,
    children: columns.map(
      (c) => new TableCell({ children: [new Paragraph({ children: runs(c, { bold: true }) })] }),
    ),
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      header,
      ...rows.map(
        (row) =>
          new TableRow({
            children: row.map(
              (value) => new TableCell({ children: [new Paragraph({ children: runs(value) })] }),
            ),
          }),
      ),
    ],
  });
}

export type SectionChildren = FileChild[];
