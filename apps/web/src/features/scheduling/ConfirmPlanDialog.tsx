import { useTranslation } from "react-i18next";
import { Button, Dialog } from "../../components/ui";

/**
 * Asks before a plan is confirmed, saying who will be mailed: confirming sends every approved
 * participant an invitation per session, which cannot be taken back. So focus starts on "Cancel"
 * (an Enter pressed once too often sends nothing), as WAI-ARIA's alert dialog pattern advises for an
 * action that cannot be undone. Escape cancels; focus returns to the button that opened it.
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
  const count = props.recipients.length;
  return (
    <Dialog
      isOpen
      onOpenChange={(open) => {
        if (!open) props.onCancel();
      }}
      title={t("planning.confirmDialog.title")}
      closeLabel={t("planning.confirmDialog.cancel")}
      role="alertdialog"
    >
      <ol>
        {props.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <p>
        {props.rescheduling
          ? t("planning.confirmDialog.rescheduleBody", { count })
          : t("planning.confirmDialog.body", { count })}
      </p>
      {count > 0 && count <= 20 && <p className="muted">{props.recipients.join(", ")}</p>}
      <div className="ui-dialog-actions">
        <Button variant="primary" isDisabled={props.busy} onPress={props.onConfirm}>
          {t("planning.confirmDialog.confirm")}
        </Button>
        <Button autoFocus onPress={props.onCancel}>
          {t("planning.confirmDialog.cancel")}
        </Button>
      </div>
    </Dialog>
  );
}
