import type { LucideIcon } from "lucide-react";
import {
  Button as AriaButton,
  type ButtonProps as AriaButtonProps,
  ToggleButton,
} from "react-aria-components";

export type ButtonVariant = "primary" | "secondary" | "danger" | "quiet";

export interface ButtonProps extends AriaButtonProps {
  variant?: ButtonVariant;
  icon?: LucideIcon;
}

function classes(base: string, variant: ButtonVariant, extra: AriaButtonProps["className"]) {
  return typeof extra === "string" ? `${base} ui-button-${variant} ${extra}` : `${base} ui-button-${variant}`;
}

/** The one button: a React Aria button (press, keyboard and focus handled alike everywhere), token-styled. */
export function Button({ variant = "secondary", icon: Icon, children, className, ...props }: ButtonProps) {
  return (
    <AriaButton {...props} className={classes("ui-button", variant, className)}>
      {(state) => (
        <>
          {Icon ? <Icon aria-hidden="true" className="ui-icon" /> : null}
          {typeof children === "function" ? children(state) : children}
        </>
      )}
    </AriaButton>
  );
}

/**
 * An on/off control with an icon and its label always visible (a state you can see, not only hear):
 * `aria-pressed` for screen readers, a filled or struck-through look for the eye.
 */
export function ToggleIconButton(props: {
  label: string;
  isSelected: boolean;
  onChange: (selected: boolean) => void;
  iconOn: LucideIcon;
  iconOff: LucideIcon;
  stateText?: string;
  isDisabled?: boolean;
  className?: string;
}) {
  const Icon = props.isSelected ? props.iconOn : props.iconOff;
  return (
    <ToggleButton
      isSelected={props.isSelected}
      onChange={props.onChange}
      isDisabled={props.isDisabled}
      className={`ui-control ${props.className ?? ""}`}
      data-state={props.isSelected ? "on" : "off"}
    >
      <Icon aria-hidden="true" className="ui-icon" />
      <span className="ui-control-label">{props.label}</span>
      {props.stateText ? <span className="ui-control-state">{props.stateText}</span> : null}
    </ToggleButton>
  );
}
