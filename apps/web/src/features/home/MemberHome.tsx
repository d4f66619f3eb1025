import type { RouterOutputs } from "@reeks/api";
import { pickLocale } from "@reeks/models";
import { CalendarPlus, MessageSquarePlus } from "lucide-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SessionWhen } from "../../components/SessionWhen";
import { useLocale } from "../../lib/locale";
import { formatMoment } from "./format";
import { nextSession } from "./join-window";
import { NextSession } from "./NextSession";

export type HomeSeries = RouterOutputs["home"]["mine"]["series"][number];
type HomeSession = NonNullable<HomeSeries["sessions"]>[number];

/** "Mijn sessies" for one series: the next session, the agenda, and what came out of past sessions. */
export function MemberHome(props: { series: HomeSeries; calendarFeedPath: string; now: number }) {
  const { t } = useTranslation(["home", "account"]);
  const locale = useLocale();
  const id = useId();
  const { series, now } = props;
  const sessions = series.sessions ?? [];
  const next = nextSession(sessions, now);
  const past = sessions.filter((s) => s.status === "ended");
  const headingId = `${id}-series`;
  const webcal = `${window.location.origin}${props.calendarFeedPath}`.replace(/^https?:/, "webcal:");
  return (
    <section className="home-series" aria-labelledby={headingId} data-series={series.slug}>
      <h2 id={headingId}>{pickLocale(series.title, locale)}</h2>
      <p className="muted">
        {t("home:mine.role", { role: t(`account:roles.${series.role}`) })}{" "}
        <Link to={`/reeksen/${series.slug}`}>{t("home:mine.seriesLink")}</Link>
      </p>
      {next ? (
        <NextSession session={next} timeZone={series.timeZone} now={now} headingId={`${id}-next`} />
      ) : (
        <section className="next-session" aria-labelledby={`${id}-next`}>
          <h3 id={`${id}-next`}>{t("home:mine.next.heading")}</h3>
          <p>{t("home:mine.next.none")}</p>
        </section>
      )}

      <section aria-labelledby={`${id}-agenda`}>
        <h3 id={`${id}-agenda`}>{t("home:mine.agenda.heading")}</h3>
        <ol className="agenda">
          {sessions.map((session) => (
            <AgendaItem key={session.id} session={session} timeZone={series.timeZone} />
          ))}
        </ol>
        <p className="muted">
          {t("home:mine.agenda.feed")} <a href={webcal}>{t("home:mine.agenda.feedLink")}</a>
        </p>
      </section>

      {past.length > 0 && (
        <section aria-labelledby={`${id}-past`}>
          <h3 id={`${id}-past`}>{t("home:mine.past.heading")}</h3>
          <ul className="past-sessions">
            {past.map((session) => (
              <PastSession key={session.id} session={session} />
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function AgendaItem({ session, timeZone }: { session: HomeSession; timeZone: string }) {
  const { t } = useTranslation("home");
  const locale = useLocale();
  const forSession = (
    <span className="visually-hidden"> {t("mine.agenda.forSession", { position: session.position })}</span>
  );
  // Input in advance is open while the session is still to come (what capture accepts).
  const before = session.status === "draft" || session.status === "scheduled";
  return (
    <li className="agenda-item" data-status={session.status}>
      <p className="agenda-title">
        {t("mine.next.session", {
          position: session.position,
          title: pickLocale(session.themeTitle, locale),
        })}
      </p>
      <p className="agenda-when">
        {session.startedAt ? (
          <SessionWhen
            startsAt={session.startsAt}
            startedAt={session.startedAt}
            endedAt={session.endedAt}
            timeZone={timeZone}
          />
        ) : session.startsAt && session.status !== "draft" ? (
          <time dateTime={session.startsAt}>{formatMoment(session.startsAt, locale, timeZone)}</time>
        ) : (
          t("mine.agenda.notScheduled")
        )}{" "}
        <span className={`status status-${session.status}`}>{t(`status.${session.status}`)}</span>
      </p>
      {(session.status === "scheduled" || session.status === "live" || before) && (
        <p className="agenda-actions">
          {session.calendarPath && (session.status === "scheduled" || session.status === "live") && (
            <a href={session.calendarPath} download>
              <CalendarPlus aria-hidden="true" className="ui-icon" />
              {t("mine.agenda.addToCalendar")}
              {forSession}
            </a>
          )}
          {before && (
            <Link to={`/sessies/${session.id}/overzicht`}>
              <MessageSquarePlus aria-hidden="true" className="ui-icon" />
              {t("mine.agenda.sendInput")}
              {forSession}
            </Link>
          )}
        </p>
      )}
    </li>
  );
}

function PastSession({ session }: { session: HomeSession }) {
  const { t } = useTranslation("home");
  const overview = session.overview ?? { outcomes: 0, actions: 0, questions: 0 };
  return (
    <li>
      <Link to={`/sessies/${session.id}/overzicht`}>
        {t("mine.past.overview", { position: session.position })}
      </Link>
      <span className="muted">
        {" "}
        —{" "}
        {[
          t("mine.past.outcomes", { count: overview.outcomes }),
          t("mine.past.actions", { count: overview.actions }),
          t("mine.past.questions", { count: overview.questions }),
        ].join(", ")}
      </span>{" "}
      <Link to={`/themas/${session.themeId}`}>
        {t("mine.past.theme")}
        <span className="visually-hidden">
          {" "}
          {t("mine.agenda.forSession", { position: session.position })}
        </span>
      </Link>
    </li>
  );
}
