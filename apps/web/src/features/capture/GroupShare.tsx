import { pickLocale } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Share2 } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/ui";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { groupOutcomes } from "./capture-state";
import { useCaptureStore } from "./capture-store";
import { Heading } from "./Heading";

/**
 * Above a breakout group's items: the group and its question, and for the rapporteur (or a
 * moderator) the one action that brings the group's items into the session.
 */
export function GroupShare({ sessionId, groupId }: { sessionId: string; groupId: string }) {
  const { t } = useTranslation(["outcomes", "common"]);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locale = useLocale();
  const { data, headingLevel } = useCaptureStore();
  const [done, setDone] = useState("");
  const group = useQuery(trpc.capture.group.queryOptions({ sessionId, groupId }));
  const share = useMutation(
    trpc.capture.shareGroup.mutationOptions({
      onSuccess: (result) => {
        setDone(t("group.shared", { count: result.shared }));
        // The items come back on the live stream; the rapporteur may have changed meanwhile.
        void queryClient.invalidateQueries({ queryKey: trpc.capture.group.queryKey({ sessionId, groupId }) });
      },
    }),
  );
  const unshared = groupOutcomes(data.outcomes, groupId).filter(
    (o) => o.group?.sharedAt === null && o.status !== "rejected",
  ).length;

  if (!group.data) {
    if (group.isError)
      return (
        <p role="alert" className="error">
          {group.error.message || t("common:error.generic")}
        </p>
      );
    return null;
  }
  return (
    <section className="group-share" aria-labelledby={`group-${groupId}`}>
      <Heading level={headingLevel + 1} id={`group-${groupId}`}>
        {t("group.heading", { name: group.data.name })}
      </Heading>
      <p className="group-question">
        <span className="meta">{t("group.question")}: </span>
        {pickLocale(group.data.question, locale)}
      </p>
      {group.data.canShare ? (
        <>
          <p className="muted">{t("group.shareIntro", { count: unshared })}</p>
          <Button
            variant="primary"
            icon={Share2}
            isDisabled={unshared === 0 || share.isPending}
            onPress={() => {
              setDone("");
              share.mutate({ sessionId, groupId });
            }}
          >
            {t("group.share")}
          </Button>
        </>
      ) : (
        <p className="muted">{t("group.rapporteurShares")}</p>
      )}
      <p role="status">{done}</p>
      {share.isError && (
        <p role="alert" className="error">
          {share.error.message || t("common:error.generic")}
        </p>
      )}
    </section>
  );
}
