import { DEFAULT_LOCALE, LOCALES, type Locale } from "@reeks/models";
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import enAccount from "./locales/en/account.json";
import enCommon from "./locales/en/common.json";
import enConnectionTest from "./locales/en/connectionTest.json";
import enHome from "./locales/en/home.json";
import enOutcomes from "./locales/en/outcomes.json";
import enScheduling from "./locales/en/scheduling.json";
import nlAccount from "./locales/nl/account.json";
import nlCommon from "./locales/nl/common.json";
import nlConnectionTest from "./locales/nl/connectionTest.json";
import nlHome from "./locales/nl/home.json";
import nlOutcomes from "./locales/nl/outcomes.json";
import nlScheduling from "./locales/nl/scheduling.json";

export const resources = {
  nl: {
    common: nlCommon,
    home: nlHome,
    connectionTest: nlConnectionTest,
    account: nlAccount,
    scheduling: nlScheduling,
    outcomes: nlOutcomes,
  },
  en: {
    common: enCommon,
    home: enHome,
    connectionTest: enConnectionTest,
    account: enAccount,
    scheduling: enScheduling,
    outcomes: enOutcomes,
  },
} as const;

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

export function currentLocale(): Locale {
  return i18n.resolvedLanguage === "en" ? "en" : "nl";
}

export default i18n;
