import { pickLocale } from "@reeks/models";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { NotFoundPage } from "../../components/NotFoundPage";
import { PageTitle } from "../../components/PageTitle";
import { logoSrc, SeriesBrand } from "../../components/SeriesBrand";
import { useLocale } from "../../lib/locale";
import { CapturePanel } from "./CapturePanel";
import { useLocateInSeries } from "./use-series-info";

/** Everything of one session: its theme and the live capture panel. */
export function SessionPage() {
  const { sessionId = "" } = useParams();
  const { t } = useTranslation(["outcomes", "common"]);
  const locale = useLocale();
  const { series, isPending } = useLocateInSeries({ sessionId });
  if (isPending) return <p role="status">{t("common:loading")}</p>;
  const session = series?.sessions.find((s) => s.id === sessionId);
  const theme = series?.themes.find((th) => th.id === session?.themeId);
  if (!series || !session || !theme) return <NotFoundPage />;
  const themeTitle = pickLocale(theme.title, locale);
  return (
    <SeriesBrand accentColour={series.accentColour} logo={logoSrc(series)} organiser={series.organiser}>
      <PageTitle documentTitle={t("session.documentTitle", { position: session.position })}>
        {t("session.title", { position: session.position, theme: themeTitle })}
      </PageTitle>
      <p className="lead">{pickLocale(theme.guidingQuestion, locale)}</p>
      <p>
        <Link to={`/themas/${theme.id}`}>{t("session.themeLink")}</Link>
      </p>
      <CapturePanel sessionId={sessionId} />
    </SeriesBrand>
  );
}
