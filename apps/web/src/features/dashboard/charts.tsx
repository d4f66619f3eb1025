import { pickLocale } from "@reeks/models";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useLocale } from "../../lib/locale";
import { ChartFigure } from "./ChartFigure";
import type { Dashboard } from "./types";

// Dark enough for 3:1 non-text contrast on white (WCAG 1.4.11).
const COLORS = {
  present: "#1d6b2f",
  absent: "#a4161a",
  excused: "#7a5200",
  kinds: ["#154273", "#1d6b2f", "#a4161a", "#6a3d9a", "#7a5200", "#00606b"],
} as const;

const KINDS = ["problem", "action", "insight", "dilemma", "recommendation", "quote"] as const;
const ATTENDANCE = ["present", "absent", "excused"] as const;

/** Columns per session or theme (the `name` field), with the grid, axes, tooltip and legend we use everywhere. */
function ColumnChart({ data, height, children }: { data: object[]; height: number; children: ReactNode }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend itemSorter={null} />
        {children}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function AttendanceChart({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation("dashboard");
  const data = dashboard.sessions.map((s) => ({
    name: t("session", { position: s.position }),
    present: s.present,
    absent: s.absent,
    excused: s.excused,
  }));
  return (
    <ChartFigure
      id="chart-attendance"
      heading={t("charts.attendance.heading")}
      label={t("charts.attendance.label")}
      chart={
        <ColumnChart data={data} height={260}>
          {ATTENDANCE.map((status) => (
            <Bar
              isAnimationActive={false}
              key={status}
              dataKey={status}
              name={t(`charts.attendance.${status}`)}
              fill={COLORS[status]}
            />
          ))}
        </ColumnChart>
      }
      table={{
        caption: t("charts.attendance.heading"),
        columns: [
          t("charts.attendance.session"),
          ...ATTENDANCE.map((status) => t(`charts.attendance.${status}`)),
        ],
        rows: data.map((d) => ({ key: d.name, label: d.name, cells: ATTENDANCE.map((status) => d[status]) })),
      }}
    />
  );
}

export function OutcomesChart({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation("dashboard");
  const locale = useLocale();
  const data = dashboard.outcomesByTheme.map((theme) => ({
    name: t("themeNumber", { position: theme.themePosition }),
    title: pickLocale(theme.themeTitle, locale),
    ...theme.counts,
    fromGroups: theme.fromGroups,
  }));
  const total = data.reduce((sum, d) => sum + KINDS.reduce((n, k) => n + d[k], 0), 0);
  if (total === 0) {
    return (
      <section aria-labelledby="chart-outcomes-heading">
        <h3 id="chart-outcomes-heading">{t("charts.outcomes.heading")}</h3>
        <p>{t("charts.outcomes.empty")}</p>
      </section>
    );
  }
  return (
    <ChartFigure
      id="chart-outcomes"
      heading={t("charts.outcomes.heading")}
      label={t("charts.outcomes.label")}
      chart={
        <ColumnChart data={data} height={280}>
          {KINDS.map((kind, i) => (
            <Bar
              isAnimationActive={false}
              key={kind}
              dataKey={kind}
              stackId="kinds"
              name={t(`kinds.${kind}`)}
              fill={COLORS.kinds[i]}
            />
          ))}
        </ColumnChart>
      }
      table={{
        caption: t("charts.outcomes.heading"),
        // The groups' shared items are in the counts by kind too; this column says how many of them.
        columns: [
          t("charts.outcomes.theme"),
          ...KINDS.map((kind) => t(`kinds.${kind}`)),
          t("charts.outcomes.fromGroups"),
        ],
        rows: data.map((d) => ({
          key: d.name,
          label: d.title,
          cells: [...KINDS.map((kind) => d[kind]), d.fromGroups],
        })),
      }}
    />
  );
}

export function PollCharts({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation("dashboard");
  return (
    <section aria-labelledby="polls-heading">
      <h3 id="polls-heading">{t("charts.polls.heading")}</h3>
      {dashboard.polls.length === 0 && <p>{t("charts.polls.empty")}</p>}
      {dashboard.polls.map((poll) => (
        <ChartFigure
          key={poll.id}
          id={`poll-${poll.id}`}
          heading={`${t("session", { position: poll.sessionPosition })}: ${poll.question}`}
          label={t("charts.polls.label", { question: poll.question })}
          chart={
            <ResponsiveContainer width="100%" height={60 + poll.options.length * 36}>
              <BarChart data={poll.options} layout="vertical" accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="label" width={160} />
                <Tooltip />
                <Bar
                  isAnimationActive={false}
                  dataKey="votes"
                  name={t("charts.polls.votes")}
                  fill={COLORS.kinds[0]}
                />
              </BarChart>
            </ResponsiveContainer>
          }
          table={{
            caption: poll.question,
            columns: [t("charts.polls.option"), t("charts.polls.votes")],
            rows: poll.options.map((o) => ({ key: o.label, label: o.label, cells: [o.votes] })),
          }}
        />
      ))}
    </section>
  );
}
