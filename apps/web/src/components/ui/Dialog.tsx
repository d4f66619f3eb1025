import { X } from "lucide-react";
import type { ReactNode } from "react";
import { Dialog as AriaDialog, Button, Heading, Modal, ModalOverlay } from "react-aria-components";

/**
 * A modal dialog: focus moves in and is trapped, Escape closes, focus returns to what opened it.
 * Use inside a react-aria `DialogTrigger`, or controlled with `isOpen`/`onOpenChange`.
 */
export function Dialog(props: {
  title: string;
  closeLabel: string;
  children: ReactNode;
  isOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  role?: "dialog" | "alertdialog";
}) {
  return (
    <ModalOverlay
      className="ui-overlay"
      isDismissable
      isOpen={props.isOpen}
      onOpenChange={props.onOpenChange}
    >
      <Modal className="ui-modal">
        <AriaDialog className="ui-dialog" role={props.role}>
          {({ close }) => (
            <>
              <div className="ui-dialog-header">
                <Heading slot="title">{props.title}</Heading>
                <Button className="ui-icon-button" aria-label={props.closeLabel} onPress={close}>
                  <X aria-hidden="true" className="ui-icon" />
                </Button>
              </div>
              {props.children}
            </>
          )}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}
