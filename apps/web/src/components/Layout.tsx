import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet } from "react-router";
import { AccountMenu } from "./AccountMenu";
import { LanguageSwitch } from "./LanguageSwitch";

export function Layout() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="site-header">
        <a className="brand" href="/">
          {t("appName")}
        </a>
        <nav aria-label={t("nav.label")}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t("nav.home")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/verbinding-testen">{t("nav.connectionTest")}</NavLink>
            </li>
          </ul>
        </nav>
        <AccountMenu />
        <LanguageSwitch buttonClassName="header-button" />
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t("footer")}</p>
        <p>
          <Link to="/toegankelijkheid">{t("footerAccessibility")}</Link>
        </p>
      </footer>
    </>
  );
}
