import type { RouterOutputs } from "@reeks/api";
import { pickLocale } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Button } from "../../components/ui";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { ChartFigure } from "../dashboard/ChartFigure";
import { EvaluationSettingsForm } from "./EvaluationSettingsForm";

type Results = RouterOutputs["evaluation"]["results"];
type SessionResult = Results["sessions"][number];
type Answer = SessionResult["answers"][number];

// Dark enough for 3:1 non-text contrast on white (WCAG 1.4.11), as the dashboard's other charts.
const BAR = "#154273";

/** What kind of outcome an answer becomes: the essay's must-says are insights, changes recommendations. */
const kindOf = (field: Answer["field"]) => (field === "changeNext" ? "recommendation" : "insight");

function UsefulnessChart({ id, heading, usefulness }: { id: string; heading: string; usefulness: number[] }) {
  const { t } = useTranslation("evaluation");
  const data = usefulness.map((n, i) => ({ name: String(i + 1), n }));
  return (
    <ChartFigure
      id={id}
      heading={heading}
      label={t("results.chartLabel")}
      chart={
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={data} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar isAnimationActive={false} dataKey="n" name={t("results.responses")} fill={BAR} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={{
        caption: heading,
        columns: [t("results.score"), t("results.responses")],
        rows: data.map((d) => ({ key: d.name, label: d.name, cells: [d.n] })),
      }}
    />
  );
}

function Summary({
  invited,
  responded,
  average,
}: {
  invited: number;
  responded: number;
  average: number | null;
}) {
  const { t } = useTranslation("evaluation");
  const locale = useLocale();
  return (
    <p>
      {t("results.summary", { count: invited, responded })}{" "}
      {average === null
        ? t("results.noAverage")
        : t("results.average", {
            average: new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", {
              maximumFractionDigits: 1,
            }).format(average),
          })}
    </p>
  );
}

function AnswerItem({
  seriesId,
  session,
  answer,
}: {
  seriesId: string;
  session: SessionResult;
  answer: Answer;
}) {
  const { t } = useTranslation("evaluation");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [made, setMade] = useState(false);
  const toOutcome = useMutation(
    trpc.evaluation.toOutcome.mutationOptions({
      onSuccess: () => {
        setMade(true);
        void queryClient.invalidateQueries({ queryKey: trpc.evaluation.results.queryKey({ seriesId }) });
      },
    }),
  );
  const question =
    answer.field === "essayMust"
      ? t("essayMust")
      : answer.field === "changeNext"
        ? t("changeNext")
        : answer.question;
  return (
    <li className="evaluation-answer">
      <p className="muted">
        {question} ·{" "}
        {answer.respondent ? t("results.by", { name: answer.respondent }) : t("results.anonymousAnswer")}
      </p>
      <blockquote>{answer.text}</blockquote>
      {answer.outcomeId ? (
        <p className="muted">{t("results.isOutcome")}</p>
      ) : (
        <Button
          aria-label={t("results.toOutcomeLabel", { text: answer.text.slice(0, 80) })}
          isDisabled={toOutcome.isPending}
          onPress={() =>
            toOutcome.mutate({
              sessionId: session.sessionId,
              responseId: answer.responseId,
              field: answer.field,
              kind: kindOf(answer.field),
            })
          }
        >
          {t("results.toOutcome")}
        </Button>
      )}
      {toOutcome.error ? <p role="alert">{toOutcome.error.message}</p> : null}
      <p role="status" className="visually-hidden">
        {made ? t("results.made") : ""}
      </p>
    </li>
  );
}

/** The dashboard's evaluation section: the series, then each evaluated session, and the settings. */
export function EvaluationResults({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation("evaluation");
  const locale = useLocale();
  const id = useId();
  const trpc = useTRPC();
  // Answers come in over days, not seconds: a poll each minute is live enough for an open dashboard.
  const results = useQuery(trpc.evaluation.results.queryOptions({ seriesId }, { refetchInterval: 60_000 }));
  const evaluated = results.data?.sessions.filter((s) => s.invited > 0) ?? [];
  return (
    <section aria-labelledby={`${id}-h`} className="evaluation-results">
      <h2 id={`${id}-h`}>{t("results.heading")}</h2>
      {results.isError ? <p role="alert">{results.error.message}</p> : null}
      {results.data && evaluated.length === 0 ? <p>{t("results.none")}</p> : null}
      {results.data && evaluated.length > 0 ? (
        <>
          <h3>{t("results.seriesHeading")}</h3>
          <Summary {...results.data.series} />
          <UsefulnessChart
            id={`${id}-series`}
            heading={`${t("results.chartHeading")} — ${t("results.seriesHeading")}`}
            usefulness={results.data.series.usefulness}
          />
          {evaluated.map((session) => {
            const heading = t("results.sessionHeading", {
              position: session.position,
              title: pickLocale(session.title, locale),
            });
            return (
              <section key={session.sessionId} aria-labelledby={`${id}-${session.sessionId}`}>
                <h3 id={`${id}-${session.sessionId}`}>{heading}</h3>
                <Summary {...session} />
                <UsefulnessChart
                  id={`${id}-chart-${session.sessionId}`}
                  heading={`${t("results.chartHeading")} — ${heading}`}
                  usefulness={session.usefulness}
                />
                <h4>{t("results.answers")}</h4>
                {session.answers.length === 0 ? (
                  <p className="muted">{t("results.noAnswers")}</p>
                ) : (
                  <ul className="evaluation-answers">
                    {session.answers.map((answer) => (
                      <AnswerItem
                        key={`${answer.responseId}:${answer.field}`}
                        seriesId={seriesId}
                        session={session}
                        answer={answer}
                      />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </>
      ) : null}
      <EvaluationSettingsForm seriesId={seriesId} />
    </section>
  );
}
