import { zodResolver } from "@hookform/resolvers/zod";
import { AUTHORING_LIMITS } from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "../../components/Field";
import { issueToMessageKey } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { ConfirmDialog } from "./ConfirmDialog";
import { type EditableSeries, useEditor, useErrorText, usePreferredText } from "./editor-context";
import { EditorSection, useLanguageLabel } from "./editor-fields";
import { SaveStatus } from "./SaveStatus";

const localized = (max: number) =>
  z.object({ nl: z.string().trim().max(max), en: z.string().trim().max(max) });
const schema = z.object({
  title: localized(AUTHORING_LIMITS.themeTitle),
  guidingQuestion: localized(AUTHORING_LIMITS.guidingQuestion),
  description: localized(AUTHORING_LIMITS.themeDescription),
});
type Values = z.infer<typeof schema>;
type Theme = EditableSeries["themes"][number];
const FIELDS = ["title", "guidingQuestion", "description"] as const;
const EMPTY: Values = {
  title: { nl: "", en: "" },
  guidingQuestion: { nl: "", en: "" },
  description: { nl: "", en: "" },
};

function ThemeTexts(props: { idPrefix: string; form: ReturnType<typeof useForm<Values>> }) {
  const { t } = useTranslation("authoring");
  const { locales } = useEditor();
  const errorText = useErrorText();
  const languageLabel = useLanguageLabel();
  const { errors } = props.form.formState;
  return (
    <>
      {locales.map((locale) =>
        FIELDS.map((field) => (
          <Field
            key={`${field}-${locale}`}
            id={`${props.idPrefix}-${field}-${locale}`}
            label={languageLabel(t(`editor.themes.${field}`), locale, locales)}
            hint={field === "description" ? t("editor.markdownHint") : undefined}
            errors={errorText(errors[field]?.[locale])}
          >
            {(p) =>
              field === "description" ? (
                <textarea {...p} rows={3} {...props.form.register(`${field}.${locale}`)} />
              ) : (
                <input {...p} {...props.form.register(`${field}.${locale}`)} />
              )
            }
          </Field>
        )),
      )}
    </>
  );
}

/** Step 2: the themes, in order; each with its texts per language offered. */
export function ThemesSection() {
  const { t } = useTranslation("authoring");
  const { series } = useEditor();
  const [announcement, setAnnouncement] = useState("");
  return (
    <EditorSection id="themes" step={2} title={t("editor.steps.themes")}>
      <p className="field-hint">{t("editor.themes.intro")}</p>
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      <ol className="editor-list">
        {series.themes.map((theme, index) => (
          <ThemeItem
            key={theme.id}
            theme={theme}
            index={index}
            count={series.themes.length}
            onMoved={setAnnouncement}
          />
        ))}
      </ol>
      <NewTheme />
    </EditorSection>
  );
}

function ThemeItem(props: { theme: Theme; index: number; count: number; onMoved: (text: string) => void }) {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const { theme } = props;
  const [confirming, setConfirming] = useState(false);
  const [focusAfterMove, setFocusAfterMove] = useState<"up" | "down" | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(schema, { error: issueToMessageKey }),
    defaultValues: {
      title: theme.title,
      guidingQuestion: theme.guidingQuestion,
      description: theme.description,
    },
    shouldFocusError: true,
  });
  const save = useMutation(
    trpc.authoring.updateTheme.mutationOptions({
      onSuccess: (saved) => {
        editor.saved(saved);
        const now = saved.themes.find((th) => th.id === theme.id);
        if (now)
          form.reset({
            title: now.title,
            guidingQuestion: now.guidingQuestion,
            description: now.description,
          });
      },
      onError: editor.failed,
    }),
  );
  const move = useMutation(
    trpc.authoring.moveTheme.mutationOptions({
      onSuccess: (saved, input) => {
        editor.saved(saved);
        const position = saved.themes.findIndex((th) => th.id === theme.id) + 1;
        props.onMoved(
          t("editor.themes.moved", { title: titleOf(theme), position, total: saved.themes.length }),
        );
        setFocusAfterMove(input.direction);
      },
      onError: editor.failed,
    }),
  );
  const remove = useMutation(
    trpc.authoring.removeTheme.mutationOptions({ onSuccess: editor.saved, onError: editor.failed }),
  );
  // The list re-orders under the keyboard: focus stays on the button that moved this theme.
  useEffect(() => {
    if (!focusAfterMove) return;
    const same = document.getElementById(
      `theme-${theme.id}-move-${focusAfterMove}`,
    ) as HTMLButtonElement | null;
    const other = document.getElementById(
      `theme-${theme.id}-move-${focusAfterMove === "up" ? "down" : "up"}`,
    ) as HTMLButtonElement | null;
    (same && !same.disabled ? same : other)?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove, theme.id]);
  const preferred = usePreferredText();
  const titleOf = (th: Theme) => preferred(th.title) || t("editor.themes.untitled", { n: props.index + 1 });
  const missing = editor.locales.filter((locale) => FIELDS.some((field) => !theme[field][locale]));
  const scope = { seriesId: editor.seriesId, themeId: theme.id };
  return (
    <li className="editor-card">
      <div className="editor-card-header">
        <h3 id={`theme-${theme.id}-heading`}>
          {t("editor.themes.number", { n: props.index + 1 })}: {titleOf(theme)}
        </h3>
        {missing.map((locale) => (
          <span key={locale} className="badge badge-warning">
            {t("editor.missingTranslation", { language: t(`editor.inLanguage.${locale}`) })}
          </span>
        ))}
      </div>
      <div className="editor-card-actions">
        <button
          type="button"
          id={`theme-${theme.id}-move-up`}
          className="ui-button ui-button-secondary"
          disabled={props.index === 0 || move.isPending}
          onClick={() => move.mutate({ ...scope, expectedVersion: editor.series.version, direction: "up" })}
          aria-label={`${t("editor.themes.moveUp")}: ${titleOf(theme)}`}
        >
          <ArrowUp aria-hidden="true" className="ui-icon" />
          {t("editor.themes.moveUp")}
        </button>
        <button
          type="button"
          id={`theme-${theme.id}-move-down`}
          className="ui-button ui-button-secondary"
          disabled={props.index === props.count - 1 || move.isPending}
          onClick={() => move.mutate({ ...scope, expectedVersion: editor.series.version, direction: "down" })}
          aria-label={`${t("editor.themes.moveDown")}: ${titleOf(theme)}`}
        >
          <ArrowDown aria-hidden="true" className="ui-icon" />
          {t("editor.themes.moveDown")}
        </button>
        <button
          type="button"
          className="ui-button ui-button-quiet"
          onClick={() => setConfirming(true)}
          aria-label={`${t("editor.themes.remove")}: ${titleOf(theme)}`}
        >
          <Trash2 aria-hidden="true" className="ui-icon" />
          {t("editor.themes.remove")}
        </button>
      </div>
      <SaveStatus error={move.error ?? remove.error} isSuccess={false} />
      <form
        className="form editor-form"
        noValidate
        aria-label={t("editor.themes.textsOf", { title: titleOf(theme) })}
        onSubmit={form.handleSubmit((texts) =>
          save.mutate({ ...scope, expectedVersion: editor.series.version, texts }),
        )}
      >
        <ThemeTexts idPrefix={`theme-${theme.id}`} form={form} />
        <SaveStatus
          error={save.error}
          isSuccess={save.isSuccess}
          form={form}
          fieldOf={(path) => path.replace(/^texts\./, "")}
          onDiscard={() => {
            const now = editor.series.themes.find((th) => th.id === theme.id);
            if (now)
              form.reset({
                title: now.title,
                guidingQuestion: now.guidingQuestion,
                description: now.description,
              });
            save.reset();
          }}
        />
        <div>
          <button
            type="submit"
            className="ui-button ui-button-primary"
            disabled={save.isPending}
            aria-label={`${t("editor.themes.save")}: ${titleOf(theme)}`}
          >
            {t("editor.themes.save")}
          </button>
        </div>
      </form>
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        title={t("editor.themes.removeTitle", { title: titleOf(theme) })}
        body={t("editor.themes.removeBody")}
        confirmLabel={t("editor.themes.removeConfirm")}
        onConfirm={() => remove.mutate({ ...scope, expectedVersion: editor.series.version })}
      />
    </li>
  );
}

function NewTheme() {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const form = useForm<Values>({
    resolver: zodResolver(schema, { error: issueToMessageKey }),
    defaultValues: EMPTY,
    shouldFocusError: true,
  });
  const add = useMutation(
    trpc.authoring.addTheme.mutationOptions({
      onSuccess: (saved) => {
        editor.saved(saved);
        form.reset(EMPTY);
      },
      onError: editor.failed,
    }),
  );
  return (
    <form
      className="form editor-form editor-card"
      noValidate
      aria-labelledby="new-theme-heading"
      onSubmit={form.handleSubmit((texts) =>
        add.mutate({ seriesId: editor.seriesId, expectedVersion: editor.series.version, texts }),
      )}
    >
      <h3 id="new-theme-heading">{t("editor.themes.add")}</h3>
      <ThemeTexts idPrefix="new-theme" form={form} />
      <SaveStatus
        error={add.error}
        isSuccess={false}
        form={form}
        fieldOf={(path) => path.replace(/^texts\./, "")}
      />
      <div>
        <button type="submit" className="ui-button ui-button-primary" disabled={add.isPending}>
          <Plus aria-hidden="true" className="ui-icon" />
          {t("editor.themes.addSubmit")}
        </button>
      </div>
    </form>
  );
}
