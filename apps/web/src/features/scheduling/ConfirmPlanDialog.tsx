import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/ui";

/**
 * Asks before a plan is confirmed, saying who will be mailed: confirming sends every approved
 * participant an invitation per session, which cannot be taken back. A native modal dialog: the
 * browser keeps focus inside it, Escape cancels, and focus returns to the button that opened it.
 */
export function ConfirmPlanDialog(props: {
  /** The dates as people read them, one line per session. */
  lines: string[];
  recipients: string[];
  rescheduling: boolean;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("scheduling");
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    // The dialog leaves the page rather than closing, so the browser's own focus return does not
    // happen: hand focus back to the button that opened it, as a keyboard user expects.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const count = props.recipients.length;
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-plan-title"
      aria-describedby="confirm-plan-body"
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="confirm-plan-title">{t("planning.confirmDialog.title")}</h2>
      <ol>
        {props.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <p id="confirm-plan-body">
        {props.rescheduling
          ? t("planning.confirmDialog.rescheduleBody", { count })
          : t("planning.confirmDialog.body", { count })}
      </p>
      {count > 0 && count <= 20 && <p className="muted">{props.recipients.join(", ")}</p>}
      <div className="dialog-actions">
        <Button variant="primary" isDisabled={props.busy} onPress={props.onConfirm}>
          {t("planning.confirmDialog.confirm")}
        </Button>
        <Button onPress={props.onCancel}>{t("planning.confirmDialog.cancel")}</Button>
      </div>
    </dialog>
  );
}
