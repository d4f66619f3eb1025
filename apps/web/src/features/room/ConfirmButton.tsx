import { useState } from "react";

/**
 * A button for what cannot be undone: the first press asks, the second (a danger button) does it,
 * and a cancel button next to it steps back.
 */
export function ConfirmButton(props: {
  label: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <>
      <button type="button" className="danger" onClick={props.onConfirm}>
        {props.confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {props.cancelLabel}
      </button>
    </>
  );
}
