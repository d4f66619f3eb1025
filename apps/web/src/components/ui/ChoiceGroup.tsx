import type { ReactNode } from "react";
import { Radio, RadioGroup, type RadioGroupProps } from "react-aria-components";

export interface Choice<T extends string> {
  id: T;
  /** What the choice is called, read by screen readers and shown beside its symbol. */
  label: string;
  /** A symbol or icon that repeats the label for the eye (hidden from screen readers). */
  symbol?: ReactNode;
}

export interface ChoiceGroupProps<T extends string> extends Omit<RadioGroupProps, "value" | "onChange"> {
  /** The group's name as a screen reader says it ("vrijdag 5 november 2027, 14:00–15:30"). */
  "aria-label": string;
  choices: Array<Choice<T>>;
  value: T | null;
  onChange: (value: T) => void;
  /** Show only the symbols, with the labels for screen readers alone (narrow columns). */
  compact?: boolean;
}

/**
 * A row of buttons that is a real radio group (React Aria): one tab stop per group, arrow keys move
 * between the choices and pick them, a screen reader says group, choice and "1 of 3". Each choice
 * shows a symbol and a word and a filled look when chosen, so its state never rests on colour alone.
 */
export function ChoiceGroup<T extends string>({
  choices,
  value,
  onChange,
  compact,
  className,
  ...props
}: ChoiceGroupProps<T>) {
  return (
    <RadioGroup
      {...props}
      orientation="horizontal"
      value={value}
      onChange={(next) => onChange(next as T)}
      className={`ui-choice-group ${typeof className === "string" ? className : ""}`}
    >
      {choices.map((choice) => (
        <Radio key={choice.id} value={choice.id} className={`ui-choice ui-choice-${choice.id}`}>
          {choice.symbol ? (
            <span className="ui-choice-symbol" aria-hidden="true">
              {choice.symbol}
            </span>
          ) : null}
          <span className={compact ? "visually-hidden" : "ui-choice-label"}>{choice.label}</span>
        </Radio>
      ))}
    </RadioGroup>
  );
}
