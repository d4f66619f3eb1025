import type { Locale } from "@reeks/models";
import { TRPCError } from "@trpc/server";
import { ZodError, ZodRealError, z } from "zod";
import type { DomainError } from "./domain-error";
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

/**
 * The tRPC error for a domain error, with its message in the person's language. A field error becomes
 * a zod error as its cause, so the errorFormatter reports it in `fieldErrors` like any input error.
 */
export function toTRPCError(error: DomainError, locale: Locale): TRPCError {
  const message = serverMessage(error.key, locale, error.params);
  const cause = error.field
    ? new ZodRealError([
        {
          code: "custom",
          path: error.field,
          message,
          input: undefined,
          params: { i18n: error.key, values: error.params },
        },
      ])
    : error;
  return new TRPCError({ code: error.code, message, cause });
}
