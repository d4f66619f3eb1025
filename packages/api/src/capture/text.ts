import type { Nodes, Parent, PhrasingContent, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toMarkdown } from "mdast-util-to-markdown";
import { DomainError } from "../domain-error";

/**
 * The small Markdown subset items may use: paragraphs, emphasis, strong, inline code, lists, line
 * breaks and http(s)/mailto links. Everything else (raw HTML, images, headings, code blocks, ...)
 * is reduced to its plain text, so nothing can inject markup or load anything when it is shown.
 */
const ALLOWED = new Set([
  "root",
  "paragraph",
  "text",
  "emphasis",
  "strong",
  "inlineCode",
  "list",
  "listItem",
  "break",
  "link",
]);

const SAFE_URL = /^(https?:|mailto:)/i;
// Control characters other than tab and newline, and bidi overrides that can disguise text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
// Half of a surrogate pair on its own is not text; PostgreSQL's jsonb refuses it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function plainText(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if (node.type === "image") return node.alt ?? "";
  if ("children" in node) return (node.children as Nodes[]).map(plainText).join("");
  return "";
}

/** Returns whether anything had to change. */
function clean(parent: Parent): boolean {
  let changed = false;
  const children: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    const allowedLink = child.type === "link" ? SAFE_URL.test(child.url) : true;
    if (ALLOWED.has(child.type) && allowedLink) {
      if ("children" in child && clean(child)) changed = true;
      children.push(child);
      continue;
    }
    changed = true;
    const text = plainText(child);
    if (!text) continue;
    const replacement: PhrasingContent = { type: "text", value: text };
    // Block-level leftovers become a paragraph of their own; inline ones stay inline.
    const inline = parent.type !== "root" && parent.type !== "list" && parent.type !== "listItem";
    children.push(inline ? replacement : { type: "paragraph", children: [replacement] });
  }
  parent.children = children as typeof parent.children;
  return changed;
}

/**
 * What the server stores for a piece of text: Unicode-normalised, without control characters, and
 * within the Markdown subset. Text that already fits is kept exactly as typed.
 */
export function sanitizeText(input: string): string {
  const normalized = input
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(UNSAFE_CHARS, "")
    .replace(LONE_SURROGATE, "\uFFFD")
    .trim();
  if (!normalized) return "";
  const tree: Root = fromMarkdown(normalized);
  if (!clean(tree)) return normalized;
  return toMarkdown(tree).trim();
}

/** The text as it is stored, refused when nothing is left of it. */
export function cleanText(text: string): string {
  const clean = sanitizeText(text);
  if (!clean) throw new DomainError("BAD_REQUEST", "textEmpty");
  return clean;
}
