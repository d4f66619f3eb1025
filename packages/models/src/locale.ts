import { z } from "zod";

export const LOCALES = ["nl", "en"] as const;
export const DEFAULT_LOCALE = "nl" satisfies Locale;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

/** Text that an organiser writes in Dutch and may translate; English falls back to Dutch. */
export const localizedTextSchema = z.object({
  nl: z.string().min(1).max(2000),
  en: z.string().max(2000).optional(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export function pickLocale(text: LocalizedText, locale: Locale): string {
  // A series offered in English only has no Dutch text: fall back the other way too.
  return (locale === "en" && text.en) || text.nl || text.en || "";
}
