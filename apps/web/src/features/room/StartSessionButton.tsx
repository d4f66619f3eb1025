import { startTiming } from "@reeks/models";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Dialog } from "../../components/ui";
import { formatDateTime, useLocale } from "../../lib/locale";

/**
 * "Sessie starten" for moderators. More than an hour before the planned start, or on another day,
 * it first asks in a dialog naming the planned moment: starting the wrong session (or the right one
 * weeks early) opens the room to everyone at once. The server asks the same (`offSchedule`).
 */
export function StartSessionButton(props: {
  startsAt: string | Date | null;
  timeZone: string;
  pending: boolean;
  onStart: (offSchedule: boolean) => void;
}) {
  const { t } = useTranslation("room");
  const locale = useLocale();
  const [asking, setAsking] = useState<"early" | "late" | null>(null);
  function press() {
    const timing = startTiming(props.startsAt, new Date(), props.timeZone);
    if (timing === "early" || timing === "late") setAsking(timing);
    else props.onStart(false);
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
      <Button variant="primary" isDisabled={props.pending} onPress={press}>
        {props.pending ? t("waiting.starting") : t("waiting.start")}
      </Button>
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
              props.onStart(true);
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
