import { LOCALES } from "@reeks/models";
import { useTranslation } from "react-i18next";

/**
 * The interface language. `compact` (the room's top bar, where a phone has little width) shows the
 * language code, with the language's name after it for screen readers ("NL Nederlands"), so the
 * visible text stays part of the button's name.
 */
export function LanguageSwitch({
  compact = false,
  buttonClassName,
}: {
  compact?: boolean;
  buttonClassName?: string;
}) {
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
          className={buttonClassName}
          aria-pressed={current === locale}
          onClick={() => void i18n.changeLanguage(locale)}
        >
          {compact ? (
            <>
              {locale.toUpperCase()}
              <span className="visually-hidden"> {t(`language.${locale}`)}</span>
            </>
          ) : (
            t(`language.${locale}`)
          )}
        </button>
      ))}
    </fieldset>
  );
}
