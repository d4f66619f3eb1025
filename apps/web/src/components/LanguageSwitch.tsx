import { LOCALES } from "@reeks/models";
import { useTranslation } from "react-i18next";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? "nl";
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t("language.label")}</legend>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          onClick={() => void i18n.changeLanguage(locale)}
        >
          {t(`language.${locale}`)}
        </button>
      ))}
    </fieldset>
  );
}
