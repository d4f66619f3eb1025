import { useQuery } from "@tanstack/react-query";
import { Settings } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageTitle } from "../../components/PageTitle";
import { useTRPC } from "../../lib/trpc";
import { useAccount } from "../../lib/use-account";
import { PendingEvaluations } from "../evaluation/PendingEvaluations";
import { MemberHome } from "./MemberHome";
import { OrganiserHome } from "./OrganiserHome";
import { SeriesCard } from "./SeriesCard";
import { useNow } from "./use-now";

/**
 * Anonymous visitors see the series they can register for. A signed-in person sees, per series, where
 * they stand: "Mijn sessies" once approved, the organiser's to-do list for series they organise, and
 * their registration's state otherwise; never a registration button for a series they are already in.
 */
export function HomePage() {
  const { t } = useTranslation(["home", "common"]);
  const trpc = useTRPC();
  const now = useNow();
  const me = useAccount();
  const series = useQuery(trpc.series.list.queryOptions());
  // Renewed each minute: a session that goes live opens its join button without a reload.
  const home = useQuery(
    trpc.home.mine.queryOptions(undefined, { enabled: !!me.data, refetchInterval: 60_000 }),
  );
  const places = new Map(me.data?.participations.map((p) => [p.seriesId, p]) ?? []);
  const approved = home.data?.series.filter((s) => s.registration === "approved") ?? [];
  const shownAbove = new Set(approved.map((s) => s.id));
  const others = series.data?.filter((s) => !shownAbove.has(s.id)) ?? [];
  const loading = series.isPending || me.isPending || (!!me.data && home.isPending);
  return (
    <>
      <PageTitle>
        {approved.some((s) => !s.organiser)
          ? t("home:mine.title")
          : approved.length > 0
            ? t("home:organiser.title")
            : t("home:title")}
      </PageTitle>
      {approved.length === 0 && <p className="lead">{t("home:intro")}</p>}
      {home.data?.administrator && (
        <p className="notice">
          <Link to="/beheer">
            <Settings aria-hidden="true" className="ui-icon" /> {t("home:admin")}
          </Link>
        </p>
      )}
      {loading && <p role="status">{t("common:loading")}</p>}
      {(series.isError || home.isError) && <p role="alert">{t("common:error.generic")}</p>}
      {me.data ? <PendingEvaluations /> : null}
      {approved.map((s) =>
        s.organiser ? (
          <OrganiserHome key={s.id} series={s} />
        ) : (
          <MemberHome key={s.id} series={s} calendarFeedPath={home.data?.calendarFeedPath ?? ""} now={now} />
        ),
      )}
      {!loading && series.data?.length === 0 && approved.length === 0 && <p>{t("home:empty")}</p>}
      {!loading && others.map((s) => <SeriesCard key={s.id} series={s} place={places.get(s.id) ?? null} />)}
    </>
  );
}
