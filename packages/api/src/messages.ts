import type { Locale } from "@reeks/models";

/** Messages the server itself writes for people (the web app translates everything else). */
const MESSAGES = {
  rateLimited: {
    nl: "Te veel pogingen. Wacht {minutes} minuten en probeer het dan opnieuw.",
    en: "Too many attempts. Please wait {minutes} minutes and try again.",
  },
  crossSite: {
    nl: "Dit verzoek kwam niet van Reeks zelf en is geweigerd.",
    en: "This request did not come from Reeks itself and was refused.",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function serverMessage(
  key: MessageKey,
  locale: Locale,
  values: Record<string, string | number> = {},
): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}
