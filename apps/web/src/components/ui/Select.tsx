import { ChevronDown } from "lucide-react";
import {
  Select as AriaSelect,
  type SelectProps as AriaSelectProps,
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  SelectValue,
  Text,
} from "react-aria-components";

export interface SelectOption {
  id: string;
  label: string;
}

export interface SelectProps extends Omit<AriaSelectProps<SelectOption>, "children"> {
  label: string;
  options: SelectOption[];
  description?: string;
}

/** A listbox select that looks alike in every browser and reads alike in every screen reader. */
export function Select({ label, options, description, ...props }: SelectProps) {
  return (
    <AriaSelect {...props} className="ui-field ui-select">
      <Label className="ui-label">{label}</Label>
      <Button className="ui-input ui-select-button">
        <SelectValue />
        <ChevronDown aria-hidden="true" className="ui-icon" />
      </Button>
      {description ? (
        <Text slot="description" className="ui-hint">
          {description}
        </Text>
      ) : null}
      <Popover className="ui-popover">
        <ListBox className="ui-listbox" items={options}>
          {(item) => (
            <ListBoxItem id={item.id} className="ui-option">
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}
