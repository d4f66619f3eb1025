import type { MouseEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Change, EditorLocale } from "./editor-context";

/** Moves focus to a field by its id (a checklist link, a conflict's "go to"), scrolling it into view. */
export function focusField(id: string, event?: MouseEvent) {
  const element = document.getElementById(id);
  if (!element) return;
  event?.preventDefault();
  element.scrollIntoView({ block: "center" });
  element.focus();
}

/** A section of the editor: a numbered step with its own heading, reachable from the step list. */
export function EditorSection(props: { id: string; step: number; title: string; children: ReactNode }) {
  return (
    <section className="editor-section" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`} tabIndex={-1}>
        <span className="editor-step" aria-hidden="true">
          {props.step}
        </span>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** "(Dutch)" / "(English)" after a label that exists once per language offered. */
export function useLanguageLabel() {
  const { t } = useTranslation("authoring");
  return (label: string, locale: EditorLocale, locales: EditorLocale[]) =>
    locales.length > 1 ? `${label} (${t(`editor.inLanguage.${locale}`)})` : label;
}

function flatten(value: unknown, prefix: string, into: Map<string, string>) {
  if (value === null || value === undefined) return;
  if (typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      flatten(inner, prefix ? `${prefix}.${key}` : key, into);
    }
    return;
  }
  into.set(prefix, typeof value === "string" ? value : JSON.stringify(value));
}

/** The fields a change touched, each before and after, as text (lists and objects as compact JSON). */
export function changedFields(change: Change): Array<{ field: string; before: string; after: string }> {
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  flatten(change.before, "", before);
  flatten(change.after, "", after);
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  return fields
    .map((field) => ({ field, before: before.get(field) ?? "", after: after.get(field) ?? "" }))
    .filter((row) => row.before !== row.after);
}

/**
 * A save refused because someone else saved first. What they changed is listed, field by field; what
 * this person typed stays in the form, and saving again puts it over theirs.
 */
export function ConflictNotice(props: { changes: Change[]; onDiscard?: () => void }) {
  const { t } = useTranslation("authoring");
  return (
    <div role="alert" className="notice notice-error conflict editor-conflict">
      <p>{t("editor.conflict.title")}</p>
      <p className="editor-conflict-hint">{t("editor.conflict.hint")}</p>
      {props.changes.length > 0 && (
        <ul className="editor-changes">
          {props.changes.map((change) => (
            <li key={`${change.version}-${change.action}`}>
              <strong>
                {t(`editor.actions.${change.action}` as never, { defaultValue: change.action })}
              </strong>
              <ul>
                {changedFields(change).map((row) => (
                  <li key={row.field}>
                    <span className="editor-change-field">{row.field}</span>:{" "}
                    {row.before ? <del>{row.before}</del> : null}
                    {row.before && row.after ? " → " : null}
                    {row.after ? <ins>{row.after}</ins> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {props.onDiscard && (
        <button type="button" className="link-button" onClick={props.onDiscard}>
          {t("editor.conflict.discard")}
        </button>
      )}
    </div>
  );
}
