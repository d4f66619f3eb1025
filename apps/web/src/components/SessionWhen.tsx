import { useTranslation } from "react-i18next";
import { formatDateTime, useLocale } from "../lib/locale";

const DAY: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "long", year: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };
const MOMENT: Intl.DateTimeFormatOptions = { dateStyle: "full", timeStyle: "short" };

/**
 * When a session takes or took place. Once its room has opened, what really happened (opened and
 * closed by the moderator) comes first, with the plan beside it only when the day or time differs:
 * "Afgelopen" next to a planned date that nobody kept reads as if the plan was what happened.
 */
export function SessionWhen(props: {
  startsAt: string | Date | null;
  startedAt: string | Date | null;
  endedAt: string | Date | null;
  timeZone: string;
  notScheduled?: string;
}) {
  const { t } = useTranslation("room");
  const locale = useLocale();
  const zone = { timeZone: props.timeZone };
  const planned = props.startsAt ? formatDateTime(props.startsAt, locale, { ...MOMENT, ...zone }) : null;
  if (!props.startedAt) return <>{planned ?? props.notScheduled ?? ""}</>;

  const day = formatDateTime(props.startedAt, locale, { ...DAY, ...zone });
  const from = formatDateTime(props.startedAt, locale, { ...TIME, ...zone });
  const held = props.endedAt
    ? t("held.range", {
        day,
        from,
        to:
          formatDateTime(props.endedAt, locale, { ...DAY, ...zone }) === day
            ? formatDateTime(props.endedAt, locale, { ...TIME, ...zone })
            : formatDateTime(props.endedAt, locale, { ...MOMENT, ...zone }),
      })
    : t("held.since", { day, from });
  const keptToPlan =
    props.startsAt !== null &&
    formatDateTime(props.startsAt, locale, { ...MOMENT, ...zone }) ===
      formatDateTime(props.startedAt, locale, { ...MOMENT, ...zone });
  return (
    <span className="session-when">
      <time dateTime={new Date(props.startedAt).toISOString()}>{held}</time>
      {planned && !keptToPlan ? (
        <>
          {" "}
          <span className="muted">({t("held.planned", { planned })})</span>
        </>
      ) : null}
    </span>
  );
}
