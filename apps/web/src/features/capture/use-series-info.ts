import { pickLocale } from "@reeks/models";
import { useQuery } from "@tanstack/react-query";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";

/** Titles of the series' themes and sessions (public data), for labels and the move-to-theme choice. */
export function useSeriesInfo(seriesId: string | undefined) {
  const trpc = useTRPC();
  const locale = useLocale();
  const list = useQuery(trpc.series.list.queryOptions());
  const series = list.data?.find((s) => s.id === seriesId);
  const themes = (series?.themes ?? []).map((theme) => ({
    id: theme.id,
    position: theme.position,
    title: pickLocale(theme.title, locale),
  }));
  const sessions = series?.sessions ?? [];
  return {
    series,
    themes,
    sessions,
    locale,
    themeTitle: (id: string) => themes.find((t) => t.id === id)?.title ?? "",
    sessionPosition: (id: string) => sessions.find((s) => s.id === id)?.position ?? 0,
  };
}

/** Finds the series and theme that a session or theme id belongs to, from the public list. */
export function useLocateInSeries(find: { sessionId?: string; themeId?: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.series.list.queryOptions());
  const series = list.data?.find(
    (s) =>
      (find.sessionId && s.sessions.some((x) => x.id === find.sessionId)) ||
      (find.themeId && s.themes.some((x) => x.id === find.themeId)),
  );
  return { series, isPending: list.isPending };
}
