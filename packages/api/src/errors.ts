import type { Locale } from "@reeks/models";
import { TRPCError } from "@trpc/server";
import { ZodError, ZodRealError, z } from "zod";

const zodLocales = { nl: z.locales.nl(), en: z.locales.en() } as const;

/**
 * Messages for our own refinements (`.refine(fn, { params: { i18n: key } })`), which zod's locales
 * cannot know.
 */
const CUSTOM_MESSAGES: Record<string, Record<Locale, string>> = {
  consentRequired: {
    nl: "Geef toestemming om je aan te kunnen melden.",
    en: "Give your consent to be able to register.",
  },
  badCharacters: {
    nl: "Bevat tekens die niet zijn toegestaan (zoals een NUL-teken of een half Unicode-teken).",
    en: "Contains characters that are not allowed (such as a NUL character or half a Unicode character).",
  },
  outOfRange: {
    nl: "Dit nummer is te groot.",
    en: "This number is too large.",
  },
  tooDeep: {
    nl: "Deze invoer is te diep genest.",
    en: "This input is nested too deeply.",
  },
  noMarkup: {
    nl: "Mag geen < of > of onzichtbare tekens bevatten.",
    en: "Must not contain < or > or invisible characters.",
  },
};

export type FieldErrors = Record<string, string[]>;

/** Field messages in the person's language, keyed by the dotted path of the field ("" for the whole input). */
export function localizedFieldErrors(error: ZodError, locale: Locale): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    const own = ownMessages(issue);
    const customKey =
      issue.code === "custom" ? (issue.params as { i18n?: string } | undefined)?.i18n : undefined;
    const custom = own?.[locale] ?? (customKey ? CUSTOM_MESSAGES[customKey]?.[locale] : undefined);
    const localized = custom ?? zodLocales[locale].localeError?.(issue as never);
    const message = typeof localized === "string" ? localized : (localized?.message ?? issue.message);
    const list = fieldErrors[key] ?? [];
    list.push(message);
    fieldErrors[key] = list;
  }
  return fieldErrors;
}

export function zodErrorOf(cause: unknown): ZodError | null {
  return cause instanceof ZodError ? cause : null;
}

type Messages = Record<Locale, string>;

function ownMessages(issue: z.core.$ZodIssue): Messages | null {
  if (issue.code !== "custom") return null;
  const messages = (issue.params as { messages?: Messages } | undefined)?.messages;
  return messages ?? null;
}

/**
 * BAD_REQUEST for a rule zod cannot check (e.g. a time that a daylight-saving change skips), with its
 * message in both languages; the errorFormatter reports it like any other field error.
 */
export function badRequestField(path: Array<string | number>, messages: Messages): TRPCError {
  const cause = new ZodRealError([
    { code: "custom", path, message: messages.en, input: undefined, params: { messages } },
  ]);
  return new TRPCError({ code: "BAD_REQUEST", message: messages.en, cause });
}
