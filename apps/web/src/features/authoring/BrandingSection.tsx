import { zodResolver } from "@hookform/resolvers/zod";
import { AUTHORING_LIMITS } from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { type ChangeEvent, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "../../components/Field";
import { fieldErrorsOf } from "../../lib/errors";
import { encode, issueToMessageKey } from "../../lib/form-errors";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { contrastRatio, parseColor } from "../../styles/contrast";
import { useEditor, useErrorText } from "./editor-context";
import { EditorSection } from "./editor-fields";
import { SaveStatus } from "./SaveStatus";

/** As the server judges it: text on the accent in white or in the page's text colour, whichever reads better. */
const WHITE = "#ffffff";
const TEXT = "#1a1a1a";
const AA = 4.5;

export function accentContrast(hex: string): { ratio: number; onAccent: string } | null {
  const colour = parseColor(hex);
  const white = parseColor(WHITE);
  const text = parseColor(TEXT);
  if (!colour || !white || !text || !/^#[0-9a-f]{6}$/i.test(hex)) return null;
  const onWhite = contrastRatio(colour, white);
  const onText = contrastRatio(colour, text);
  return onWhite >= onText ? { ratio: onWhite, onAccent: WHITE } : { ratio: onText, onAccent: TEXT };
}

const schema = z.object({
  accentColour: z
    .string()
    .trim()
    .regex(/^(#[0-9a-fA-F]{6})?$/, { error: encode("authoring:editor.errors.colour") })
    .superRefine((hex, ctx) => {
      const contrast = hex ? accentContrast(hex) : null;
      if (contrast && contrast.ratio < AA) {
        ctx.addIssue({
          code: "custom",
          message: encode("authoring:editor.errors.contrast", {
            ratio: Math.floor(contrast.ratio * 100) / 100,
          }),
        });
      }
    }),
});
type Values = z.infer<typeof schema>;

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Step 5: the organiser's logo and accent colour. */
export function BrandingSection() {
  const { t } = useTranslation("authoring");
  return (
    <EditorSection id="branding" step={5} title={t("editor.steps.branding")}>
      <LogoField />
      <AccentForm />
    </EditorSection>
  );
}

function LogoField() {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const [localError, setLocalError] = useState<string | null>(null);
  const upload = useMutation(
    trpc.authoring.uploadLogo.mutationOptions({ onSuccess: editor.saved, onError: editor.failed }),
  );
  const remove = useMutation(
    trpc.authoring.removeLogo.mutationOptions({ onSuccess: editor.saved, onError: editor.failed }),
  );
  const serverErrors = fieldErrorsOf(upload.error).data;
  const errors = localError ? [t(localError as never)] : serverErrors;
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    upload.reset();
    setLocalError(null);
    if (file.type !== "image/png" && file.type !== "image/svg+xml") {
      setLocalError("editor.errors.logoType");
      return;
    }
    if (file.size > AUTHORING_LIMITS.logoBytes) {
      setLocalError("editor.errors.logoSize");
      return;
    }
    upload.mutate({
      seriesId: editor.seriesId,
      expectedVersion: editor.series.version,
      contentType: file.type,
      data: await readAsBase64(file),
    });
  };
  const { logoVersion } = editor.series;
  return (
    <div className="form editor-logo">
      {logoVersion !== null && (
        <img
          className="editor-logo-preview"
          src={`/logos/${editor.seriesId}.png?v=${logoVersion}`}
          alt={t("editor.branding.logoAlt")}
        />
      )}
      <Field
        id="branding-logo"
        label={t("editor.branding.logo")}
        hint={t("editor.branding.logoHint", { max: AUTHORING_LIMITS.logoBytes / 1024 })}
        errors={errors}
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept="image/png,image/svg+xml,.png,.svg"
            onChange={(event) => void onFile(event)}
          />
        )}
      </Field>
      <p role="status" className="editor-saved">
        {upload.isPending
          ? t("editor.branding.uploading")
          : upload.isSuccess
            ? t("editor.branding.uploaded")
            : ""}
      </p>
      {!serverErrors && <SaveStatus error={upload.error ?? remove.error} isSuccess={false} />}
      {logoVersion !== null && (
        <button
          type="button"
          className="ui-button ui-button-quiet"
          disabled={remove.isPending}
          onClick={() => remove.mutate({ seriesId: editor.seriesId, expectedVersion: editor.series.version })}
        >
          <Trash2 aria-hidden="true" className="ui-icon" />
          {t("editor.branding.removeLogo")}
        </button>
      )}
    </div>
  );
}

function AccentForm() {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const locale = useLocale();
  const errorText = useErrorText();
  const form = useForm<Values>({
    resolver: zodResolver(schema, { error: issueToMessageKey }),
    defaultValues: { accentColour: editor.series.accentColour ?? "" },
    shouldFocusError: true,
  });
  const save = useMutation(
    trpc.authoring.update.mutationOptions({
      onSuccess: (saved) => {
        editor.saved(saved);
        form.reset({ accentColour: saved.accentColour ?? "" });
      },
      onError: editor.failed,
    }),
  );
  const colour = form.watch("accentColour");
  const contrast = accentContrast(colour.trim());
  // Rounded down, as the refusal says it: 4.497 must never read as 4.5.
  const ratio = contrast
    ? (Math.floor(contrast.ratio * 100) / 100).toLocaleString(locale === "en" ? "en-GB" : "nl-NL")
    : "";
  const colourField = form.register("accentColour");
  return (
    <form
      className="form editor-form"
      noValidate
      onSubmit={form.handleSubmit((values) =>
        save.mutate({
          seriesId: editor.seriesId,
          expectedVersion: editor.series.version,
          settings: { accentColour: values.accentColour || null },
        }),
      )}
    >
      <div className="editor-inline">
        <Field
          id="branding-accentColour"
          label={t("editor.branding.accent")}
          hint={t("editor.branding.accentHint")}
          errors={errorText(form.formState.errors.accentColour)}
        >
          {(p) => (
            <input {...p} autoComplete="off" spellCheck={false} placeholder="#154273" {...colourField} />
          )}
        </Field>
        <div className="field">
          <label htmlFor="branding-accentPicker">{t("editor.branding.picker")}</label>
          <input
            id="branding-accentPicker"
            type="color"
            value={contrast ? colour.trim() : "#154273"}
            onChange={(event) => form.setValue("accentColour", event.target.value, { shouldDirty: true })}
          />
        </div>
      </div>
      <p aria-live="polite" className={contrast && contrast.ratio < AA ? "field-error" : "field-hint"}>
        {contrast
          ? contrast.ratio >= AA
            ? t("editor.branding.contrastOk", { ratio })
            : t("editor.branding.contrastLow", { ratio })
          : ""}
      </p>
      {contrast && contrast.ratio >= AA && (
        <p className="editor-swatch" style={{ background: colour.trim(), color: contrast.onAccent }}>
          {t("editor.branding.sample")}
        </p>
      )}
      <SaveStatus
        error={save.error}
        isSuccess={save.isSuccess}
        form={form}
        fieldOf={(path) => (path === "settings.accentColour" ? "accentColour" : null)}
        onDiscard={() => {
          form.reset({ accentColour: editor.series.accentColour ?? "" });
          save.reset();
        }}
      />
      <div>
        <button type="submit" className="ui-button ui-button-primary" disabled={save.isPending}>
          {t("editor.branding.save")}
        </button>
      </div>
    </form>
  );
}
