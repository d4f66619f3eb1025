import type { z } from "zod";

// With the u flag, a well-formed surrogate pair is one code point, so only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;
/** No schema nests this deep; anything deeper is an attack on the walker, not an input. */
const MAX_DEPTH = 32;

function unsafeText(text: string): boolean {
  return text.includes("\u0000") || LONE_SURROGATE.test(text);
}

function issueAt(path: PropertyKey[], i18n: string): z.core.$ZodIssue {
  return { code: "custom", path, message: i18n, input: undefined, params: { i18n } };
}

/**
 * Every string in a raw input (object keys included) that PostgreSQL cannot store or that is not
 * valid Unicode: a NUL makes text columns fail, a lone surrogate cannot be encoded as UTF-8. Checked
 * before any schema, so no procedure can forget it. Iterative, so a deeply nested input cannot
 * overflow the stack.
 */
export function unsafeTextIssues(input: unknown): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  const pending: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: input, path: [] }];
  while (issues.length < 20) {
    const item = pending.pop();
    if (!item) break;
    const { value, path } = item;
    if (typeof value === "string") {
      if (unsafeText(value)) issues.push(issueAt(path, "badCharacters"));
    } else if (typeof value === "object" && value !== null) {
      if (path.length >= MAX_DEPTH) {
        issues.push(issueAt(path, "tooDeep"));
        continue;
      }
      for (const [key, child] of Object.entries(value)) {
        const childPath = [...path, Array.isArray(value) ? Number(key) : key];
        if (unsafeText(key)) issues.push(issueAt(childPath, "badCharacters"));
        pending.push({ value: child, path: childPath });
      }
    }
  }
  return issues;
}
