import { pickLocale } from "@reeks/models";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { PageTitle } from "../../components/PageTitle";
import { formatDateTime, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { useLocateInSeries } from "../capture/use-series-info";

/** The room's top line: which session of which theme, when it began, that it is not recorded. */
export function RoomTopBar({ sessionId, children }: { sessionId: string; children?: ReactNode }) {
  const { t } = useTranslation("room");
  const locale = useLocale();
  const trpc = useTRPC();
  const info = useQuery(trpc.room.info.queryOptions({ sessionId }));
  const { series } = useLocateInSeries({ sessionId });
  const session = series?.sessions.find((s) => s.id === sessionId);
  const theme = series?.themes.find((th) => th.id === session?.themeId);
  // When it really began (a room may open early, or on another day than planned); else the plan.
  const startsAt = info.data?.startedAt ?? info.data?.startsAt ?? session?.startsAt ?? null;
  return (
    <header className="room-top">
      <div className="room-title">
        <PageTitle documentTitle={t("title")}>
          {session ? t("top.session", { position: session.position }) : t("title")}
          {theme ? <span className="room-theme">{pickLocale(theme.title, locale)}</span> : null}
        </PageTitle>
        <p className="room-meta">
          <span className="room-live">{t("top.live")}</span>
          {startsAt ? (
            <time dateTime={new Date(startsAt).toISOString()}>
              {formatDateTime(startsAt, locale, {
                weekday: "short",
                day: "numeric",
                month: "short",
                hour: "2-digit",
                minute: "2-digit",
              })}
            </time>
          ) : null}
          <span className="room-not-recorded">{t("notRecorded")}</span>
        </p>
      </div>
      <div className="room-top-actions">
        {children}
        {/* The site header steps aside in the room; the language stays within reach. */}
        <LanguageSwitch compact buttonClassName="room-chip" />
      </div>
    </header>
  );
}
