export { Button, type ButtonProps, type ButtonVariant, ToggleIconButton } from "./Button";
export { Checkbox } from "./Checkbox";
export { Dialog } from "./Dialog";
export { EmptyState } from "./EmptyState";
export { Select, type SelectOption, type SelectProps } from "./Select";
export { Table } from "./Table";
export { type TabItem, Tabs } from "./Tabs";
export { TextField, type TextFieldProps } from "./TextField";
export { type ToastMessage, ToastViewport, toasts } from "./Toast";
