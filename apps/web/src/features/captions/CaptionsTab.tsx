import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";
import { CaptionerView } from "./CaptionerView";

/** Whether this person may caption here (kept current by "captioner" events on the live stream). */
export function useCanCaption(sessionId: string): boolean {
  const trpc = useTRPC();
  return useQuery(trpc.captions.mine.queryOptions({ sessionId })).data?.canCaption ?? false;
}

/**
 * The side panel's captions tab, for captioners: the typing view. The moderator's settings (who
 * captions, the caption URL) are in the people tab, so a moderator's panel keeps one row of tabs.
 */
export function CaptionsTab({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation("captions");
  const trpc = useTRPC();
  const mine = useQuery(trpc.captions.mine.queryOptions({ sessionId }));
  return (
    <div className="captions-tab">
      <h2>{t("tab")}</h2>
      {mine.data?.canCaption ? (
        mine.data.live ? (
          <CaptionerView sessionId={sessionId} />
        ) : (
          <p className="muted">{t("captioner.notLive")}</p>
        )
      ) : null}
    </div>
  );
}
