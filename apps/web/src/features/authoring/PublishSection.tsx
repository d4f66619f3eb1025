import { zodResolver } from "@hookform/resolvers/zod";
import type { MissingItem } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Archive, CircleAlert, CircleCheck, Copy, Rocket, Trash2 } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { z } from "zod";
import { Field } from "../../components/Field";
import { Dialog } from "../../components/ui";
import { encode } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { ConfirmDialog } from "./ConfirmDialog";
import { anchorOf, missingOf, useEditor, useErrorText } from "./editor-context";
import { EditorSection, focusField } from "./editor-fields";
import { SaveStatus } from "./SaveStatus";

function useMissingText() {
  const { t } = useTranslation("authoring");
  const { series } = useEditor();
  return (item: MissingItem): string => {
    const language = "locale" in item ? t(`editor.inLanguage.${item.locale}`) : "";
    switch (item.kind) {
      case "themes":
        return t("editor.missing.themes");
      case "sessions":
        return t("editor.missing.sessions", { n: item.position });
      case "seriesText":
        return t("editor.missing.seriesText", { field: t(`editor.missing.fields.${item.field}`), language });
      case "themeText":
        return t("editor.missing.themeText", {
          n: item.position,
          field: t(`editor.missing.fields.${item.field}`),
          language,
        });
      case "consent":
        return t("editor.missing.consent", { language });
      case "questionText":
        return t("editor.missing.questionText", {
          n: series.registration.questions.findIndex((q) => q.id === item.questionId) + 1,
          language,
        });
    }
  };
}

/** Step 6: what publishing still needs (each item leads to its field), then publishing itself. */
export function PublishSection() {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const { series } = editor;
  const missingText = useMissingText();
  const completeness = useQuery(trpc.authoring.completeness.queryOptions({ seriesId: editor.seriesId }));
  const publish = useMutation(
    trpc.authoring.publish.mutationOptions({ onSuccess: editor.saved, onError: editor.failed }),
  );
  const missing = missingOf(publish.error) ?? completeness.data?.missing ?? [];
  const draft = series.status === "draft";
  return (
    <EditorSection id="publish" step={6} title={t("editor.steps.publish")}>
      {draft ? (
        <>
          <h3 id="checklist-heading">{t("editor.publish.checklist")}</h3>
          {completeness.isPending ? (
            <p role="status">{t("editor.publish.checking")}</p>
          ) : missing.length === 0 ? (
            <p className="notice notice-ok editor-complete">
              <CircleCheck aria-hidden="true" className="ui-icon" /> {t("editor.publish.complete")}
            </p>
          ) : (
            <>
              <p>{t("editor.publish.missingCount", { count: missing.length })}</p>
              <ul className="editor-checklist" aria-labelledby="checklist-heading">
                {missing.map((item) => {
                  const anchor = anchorOf(item, editor.locales);
                  return (
                    <li key={`${anchor}-${item.kind}`}>
                      <CircleAlert aria-hidden="true" className="ui-icon" />
                      <a href={`#${anchor}`} onClick={(event) => focusField(anchor, event)}>
                        {missingText(item)}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          <SaveStatus error={missingOf(publish.error) ? null : publish.error} isSuccess={false} />
          <button
            type="button"
            className="ui-button ui-button-primary"
            disabled={publish.isPending || completeness.isPending || missing.length > 0}
            onClick={() => publish.mutate({ seriesId: editor.seriesId, expectedVersion: series.version })}
          >
            <Rocket aria-hidden="true" className="ui-icon" />
            {t("editor.publish.publish")}
          </button>
        </>
      ) : (
        <div role="status" className="notice notice-ok">
          <p>{t(`editor.publish.is.${series.status}`)}</p>
          {series.status !== "archived" && (
            <p>
              <Link to={`/reeksen/${series.slug}/aanmelden`}>{t("editor.publish.registrationPage")}</Link>
            </p>
          )}
        </div>
      )}
      <LifecycleActions />
    </EditorSection>
  );
}

const duplicateSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: encode("authoring:editor.errors.slug") })
    .min(2, { error: encode("authoring:editor.errors.slug") })
    .max(80, { error: encode("authoring:editor.errors.slug") }),
});

function LifecycleActions() {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const { series } = editor;
  const [dialog, setDialog] = useState<"archive" | "delete" | "duplicate" | null>(null);
  const archive = useMutation(
    trpc.authoring.archive.mutationOptions({ onSuccess: editor.saved, onError: editor.failed }),
  );
  const remove = useMutation(
    trpc.authoring.deleteDraft.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.account.me.queryFilter());
        void navigate("/");
      },
      onError: editor.failed,
    }),
  );
  const form = useForm<{ slug: string }>({
    resolver: zodResolver(duplicateSchema),
    defaultValues: { slug: "" },
    shouldFocusError: true,
  });
  const duplicate = useMutation(
    trpc.authoring.duplicate.mutationOptions({
      onSuccess: async (made) => {
        setDialog(null);
        await queryClient.invalidateQueries(trpc.account.me.queryFilter());
        void navigate(`/reeksen/${made.slug}/bewerken`);
      },
    }),
  );
  const scope = { seriesId: editor.seriesId, expectedVersion: series.version };
  return (
    <div className="editor-lifecycle">
      <h3>{t("editor.lifecycle.title")}</h3>
      <SaveStatus error={archive.error ?? remove.error} isSuccess={false} />
      <div className="editor-card-actions">
        <button
          type="button"
          className="ui-button ui-button-secondary"
          onClick={() => setDialog("duplicate")}
        >
          <Copy aria-hidden="true" className="ui-icon" />
          {t("editor.lifecycle.duplicate")}
        </button>
        {["published", "running", "finished"].includes(series.status) && (
          <button
            type="button"
            className="ui-button ui-button-secondary"
            onClick={() => setDialog("archive")}
          >
            <Archive aria-hidden="true" className="ui-icon" />
            {t("editor.lifecycle.archive")}
          </button>
        )}
        {series.status === "draft" && (
          <button type="button" className="ui-button ui-button-danger" onClick={() => setDialog("delete")}>
            <Trash2 aria-hidden="true" className="ui-icon" />
            {t("editor.lifecycle.delete")}
          </button>
        )}
      </div>
      <ConfirmDialog
        isOpen={dialog === "archive"}
        onOpenChange={(open) => setDialog(open ? "archive" : null)}
        title={t("editor.lifecycle.archiveTitle")}
        body={t("editor.lifecycle.archiveBody", { count: series.retentionMonths })}
        confirmLabel={t("editor.lifecycle.archive")}
        onConfirm={() => archive.mutate(scope)}
      />
      <ConfirmDialog
        isOpen={dialog === "delete"}
        onOpenChange={(open) => setDialog(open ? "delete" : null)}
        title={t("editor.lifecycle.deleteTitle")}
        body={t("editor.lifecycle.deleteBody")}
        confirmLabel={t("editor.lifecycle.delete")}
        onConfirm={() => remove.mutate(scope)}
      />
      <Dialog
        isOpen={dialog === "duplicate"}
        onOpenChange={(open) => setDialog(open ? "duplicate" : null)}
        title={t("editor.lifecycle.duplicateTitle")}
        closeLabel={t("editor.cancel")}
      >
        <form
          className="form"
          noValidate
          onSubmit={form.handleSubmit((values) =>
            duplicate.mutate({ seriesId: editor.seriesId, slug: values.slug }),
          )}
        >
          <p>{t("editor.lifecycle.duplicateBody")}</p>
          <Field
            id="duplicate-slug"
            label={t("admin.slug")}
            hint={t("admin.slugHint")}
            errors={errorText(form.formState.errors.slug)}
          >
            {(p) => <input {...p} autoComplete="off" {...form.register("slug")} />}
          </Field>
          <SaveStatus error={duplicate.error} isSuccess={false} form={form} />
          <div className="ui-dialog-actions">
            <button type="button" className="ui-button ui-button-secondary" onClick={() => setDialog(null)}>
              {t("editor.cancel")}
            </button>
            <button type="submit" className="ui-button ui-button-primary" disabled={duplicate.isPending}>
              {t("editor.lifecycle.duplicateSubmit")}
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
