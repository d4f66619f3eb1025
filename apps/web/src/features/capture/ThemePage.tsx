import { OUTCOME_KINDS, type OutcomeView, pickLocale } from "@reeks/models";
import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { NotFoundPage } from "../../components/NotFoundPage";
import { PageTitle } from "../../components/PageTitle";
import { logoSrc, SeriesBrand } from "../../components/SeriesBrand";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { panelOutcomes, upsert, withoutId } from "./capture-state";
import { errorCode } from "./errors";
import { OutcomeItem } from "./OutcomeItem";
import { useLocateInSeries, useSeriesInfo } from "./use-series-info";

/** Everything of one theme across all sessions of the series, kept current live. */
export function ThemePage() {
  const { themeId = "" } = useParams();
  const { t } = useTranslation(["outcomes", "common"]);
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { series, isPending } = useLocateInSeries({ themeId });
  const info = useSeriesInfo(series?.id);
  const [announcement, setAnnouncement] = useState("");
  const options = trpc.capture.theme.queryOptions(series ? { seriesId: series.id, themeId } : skipToken, {
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  const query = useQuery(options);
  const cursor = query.data?.cursor;
  const store = (outcome: OutcomeView) =>
    queryClient.setQueryData(options.queryKey, (old) => {
      if (!old) return old;
      // Moved to another theme, or rejected for a member: it leaves this page.
      const leaves = outcome.themeId !== themeId || (outcome.status === "rejected" && !old.canModerate);
      return {
        ...old,
        outcomes: leaves ? withoutId(old.outcomes, outcome.id) : upsert(old.outcomes, outcome),
      };
    });
  useSubscription(
    trpc.capture.themeLive.subscriptionOptions(
      series && cursor ? { seriesId: series.id, themeId, lastEventId: cursor } : skipToken,
      {
        onData: ({ data }) => {
          if (data.type !== "outcome") return;
          const known = queryClient
            .getQueryData(options.queryKey)
            ?.outcomes.some((o) => o.id === data.outcome.id);
          if (!known && data.outcome.themeId === themeId && !data.outcome.mine) {
            setAnnouncement(
              t("panel.announce.outcome", { kind: t(`kind.${data.outcome.kind}`), text: data.outcome.text }),
            );
          }
          store(data.outcome);
        },
      },
    ),
  );

  if (isPending) return <p role="status">{t("common:loading")}</p>;
  const theme = series?.themes.find((th) => th.id === themeId);
  if (!series || !theme) return <NotFoundPage />;
  const title = pickLocale(theme.title, locale);
  // A group's items join the theme once its rapporteur shares them.
  const outcomes = panelOutcomes(query.data?.outcomes ?? [], null);
  const code = query.isError ? errorCode(query.error) : null;
  return (
    <SeriesBrand accentColour={series.accentColour} logo={logoSrc(series)} organiser={series.organiser}>
      <PageTitle documentTitle={t("theme.documentTitle", { theme: title })}>{title}</PageTitle>
      <p className="lead">{pickLocale(theme.guidingQuestion, locale)}</p>
      <p>{t("theme.intro")}</p>
      <ul className="inline-list">
        {series.sessions
          .filter((s) => s.themeId === themeId)
          .map((s) => (
            <li key={s.id}>
              <Link to={`/sessies/${s.id}/overzicht`}>
                {t("theme.sessionLink", { position: s.position })}
              </Link>
            </li>
          ))}
      </ul>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {query.isPending && series && <p role="status">{t("common:loading")}</p>}
      {code && (
        <p role="alert">
          {code === "UNAUTHORIZED"
            ? t("panel.signIn")
            : code === "FORBIDDEN"
              ? t("panel.forbidden")
              : t("common:error.generic")}
        </p>
      )}
      {query.data && outcomes.length === 0 && <p className="muted">{t("theme.empty")}</p>}
      {OUTCOME_KINDS.map((kind) => {
        const items = outcomes.filter((o) => o.kind === kind);
        if (items.length === 0) return null;
        return (
          <section key={kind} className="outcome-group capture" aria-label={t(`kindPlural.${kind}`)}>
            <h2>
              {t(`kindPlural.${kind}`)} ({items.length})
            </h2>
            <ul className="outcome-list">
              {items.map((outcome) => (
                <OutcomeItem
                  key={outcome.id}
                  outcome={outcome}
                  canModerate={query.data?.canModerate ?? false}
                  candidates={outcomes}
                  themes={info.themes}
                  sessionPosition={info.sessionPosition}
                  onChanged={store}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </SeriesBrand>
  );
}
