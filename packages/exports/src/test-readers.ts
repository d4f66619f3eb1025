/// <reference path="./webvtt-parser.d.ts" />
// Test-only readers built on libraries independent of the writers (fflate + fast-xml-parser for DOCX,
// read-excel-file for XLSX, csv-parse for CSV), so a bug in a writer cannot hide itself in its reader.
import { createRequire } from "node:module";
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import readXlsxFile from "read-excel-file/node";
import { type WebVTTNode, WebVTTParser } from "webvtt-parser";

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

export interface ParsedCue {
  id: string;
  startMs: number;
  endMs: number;
  /** The cue's text with entities decoded and tags removed. */
  text: string;
  /** The annotation of its `<v>` span, if any. */
  voice: string | null;
}

/**
 * Parses WebVTT with the W3C validator's parser (webvtt-parser), strictly: any error it reports fails
 * the read, so a writer that emits something players would mis-read cannot pass.
 */
export function readVtt(text: string): { header: string; cues: ParsedCue[] } {
  // Its built-in entity list lacks the `;` forms (`&lt;` would read as "<;"): give it the spec's full list.
  const entities = createRequire(import.meta.url)("webvtt-parser/html-entities.json") as Record<
    string,
    string
  >;
  const tree = new WebVTTParser(entities).parse(text, "metadata");
  if (tree.errors.length > 0) {
    throw new Error(`invalid WebVTT: ${tree.errors.map((e) => `line ${e.line}: ${e.message}`).join("; ")}`);
  }
  const flatten = (nodes: WebVTTNode[]): string =>
    nodes.map((n) => (n.type === "text" ? (n.value ?? "") : flatten(n.children ?? []))).join("");
  const voiceOf = (nodes: WebVTTNode[]): string | null => {
    for (const n of nodes) {
      if (n.type === "object" && n.name === "v") return n.value ?? null;
      const inner = voiceOf(n.children ?? []);
      if (inner !== null) return inner;
    }
    return null;
  };
  return {
    header: text.split("\n", 1)[0] ?? "",
    cues: tree.cues.map((cue) => ({
      id: cue.id,
      startMs: Math.round(cue.startTime * 1000),
      endMs: Math.round(cue.endTime * 1000),
      text: flatten(cue.tree.children),
      voice: voiceOf(cue.tree.children),
    })),
  };
}
