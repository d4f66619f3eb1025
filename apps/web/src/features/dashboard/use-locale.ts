import type { Locale } from "@reeks/models";
import { useTranslation } from "react-i18next";

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === "en" ? "en" : "nl";
}

export function percent(share: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "nl-NL", {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(share);
}
