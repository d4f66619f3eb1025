import { X } from "lucide-react";
import {
  UNSTABLE_Toast as AriaToast,
  Button,
  Text,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastQueue as ToastQueue,
  UNSTABLE_ToastRegion as ToastRegion,
} from "react-aria-components";

export interface ToastMessage {
  title: string;
  description?: string;
  tone?: "info" | "success" | "danger";
}

/** One queue for the app: `toasts.add({ title }, { timeout: 5000 })` from anywhere. */
export const toasts = new ToastQueue<ToastMessage>({ maxVisibleToasts: 3 });

/** Rendered once (in the layout); a landmark region that screen readers can jump to (F6). */
export function ToastViewport(props: { closeLabel: string }) {
  return (
    <ToastRegion queue={toasts} className="ui-toast-region">
      {({ toast }) => (
        <AriaToast toast={toast} className={`ui-toast ui-toast-${toast.content.tone ?? "info"}`}>
          <ToastContent>
            <Text slot="title" className="ui-toast-title">
              {toast.content.title}
            </Text>
            {toast.content.description ? <Text slot="description">{toast.content.description}</Text> : null}
          </ToastContent>
          <Button slot="close" className="ui-icon-button" aria-label={props.closeLabel}>
            <X aria-hidden="true" className="ui-icon" />
          </Button>
        </AriaToast>
      )}
    </ToastRegion>
  );
}
