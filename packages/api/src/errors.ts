import type { Locale } from "@reeks/models";
import { ZodError, z } from "zod";
import { isMessageKey, type MessageParams, serverMessage } from "./messages";

const zodLocales = { nl: z.locales.nl(), en: z.locales.en() } as const;

export type FieldErrors = Record<string, string[]>;

/** Field messages in the person's language, keyed by the dotted path of the field ("" for the whole input). */
export function localizedFieldErrors(error: ZodError, locale: Locale): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    const custom = issue.code === "custom" ? catalogueMessage(issue.params, locale) : null;
    const localized = custom ?? zodLocales[locale].localeError?.(issue as never);
    const message = typeof localized === "string" ? localized : (localized?.message ?? issue.message);
    const list = fieldErrors[key] ?? [];
    list.push(message);
    fieldErrors[key] = list;
  }
  return fieldErrors;
}

/** Our own refinements and field errors carry `{ i18n: key, values }` naming a server message. */
function catalogueMessage(params: unknown, locale: Locale): string | null {
  const { i18n, values } = (params ?? {}) as { i18n?: unknown; values?: MessageParams };
  return isMessageKey(i18n) ? serverMessage(i18n, locale, values) : null;
}

export function zodErrorOf(cause: unknown): ZodError | null {
  return cause instanceof ZodError ? cause : null;
}
