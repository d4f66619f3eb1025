// Test-only readers built on libraries independent of the writers (fflate + fast-xml-parser for DOCX,
// read-excel-file for XLSX, csv-parse for CSV), so a bug in a writer cannot hide itself in its reader.
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import readXlsxFile from "read-excel-file/node";

export async function collect(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

type XmlNode = Record<string, unknown> & { ":@"?: Record<string, string> };

function childrenOf(node: XmlNode, tag: string): XmlNode[] {
  const value = node[tag];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function textOf(nodes: XmlNode[]): string {
  let text = "";
  for (const node of nodes) {
    for (const [tag, value] of Object.entries(node)) {
      if (tag === ":@") continue;
      if (tag === "#text") text += String(value);
      else if (tag === "w:br") text += "\n";
      else if (Array.isArray(value)) text += textOf(value as XmlNode[]);
    }
  }
  return text;
}

export interface DocxParagraph {
  type: "paragraph";
  style: string | null;
  text: string;
}
export interface DocxTable {
  type: "table";
  rows: string[][];
}
export type DocxBlock = DocxParagraph | DocxTable;

/** The body of word/document.xml as a flat list of paragraphs (with their style) and tables. */
export function readDocx(buffer: Uint8Array): DocxBlock[] {
  const files = unzipSync(buffer);
  const documentXml = files["word/document.xml"];
  if (!documentXml) throw new Error("no word/document.xml in the DOCX");
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, trimValues: false });
  const tree = parser.parse(strFromU8(documentXml)) as XmlNode[];
  const documentNode = tree.find((n) => "w:document" in n);
  if (!documentNode) throw new Error("no w:document element");
  const body = childrenOf(documentNode, "w:document").find((n) => "w:body" in n);
  if (!body) throw new Error("no w:body element");
  const blocks: DocxBlock[] = [];
  for (const node of childrenOf(body, "w:body")) {
    if ("w:p" in node) {
      const children = childrenOf(node, "w:p");
      const props = children.find((c) => "w:pPr" in c);
      const styleNode = props ? childrenOf(props, "w:pPr").find((c) => "w:pStyle" in c) : undefined;
      blocks.push({
        type: "paragraph",
        style: styleNode?.[":@"]?.["@_w:val"] ?? null,
        text: textOf(children.filter((c) => !("w:pPr" in c))),
      });
    } else if ("w:tbl" in node) {
      const rows = childrenOf(node, "w:tbl")
        .filter((c) => "w:tr" in c)
        .map((tr) =>
          childrenOf(tr, "w:tr")
            .filter((c) => "w:tc" in c)
            .map((tc) => textOf(childrenOf(tc, "w:tc").filter((c) => !("w:tcPr" in c)))),
        );
      blocks.push({ type: "table", rows });
    }
  }
  return blocks;
}

export async function readXlsx(buffer: Buffer) {
  return readXlsxFile(buffer);
}

export function readCsv(buffer: Buffer, delimiter: string): string[][] {
  return parse(buffer, { bom: true, delimiter, relax_column_count: false }) as string[][];
}
