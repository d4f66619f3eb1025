import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  FieldError,
  Input,
  Label,
  Text,
  TextArea,
} from "react-aria-components";

export interface TextFieldProps extends AriaTextFieldProps {
  label: string;
  description?: string;
  errorMessage?: string;
  multiline?: boolean;
}

/** Label, input, hint and error wired together (ids, aria-describedby, aria-invalid) by React Aria. */
export function TextField({ label, description, errorMessage, multiline, ...props }: TextFieldProps) {
  return (
    <AriaTextField {...props} className="ui-field" isInvalid={props.isInvalid ?? Boolean(errorMessage)}>
      <Label className="ui-label">{label}</Label>
      {multiline ? <TextArea className="ui-input" /> : <Input className="ui-input" />}
      {description ? (
        <Text slot="description" className="ui-hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="ui-error">{errorMessage}</FieldError>
    </AriaTextField>
  );
}
