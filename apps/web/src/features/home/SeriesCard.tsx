import { pickLocale, type SeriesOverview } from "@reeks/models";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SessionWhen } from "../../components/SessionWhen";
import { useLocale } from "../../lib/locale";

export function SeriesCard({ series }: { series: SeriesOverview }) {
  const { t } = useTranslation(["home", "outcomes"]);
  const locale = useLocale();
  const headingId = `series-${series.id}`;
  return (
    <section className="series" aria-labelledby={headingId}>
      <h2 id={headingId}>{pickLocale(series.title, locale)}</h2>
      <p className="muted">{t("organisedBy", { organiser: series.organiser })}</p>
      <p className="series-links">
        <Link className="button-link" to={`/reeksen/${series.slug}/aanmelden`}>
          {t("register")}
        </Link>{" "}
        <Link to={`/reeksen/${series.slug}`}>{t("open")}</Link>
      </p>
      <h3>{t("themesHeading")}</h3>
      <ol className="themes">
        {series.themes.map((theme) => {
          const session = series.sessions.find((s) => s.themeId === theme.id);
          return (
            <li key={theme.id} className="theme">
              <p className="theme-number">{t("themeNumber", { position: theme.position })}</p>
              <h4>{pickLocale(theme.title, locale)}</h4>
              <p>
                <strong>{t("guidingQuestion")}:</strong> {pickLocale(theme.guidingQuestion, locale)}
              </p>
              <p>{pickLocale(theme.description, locale)}</p>
              <p className="theme-links">
                {session && (
                  <Link to={`/sessies/${session.id}`}>
                    {t("outcomes:session.documentTitle", { position: session.position })}
                  </Link>
                )}{" "}
                <Link to={`/themas/${theme.id}`}>{t("outcomes:session.themeLink")}</Link>
              </p>
              {session && (
                <dl className="session-facts">
                  <div>
                    <dt>{t("sessionStatus")}</dt>
                    <dd>
                      <span className={`status status-${session.status}`}>
                        {t(`status.${session.status}`)}
                      </span>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("startsAt")}</dt>
                    <dd>
                      <SessionWhen
                        startsAt={session.startsAt}
                        startedAt={session.startedAt}
                        endedAt={session.endedAt}
                        timeZone={series.timeZone}
                        notScheduled={t("notScheduled")}
                      />
                    </dd>
                  </div>
                </dl>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
