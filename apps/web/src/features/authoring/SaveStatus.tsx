import { useEffect } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { fieldErrorsOf, serverMessageOf } from "../../lib/errors";
import { conflictOf } from "./editor-context";
import { ConflictNotice } from "./editor-fields";

/**
 * What became of a save: a conflict with what changed, the server's message, or "saved". Field errors
 * from the server land on their fields (the first one focused), translated by the server.
 */
export function SaveStatus<T extends FieldValues>(props: {
  error: unknown;
  isSuccess: boolean;
  form?: UseFormReturn<T>;
  /** Server field paths ("settings.accentColour") to this form's names. */
  fieldOf?: (path: string) => string | null;
  onDiscard?: () => void;
}) {
  const { t } = useTranslation("authoring");
  const { error, form, fieldOf } = props;
  useEffect(() => {
    if (!form) return;
    const fields = Object.entries(fieldErrorsOf(error));
    let focused = false;
    for (const [path, messages] of fields) {
      const name = fieldOf ? fieldOf(path) : path;
      if (!name) continue;
      form.setError(name as Path<T>, { message: messages.join(" ") }, { shouldFocus: !focused });
      focused = true;
    }
  }, [error, form, fieldOf]);
  const conflict = conflictOf(error);
  if (conflict) return <ConflictNotice changes={conflict.changes} onDiscard={props.onDiscard} />;
  if (error) {
    const fieldErrors = fieldErrorsOf(error);
    const mapped = Object.keys(fieldErrors).some((path) => (fieldOf ? fieldOf(path) : path));
    if (mapped) return null;
    const message = serverMessageOf(error) ?? Object.values(fieldErrors)[0]?.[0];
    return (
      <p role="alert" className="notice notice-error">
        {message ?? t("errors.generic")}
      </p>
    );
  }
  return (
    <p role="status" className="editor-saved">
      {props.isSuccess ? t("editor.saved") : ""}
    </p>
  );
}
