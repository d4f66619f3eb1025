import { pickLocale } from "@reeks/models";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageTitle } from "../../components/PageTitle";
import { logoSrc, SeriesBrand } from "../../components/SeriesBrand";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { useAccount } from "../../lib/use-account";

/**
 * A series as the visitor stands in it: anonymous (register or sign in), registered but not yet
 * approved ("awaiting approval"), or an approved participant (the member view).
 */
export function SeriesPage() {
  const { t } = useTranslation("account");
  const { t: tc } = useTranslation("common");
  const { t: td } = useTranslation("dashboard");
  const { t: ts } = useTranslation("scheduling");
  const { t: th } = useTranslation("home");
  const locale = useLocale();
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const series = useQuery(trpc.series.bySlug.queryOptions({ slug }));
  const me = useAccount();
  const participation = me.data?.participations.find((p) => p.seriesSlug === slug) ?? null;
  const approved = participation?.status === "approved";
  const members = useQuery(
    trpc.membership.members.queryOptions(
      { seriesId: series.data?.id ?? "" },
      { enabled: approved && !!series.data },
    ),
  );

  if (series.isPending || me.isPending) return <p role="status">{tc("loading")}</p>;
  if (series.isError) return <p role="alert">{tc("error.notFound")}</p>;
  const title = pickLocale(series.data.title, locale);

  return (
    <SeriesBrand
      accentColour={series.data.accentColour}
      logo={logoSrc(series.data)}
      organiser={series.data.organiser}
    >
      <PageTitle>{title}</PageTitle>
      <p className="muted">{series.data.organiser}</p>
      {!me.data && (
        <>
          <p>
            <Link className="button-link" to={`/reeksen/${slug}/aanmelden`}>
              {t("series.register")}
            </Link>
          </p>
          <p>
            <Link to="/inloggen">{t("series.signInHint")}</Link>
          </p>
        </>
      )}
      {me.data && !participation && (
        <>
          <p>{t("series.notRegistered")}</p>
          <p>
            <Link className="button-link" to={`/reeksen/${slug}/aanmelden`}>
              {t("series.register")}
            </Link>
          </p>
        </>
      )}
      {participation && !approved && (
        <section
          className="notice notice-info"
          aria-labelledby="status-heading"
          data-status={participation.status}
        >
          <h2 id="status-heading">{t("series.awaitingTitle")}</h2>
          <p>{t(`series.status.${participation.status as "interested" | "waitlisted" | "declined"}`)}</p>
        </section>
      )}
      {participation && approved && (
        <>
          <p className="notice notice-ok" data-status="approved">
            {t("series.status.approved", { role: t(`roles.${participation.role}`) })}{" "}
            {/* The agenda, join buttons and to-do list live on the home page. */}
            <Link to="/">
              {participation.role === "organiser" ? th("organiser.title") : th("mine.title")}
            </Link>
          </p>
          {participation.role === "organiser" && (
            <>
              <p>
                <Link to={`/reeksen/${slug}/bewerken`}>{t("series.edit")}</Link>
              </p>
              <p>
                <Link to={`/reeksen/${slug}/aanmeldingen`}>{t("series.review")}</Link>
              </p>
              <p>
                <Link to={`/reeksen/${slug}/dashboard`}>{td("navLink")}</Link>
              </p>
            </>
          )}
          <ul className="scheduling-links">
            <li>
              <Link to={`/reeksen/${slug}/beschikbaarheid`}>{ts("links.availability")}</Link>
            </li>
            {participation.role === "organiser" && (
              <li>
                <Link to={`/reeksen/${slug}/planning`}>{ts("links.planning")}</Link>
              </li>
            )}
          </ul>
          <h2>{t("series.membersHeading")}</h2>
          {members.isPending && <p role="status">{tc("loading")}</p>}
          <ul className="members">
            {members.data?.map((m) => (
              <li key={m.id}>
                <strong>{m.name || t("review.removedPerson")}</strong>
                {m.organisation && <> — {m.organisation}</>}{" "}
                <span className="muted">({t(`roles.${m.role}`)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </SeriesBrand>
  );
}
