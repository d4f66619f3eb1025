import { Check, Minus } from "lucide-react";
import { Checkbox as AriaCheckbox, type CheckboxProps as AriaCheckboxProps } from "react-aria-components";

/** A checkbox with its label beside it (never above), a 24 px box and a visible tick. */
export function Checkbox({ children, ...props }: AriaCheckboxProps) {
  return (
    <AriaCheckbox {...props} className="ui-checkbox">
      {(state) => (
        <>
          <span className="ui-checkbox-box" aria-hidden="true">
            {state.isIndeterminate ? (
              <Minus className="ui-icon" />
            ) : state.isSelected ? (
              <Check className="ui-icon" />
            ) : null}
          </span>
          {typeof children === "function" ? children(state) : children}
        </>
      )}
    </AriaCheckbox>
  );
}
