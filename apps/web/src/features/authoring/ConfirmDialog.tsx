import { useTranslation } from "react-i18next";
import { Dialog } from "../../components/ui";

/** "Are you sure?" before what cannot be undone; Escape or Cancel leaves everything as it was. */
export function ConfirmDialog(props: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  danger?: boolean;
}) {
  const { t } = useTranslation("authoring");
  return (
    <Dialog
      isOpen={props.isOpen}
      onOpenChange={props.onOpenChange}
      title={props.title}
      closeLabel={t("editor.cancel")}
      role="alertdialog"
    >
      <p>{props.body}</p>
      <div className="ui-dialog-actions">
        <button
          type="button"
          className="ui-button ui-button-secondary"
          onClick={() => props.onOpenChange(false)}
        >
          {t("editor.cancel")}
        </button>
        <button
          type="button"
          className={`ui-button ${props.danger === false ? "ui-button-primary" : "ui-button-danger"}`}
          onClick={() => {
            props.onConfirm();
            props.onOpenChange(false);
          }}
        >
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
