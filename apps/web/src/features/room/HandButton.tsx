import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Hand } from "lucide-react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";

export function HandButton({ sessionId, raised }: { sessionId: string; raised: boolean }) {
  const { t } = useTranslation("room");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.room.raiseHand.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.room.roster.queryKey({ sessionId }) }),
    }),
  );
  return (
    <button
      type="button"
      className="room-control"
      data-state={raised ? "active" : "idle"}
      aria-pressed={raised}
      // Not `disabled` while saving: a disabled button drops the keyboard focus to the page's start.
      aria-disabled={mutation.isPending}
      onClick={() => {
        if (!mutation.isPending) mutation.mutate({ sessionId, raised: !raised });
      }}
    >
      <Hand aria-hidden="true" className="ui-icon" />
      <span className="room-control-label">{raised ? t("controls.lowerHand") : t("controls.raiseHand")}</span>
    </button>
  );
}
