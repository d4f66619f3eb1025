import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";

/** The person's private calendar subscription (webcal): every session, kept up to date. */
export function CalendarFeedLink() {
  const { t } = useTranslation("scheduling");
  const trpc = useTRPC();
  const feed = useQuery(trpc.scheduling.calendarFeed.queryOptions());
  if (!feed.data) return null;
  const https = `${window.location.origin}${feed.data.path}`;
  const webcal = https.replace(/^https?:/, "webcal:");
  return (
    <section aria-labelledby="feed-heading">
      <h2 id="feed-heading">{t("feed.heading")}</h2>
      <p>{t("feed.intro")}</p>
      <p>
        <a href={webcal}>{t("feed.subscribe")}</a>
      </p>
      <label className="slot-comment">
        {t("feed.copy")}
        <input type="text" readOnly value={https} onFocus={(e) => e.target.select()} />
      </label>
    </section>
  );
}
