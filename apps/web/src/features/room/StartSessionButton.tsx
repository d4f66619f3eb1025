import { startTiming } from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Dialog } from "../../components/ui";
import { formatDateTime, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";

/**
 * "Sessie starten" for moderators. More than an hour before the planned start, or on another day,
 * it first asks in a dialog naming the planned moment: starting the wrong session (or the right one
 * weeks early) opens the room to everyone at once. The server asks the same (`offSchedule`); when
 * it does and this browser did not (its clock is off), the same dialog opens.
 */
export function StartSessionButton(props: {
  sessionId: string;
  startsAt: string | Date | null;
  timeZone: string;
  onStarted: () => void;
}) {
  const { t } = useTranslation("room");
  const locale = useLocale();
  const trpc = useTRPC();
  const [asking, setAsking] = useState<"early" | "late" | null>(null);
  const start = useMutation(
    trpc.room.start.mutationOptions({
      onSuccess: props.onStarted,
      onError: (error) => {
        if (error instanceof TRPCClientError && error.data?.code === "PRECONDITION_FAILED") {
          const timing = startTiming(props.startsAt, new Date(), props.timeZone);
          setAsking(timing === "late" ? "late" : "early");
        }
      },
    }),
  );
  const onStart = (offSchedule: boolean) => start.mutate({ sessionId: props.sessionId, offSchedule });
  function press() {
    const timing = startTiming(props.startsAt, new Date(), props.timeZone);
    if (timing === "early" || timing === "late") setAsking(timing);
    else onStart(false);
  }
  const planned = props.startsAt
    ? formatDateTime(props.startsAt, locale, {
        weekday: "short",
        day: "numeric",
        month: "long",
        hour: "2-digit",
        minute: "2-digit",
        timeZone: props.timeZone,
      })
    : "";
  return (
    <>
      <Button variant="primary" isDisabled={start.isPending} onPress={press}>
        {start.isPending ? t("waiting.starting") : t("waiting.start")}
      </Button>
      {start.error && !asking ? (
        <p role="alert" className="ui-error">
          {start.error.message}
        </p>
      ) : null}
      <Dialog
        role="alertdialog"
        title={t("startCheck.title")}
        closeLabel={t("startCheck.cancel")}
        isOpen={asking !== null}
        onOpenChange={(open) => {
          if (!open) setAsking(null);
        }}
      >
        <p>{t(asking === "late" ? "startCheck.late" : "startCheck.early", { planned })}</p>
        <div className="ui-dialog-actions">
          <Button
            variant="primary"
            onPress={() => {
              setAsking(null);
              onStart(true);
            }}
          >
            {t("startCheck.confirm")}
          </Button>
          {/* The safe answer has the focus: a second Enter does not open the room. */}
          <Button autoFocus onPress={() => setAsking(null)}>
            {t("startCheck.cancel")}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
