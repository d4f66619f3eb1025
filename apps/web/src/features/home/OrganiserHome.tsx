import { pickLocale } from "@reeks/models";
import { BarChart3, CalendarCheck, CalendarClock, PencilLine, Play, UserCheck } from "lucide-react";
import type { ReactNode } from "react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLocale } from "../../lib/locale";
import { formatMoment } from "./format";
import type { HomeSeries } from "./MemberHome";

/**
 * The organiser's view of one series: its state and what needs doing next, each with a link to the
 * page where it is done. Items that need attention come first and are marked as such.
 */
export function OrganiserHome({ series }: { series: HomeSeries }) {
  const { t } = useTranslation("home");
  const locale = useLocale();
  const id = useId();
  const todo = series.organiser;
  if (!todo) return null;
  const base = `/reeksen/${series.slug}`;
  const next = todo.nextToStart;
  const draft = series.seriesStatus === "draft";
  const items: Array<{ key: string; attention: boolean; icon: ReactNode; link: ReactNode }> = [
    {
      // A draft is reachable only from here: its public page does not exist until it is published.
      key: "edit",
      attention: draft,
      icon: <PencilLine aria-hidden="true" className="ui-icon" />,
      link: <Link to={`${base}/bewerken`}>{t(draft ? "organiser.finishDraft" : "organiser.edit")}</Link>,
    },
    {
      key: "review",
      attention: todo.toReview > 0,
      icon: <UserCheck aria-hidden="true" className="ui-icon" />,
      link: (
        <Link to={`${base}/aanmeldingen`}>
          {todo.toReview > 0
            ? t("organiser.toReview", { count: todo.toReview })
            : t("organiser.noneToReview")}
        </Link>
      ),
    },
    {
      key: "availability",
      attention: (todo.notAnswered ?? 0) > 0,
      icon: <CalendarClock aria-hidden="true" className="ui-icon" />,
      link: (
        <Link to={`${base}/planning`}>
          {todo.notAnswered === null
            ? t("organiser.noPoll")
            : todo.notAnswered > 0
              ? t("organiser.notAnswered", { count: todo.notAnswered })
              : t("organiser.allAnswered")}
        </Link>
      ),
    },
    {
      key: "plan",
      attention: todo.planToConfirm,
      icon: <CalendarCheck aria-hidden="true" className="ui-icon" />,
      link: (
        <Link to={`${base}/planning`}>
          {todo.planToConfirm ? t("organiser.planToConfirm") : t("organiser.planning")}
        </Link>
      ),
    },
    {
      key: "start",
      attention: next !== null,
      icon: <Play aria-hidden="true" className="ui-icon" />,
      link: next ? (
        <>
          <Link to={`/sessies/${next.id}`}>
            {next.status === "live"
              ? t("organiser.liveNow", { position: next.position })
              : t("organiser.nextToStart", { position: next.position })}
          </Link>
          {next.startsAt && next.status !== "live" && (
            <span className="todo-when muted">
              <time dateTime={next.startsAt}>{formatMoment(next.startsAt, locale, series.timeZone)}</time>
            </span>
          )}
        </>
      ) : (
        <span>{t("organiser.noSessionToStart")}</span>
      ),
    },
    {
      key: "exports",
      attention: false,
      icon: <BarChart3 aria-hidden="true" className="ui-icon" />,
      link: <Link to={`${base}/dashboard`}>{t("organiser.exports")}</Link>,
    },
  ];
  return (
    <section
      className="home-series organiser-home"
      aria-labelledby={`${id}-heading`}
      data-series={series.slug}
    >
      <h2 id={`${id}-heading`}>{t("organiser.heading", { series: pickLocale(series.title, locale) })}</h2>
      <dl className="session-facts">
        <div>
          <dt>{t("organiser.state")}</dt>
          <dd>{t(`organiser.seriesStatus.${series.seriesStatus}`)}</dd>
        </div>
      </dl>
      <h3 id={`${id}-todo`}>{t("organiser.todo")}</h3>
      <ul className="todo-list" aria-labelledby={`${id}-todo`}>
        {items.map((item) => (
          <li key={item.key} data-todo={item.key} data-attention={item.attention}>
            {item.icon}
            <span>{item.link}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
