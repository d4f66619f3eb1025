import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { useTRPC } from "../../lib/trpc";
import { SeriesCard } from "./SeriesCard";

export function HomePage() {
  const { t } = useTranslation(["home", "common"]);
  const trpc = useTRPC();
  const series = useQuery(trpc.series.list.queryOptions());
  return (
    <>
      <PageTitle>{t("home:title")}</PageTitle>
      <p className="lead">{t("home:intro")}</p>
      {series.isPending && <p role="status">{t("common:loading")}</p>}
      {series.isError && <p role="alert">{t("common:error.generic")}</p>}
      {series.data?.length === 0 && <p>{t("home:empty")}</p>}
      {series.data?.map((s) => (
        <SeriesCard key={s.id} series={s} />
      ))}
    </>
  );
}
