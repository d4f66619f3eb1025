import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { useTRPC } from "../../lib/trpc";
import { AnswersGrid } from "./AnswersTable";
import { PlanList } from "./PlanList";
import "./scheduling.css";
import { SettingsForm } from "./SettingsForm";
import { SlotsEditor } from "./SlotsEditor";
import { AccessError, type PollView, useSeriesFromSlug } from "./shared";

/** The organiser's page: constraints, candidate dates, the answers, and the plan to confirm. */
export function PlanningPage() {
  const { t } = useTranslation(["scheduling", "common"]);
  const trpc = useTRPC();
  const series = useSeriesFromSlug();
  const seriesId = series.data?.id ?? "";
  const overview = useQuery({ ...trpc.scheduling.overview.queryOptions({ seriesId }), enabled: !!seriesId });
  const [status, setStatus] = useState("");

  if (series.isError) return <AccessError error={series.error} />;
  const view = overview.data;
  return (
    <div className="page-wide planning">
      <PageTitle>{t("scheduling:planning.title")}</PageTitle>
      {(series.isPending || (seriesId && overview.isPending)) && <p role="status">{t("common:loading")}</p>}
      {overview.isError && <AccessError error={overview.error} />}
      <p role="status" aria-live="polite" className="form-status">
        {status}
      </p>
      {view && (
        <>
          <p>{t("scheduling:timeZoneNote", { timeZone: view.timeZone })}</p>
          {/* What the organiser comes back for first: the answers and the plan; then the set-up. */}
          <AnswersOverview view={view} />
          <PlanSection view={view} onConfirmed={setStatus} />
          <SlotsEditor view={view} onChange={setStatus} />
          <SettingsForm view={view} onSaved={setStatus} />
        </>
      )}
    </div>
  );
}

function AnswersOverview({ view }: { view: PollView }) {
  const { t } = useTranslation("scheduling");
  const hasSlots = view.sessions.some((s) => s.slots.length > 0);
  const respondents = new Set(view.answers.map((a) => a.participantId)).size;
  return (
    <section aria-labelledby="heatmap-heading" className="answers-overview">
      <h2 id="heatmap-heading">{t("planning.heatmapHeading")}</h2>
      {!hasSlots && <p>{t("planning.noSlots")}</p>}
      {hasSlots && view.answers.length === 0 && <p>{t("planning.noAnswers")}</p>}
      {hasSlots && view.answers.length > 0 && (
        <p>
          {t("planning.answered", { count: respondents, total: view.people.length })}{" "}
          {respondents < view.people.length &&
            t("planning.notAnswered", { count: view.people.length - respondents })}
        </p>
      )}
      {hasSlots && <AnswersGrid view={view} caption={t("planning.gridCaption")} />}
    </section>
  );
}

function PlanSection({ view, onConfirmed }: { view: PollView; onConfirmed: (message: string) => void }) {
  const { t } = useTranslation("scheduling");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const suggestion = useQuery(trpc.scheduling.suggest.queryOptions({ seriesId: view.seriesId }));
  const confirm = useMutation(
    trpc.scheduling.confirm.mutationOptions({
      onSuccess: async () => {
        onConfirmed(t("planning.confirmed"));
        await queryClient.invalidateQueries({ queryKey: trpc.scheduling.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.series.pathKey() });
        // The button that confirmed is gone: continue from the confirmed plan, not from the page's top.
        document.getElementById("plan-heading")?.focus();
      },
    }),
  );
  return (
    <PlanList
      view={view}
      suggestion={suggestion.data}
      loading={suggestion.isPending}
      confirming={confirm.isPending}
      error={confirm.error}
      onConfirm={(slotIds) => confirm.mutate({ seriesId: view.seriesId, slotIds })}
    />
  );
}
