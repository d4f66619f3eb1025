import { pickLocale, type SeriesOverview } from "@reeks/models";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { logoSrc, SeriesBrand } from "../../components/SeriesBrand";
import { SessionWhen } from "../../components/SessionWhen";
import { useLocale } from "../../lib/locale";

/** The visitor's place in the series, when they registered for it. */
export interface SeriesPlace {
  role: string;
  status: string;
}

export function SeriesCard({ series, place }: { series: SeriesOverview; place: SeriesPlace | null }) {
  const { t } = useTranslation(["home", "outcomes", "account"]);
  const locale = useLocale();
  const headingId = `series-${series.id}`;
  return (
    <section className="series" aria-labelledby={headingId}>
      <SeriesBrand accentColour={series.accentColour} logo={logoSrc(series)} organiser={series.organiser}>
        <h2 id={headingId}>{pickLocale(series.title, locale)}</h2>
        <p className="muted">{t("organisedBy", { organiser: series.organiser })}</p>
        {place && place.status !== "approved" && (
          <p className="notice" data-status={place.status}>
            <strong>{t("myState")}:</strong> {registrationState(place.status, t)}
          </p>
        )}
        <p className="series-links">
          {!place && (
            <>
              <Link className="button-link" to={`/reeksen/${series.slug}/aanmelden`}>
                {t("register")}
              </Link>{" "}
            </>
          )}
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
      </SeriesBrand>
    </section>
  );
}

function registrationState(status: string, t: TFunction<["home", "outcomes", "account"]>): string {
  switch (status) {
    case "waitlisted":
      return t("account:series.status.waitlisted");
    case "declined":
      return t("account:series.status.declined");
    default:
      return t("account:series.status.interested");
  }
}
