import { DEFAULT_LOCALE, LOCALES, type Locale } from "@reeks/models";
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { resources } from "./i18n-resources";
import { localeOf } from "./lib/locale";

export { resources };

export const LANGUAGE_STORAGE_KEY = "reeks.language";

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    defaultNS: "common",
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    // Dutch unless the person chose otherwise: the browser's language is not a choice.
    detection: {
      order: ["localStorage"],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ["localStorage"],
    },
    interpolation: { escapeValue: false },
  });

function applyDocumentLanguage(language: string) {
  document.documentElement.lang = language;
}
applyDocumentLanguage(i18n.resolvedLanguage ?? DEFAULT_LOCALE);
i18n.on("languageChanged", applyDocumentLanguage);

/** For code outside React (request headers): the language the interface shows now. */
export function currentLocale(): Locale {
  return localeOf(i18n.resolvedLanguage);
}

export default i18n;
