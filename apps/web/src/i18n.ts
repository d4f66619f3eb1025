import { DEFAULT_LOCALE, LOCALES, type Locale } from "@reeks/models";
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { localeOf } from "./lib/locale";
import enAccount from "./locales/en/account.json";
import enAuthoring from "./locales/en/authoring.json";
import enCommon from "./locales/en/common.json";
import enConnectionTest from "./locales/en/connectionTest.json";
import enDashboard from "./locales/en/dashboard.json";
import enHome from "./locales/en/home.json";
import enOutcomes from "./locales/en/outcomes.json";
import enRoom from "./locales/en/room.json";
import enScheduling from "./locales/en/scheduling.json";
import nlAccount from "./locales/nl/account.json";
import nlAuthoring from "./locales/nl/authoring.json";
import nlCommon from "./locales/nl/common.json";
import nlConnectionTest from "./locales/nl/connectionTest.json";
import nlDashboard from "./locales/nl/dashboard.json";
import nlHome from "./locales/nl/home.json";
import nlOutcomes from "./locales/nl/outcomes.json";
import nlRoom from "./locales/nl/room.json";
import nlScheduling from "./locales/nl/scheduling.json";

export const resources = {
  nl: {
    common: nlCommon,
    home: nlHome,
    connectionTest: nlConnectionTest,
    account: nlAccount,
    dashboard: nlDashboard,
    scheduling: nlScheduling,
    outcomes: nlOutcomes,
    room: nlRoom,
    authoring: nlAuthoring,
  },
  en: {
    common: enCommon,
    home: enHome,
    connectionTest: enConnectionTest,
    account: enAccount,
    dashboard: enDashboard,
    scheduling: enScheduling,
    outcomes: enOutcomes,
    room: enRoom,
    authoring: enAuthoring,
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

/** For code outside React (request headers): the language the interface shows now. */
export function currentLocale(): Locale {
  return localeOf(i18n.resolvedLanguage);
}

export default i18n;
