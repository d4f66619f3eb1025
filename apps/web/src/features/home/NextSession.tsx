import type { RouterOutputs } from "@reeks/api";
import { pickLocale } from "@reeks/models";
import { Video } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../components/ui";
import { useLocale } from "../../lib/locale";
import { formatMoment } from "./format";
import { joinState, timeUntil } from "./join-window";

type HomeSession = NonNullable<RouterOutputs["home"]["mine"]["series"][number]["sessions"]>[number];

/**
 * The next session: when it starts (a countdown in words, renewed each minute but never read out on
 * its own), and the join button, disabled until 15 minutes before the start. A polite live region
 * speaks once, when joining opens while the page is open.
 */
export function NextSession(props: {
  session: HomeSession;
  timeZone: string;
  now: number;
  headingId: string;
}) {
  const { t } = useTranslation("home");
  const locale = useLocale();
  const { session, now } = props;
  const state = joinState(session, now);
  const hintId = useId();
  const [announcement, setAnnouncement] = useState("");
  const previous = useRef(state.kind);
  useEffect(() => {
    if (previous.current === "before" && state.kind === "open") {
      setAnnouncement(t("mine.next.openNow", { position: session.position }));
    }
    previous.current = state.kind;
  }, [state.kind, session.position, t]);

  const title = t("mine.next.session", {
    position: session.position,
    title: pickLocale(session.themeTitle, locale),
  });
  return (
    <section className="next-session" aria-labelledby={props.headingId} data-join={state.kind}>
      <h3 id={props.headingId}>{t("mine.next.heading")}</h3>
      <p className="next-session-title">{title}</p>
      {session.startsAt && (
        <p>
          <time dateTime={session.startsAt}>{formatMoment(session.startsAt, locale, props.timeZone)}</time>
        </p>
      )}
      <p className="countdown" data-testid="countdown">
        {session.status === "live" ? (
          t("mine.next.live")
        ) : (
          <Countdown startsAt={session.startsAt} now={now} />
        )}
      </p>
      <div className="join-row">
        {state.kind === "open" ? (
          <Link className="button-link" to={`/sessies/${session.id}`}>
            <Video aria-hidden="true" className="ui-icon" /> {t("mine.next.join")}
          </Link>
        ) : (
          <Button variant="primary" icon={Video} isDisabled aria-describedby={hintId}>
            {t("mine.next.join")}
          </Button>
        )}
        {state.kind === "before" && (
          <p id={hintId} className="join-hint">
            <OpensAt opensAt={state.opensAt} timeZone={props.timeZone} now={now} />
          </p>
        )}
        <Link to="/verbinding-testen">{t("mine.next.connectionTest")}</Link>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

/** "You can join from 14:45": the hour alone on the day itself, with the date before that. */
function OpensAt({ opensAt, timeZone, now }: { opensAt: Date; timeZone: string; now: number }) {
  const { t } = useTranslation("home");
  const locale = useLocale();
  const sameDay = opensAt.toDateString() === new Date(now).toDateString();
  const time = formatMoment(opensAt, locale, timeZone, sameDay ? "time" : "full");
  return (
    <Trans
      t={t}
      i18nKey="mine.next.opensAt"
      values={{ time }}
      components={{ time: <time dateTime={opensAt.toISOString()} /> }}
    />
  );
}

function Countdown({ startsAt, now }: { startsAt: string | null; now: number }) {
  const { t } = useTranslation("home");
  if (!startsAt) return null;
  const { days, hours, minutes } = timeUntil(new Date(startsAt), now);
  const parts = [
    days > 0 ? t("mine.duration.days", { count: days }) : null,
    hours > 0 ? t("mine.duration.hours", { count: hours }) : null,
    // Minutes only matter on the day itself.
    days === 0 && minutes > 0 ? t("mine.duration.minutes", { count: minutes }) : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return <>{t("mine.next.startsNow")}</>;
  const [first, second] = parts;
  const time = second ? t("mine.duration.and", { first, second }) : (first ?? "");
  return <>{t("mine.next.startsIn", { time })}</>;
}
