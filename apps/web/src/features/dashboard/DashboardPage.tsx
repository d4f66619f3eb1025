import { pickLocale } from "@reeks/models";
import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageTitle } from "../../components/PageTitle";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { EvaluationResults } from "../evaluation/EvaluationResults";
import { AttendanceMatrix } from "./AttendanceMatrix";
import { AttendanceChart, OutcomesChart, PollCharts } from "./charts";
import { ExportDownloads } from "./ExportDownloads";
import { SeriesSummary } from "./SeriesSummary";

function errorCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
}

/** The organiser's overview of one series: attendance, outcomes, polls and the documents. */
export function DashboardPage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation(["dashboard", "common", "certificates"]);
  const locale = useLocale();
  const trpc = useTRPC();
  const series = useQuery(trpc.series.bySlug.queryOptions({ slug }));
  const seriesId = series.data?.id;
  const dashboard = useQuery({
    ...trpc.exports.dashboard.queryOptions({ seriesId: seriesId ?? "" }),
    enabled: Boolean(seriesId),
  });

  const title = series.data
    ? t("dashboard:title", { series: pickLocale(series.data.title, locale) })
    : t("dashboard:documentTitle");
  const code = errorCode(series.error) ?? errorCode(dashboard.error);

  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      <p className="lead">{t("dashboard:intro")}</p>
      {(series.isPending || (seriesId && dashboard.isPending)) && !code && (
        <p role="status">{t("common:loading")}</p>
      )}
      {code === "NOT_FOUND" && <p role="alert">{t("dashboard:notFound")}</p>}
      {code === "UNAUTHORIZED" && (
        <>
          <p role="alert">{t("dashboard:notSignedIn")}</p>
          <p>
            <Link to="/inloggen">{t("dashboard:signIn")}</Link>
          </p>
        </>
      )}
      {code === "FORBIDDEN" && <p role="alert">{t("dashboard:forbidden")}</p>}
      {code && !["NOT_FOUND", "UNAUTHORIZED", "FORBIDDEN"].includes(code) && (
        <p role="alert">{t("common:error.generic")}</p>
      )}
      {series.data && dashboard.data && (
        <>
          <section aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">{t("dashboard:matrix.heading")}</h2>
            <AttendanceMatrix seriesId={series.data.id} dashboard={dashboard.data} />
          </section>
          <SeriesSummary dashboard={dashboard.data} />
          <section aria-labelledby="charts-heading" className="charts">
            <h2 id="charts-heading">{t("dashboard:charts.heading")}</h2>
            <AttendanceChart dashboard={dashboard.data} />
            <OutcomesChart dashboard={dashboard.data} />
            <PollCharts dashboard={dashboard.data} />
          </section>
          <EvaluationResults seriesId={series.data.id} />
          <ExportDownloads
            seriesId={series.data.id}
            themePositions={series.data.themes.map((th) => th.position)}
          />
          <p>
            <Link to={`/reeksen/${slug}/certificaten`}>{t("certificates:organiser.documentTitle")}</Link>
          </p>
        </>
      )}
    </>
  );
}
