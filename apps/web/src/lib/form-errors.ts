import type { TFunction } from "i18next";
import type { FieldError } from "react-hook-form";
import type { z } from "zod";

/**
 * One way for every form to word its field errors: zod's issues become keys of the `form` messages
 * in common.json (with the numbers they need), and the page translates them in the reader's language
 * when it shows them, so a language switch rewords the errors already on screen.
 *
 * Use: `useForm({ resolver: zodResolver(schema, { error: issueToMessageKey }) })` and
 * `fieldErrorText(t, errors.email)`.
 */
type Issue = Parameters<NonNullable<z.core.$ZodErrorMap>>[0];

const FIELD_SPECIFIC = new Set(["name", "email", "organisation", "jobTitle", "consent"]);

export function issueToMessageKey(issue: Issue): string {
  const field = String(issue.path?.at(-1) ?? "");
  const empty = issue.input === "" || issue.input === undefined || issue.input === null;
  const params = (issue as { params?: { i18n?: string } }).params;
  if (params?.i18n === "consentRequired") return encode("form.consentRequired");
  if (params?.i18n === "noMarkup") return encode("form.noMarkup");
  if ((issue.code === "too_small" && issue.origin === "string") || (empty && issue.code !== "custom")) {
    return encode(FIELD_SPECIFIC.has(field) ? `form.required.${field}` : "form.required.other");
  }
  if (issue.code === "too_big" && issue.origin === "string") {
    return encode("form.tooLong", { max: Number(issue.maximum) });
  }
  if (issue.code === "invalid_format" && issue.format === "email") return encode("form.invalidEmail");
  return encode("form.invalid");
}

const PREFIX = "i18n:";

/** A message key (with its numbers) as a field error's message, translated when shown; `ns:key` for another namespace. */
export function encode(key: string, values: Record<string, number> = {}): string {
  return `${PREFIX}${JSON.stringify({ key, values })}`;
}

/** The words for a field error: ours translated now, the server's (already translated) as they are. */
export function fieldErrorText(t: TFunction<"common">, error: FieldError | undefined): string[] | undefined {
  const message = error?.message;
  if (!message) return undefined;
  if (!message.startsWith(PREFIX)) return [message];
  const { key, values } = JSON.parse(message.slice(PREFIX.length)) as {
    key: string;
    values: Record<string, number>;
  };
  return [t(key as never, values) as string];
}
