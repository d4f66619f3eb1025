import { pickLocale } from "@reeks/models";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { NotFoundPage } from "../../components/NotFoundPage";
import { PageTitle } from "../../components/PageTitle";
import { logoSrc, SeriesBrand } from "../../components/SeriesBrand";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { AgendaList } from "../agenda";
import { TranscriptSection } from "../transcript";
import { CapturePanel } from "./CapturePanel";
import { useLocateInSeries } from "./use-series-info";

/** Everything of one session: its theme and the live capture panel. */
export function SessionPage() {
  const { sessionId = "" } = useParams();
  const { t } = useTranslation(["outcomes", "common"]);
  const locale = useLocale();
  const { series, isPending } = useLocateInSeries({ sessionId });
  const groups = useMyGroups(sessionId);
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
      <AgendaList sessionId={sessionId} />
      <MyGroups sessionId={sessionId} />
      {/* Beside group panels, the session's own needs a name of its own. */}
      {groups.data?.length ? <h2>{t("group.wholeSession")}</h2> : null}
      <CapturePanel sessionId={sessionId} />
      <TranscriptSection sessionId={sessionId} />
    </SeriesBrand>
  );
}

/**
 * The breakout groups this person was in during the session: each with its own notes and items,
 * which the group's rapporteur shares with the session from here once everyone is back.
 */
function MyGroups({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation(["outcomes", "common"]);
  const groups = useMyGroups(sessionId);
  if (!groups.data?.length) return null;
  return (
    <>
      {groups.data.map((group) => (
        <section key={group.id} className="my-group" aria-labelledby={`my-group-${group.id}`}>
          <h2 id={`my-group-${group.id}`}>{t("group.yours", { name: group.name })}</h2>
          <CapturePanel sessionId={sessionId} breakoutGroupId={group.id} headingLevel={2} />
        </section>
      ))}
    </>
  );
}

function useMyGroups(sessionId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.capture.myGroups.queryOptions({ sessionId }));
}
