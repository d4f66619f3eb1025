import { zodResolver } from "@hookform/resolvers/zod";
import { ATTRIBUTIONS, AUTHORING_LIMITS, LANGUAGE_OFFERS, offeredLocales, slugSchema } from "@reeks/models";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "../../components/Field";
import { encode, issueToMessageKey } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { Markdown } from "../capture/Markdown";
import { type EditableSeries, useEditor, useErrorText } from "./editor-context";
import { EditorSection, useLanguageLabel } from "./editor-fields";
import { SaveStatus } from "./SaveStatus";

/** A whole number from a text field, min..max; empty is null where that is allowed. */
export function wholeNumber(min: number, max: number, optional = false) {
  const message = encode("authoring:editor.errors.number", { min, max });
  return z
    .string()
    .trim()
    .refine(
      (text) => {
        if (optional && text === "") return true;
        if (!/^\d{1,9}$/.test(text)) return false;
        const n = Number(text);
        return n >= min && n <= max;
      },
      { error: message },
    );
}

const localized = (max: number) =>
  z.object({ nl: z.string().trim().max(max), en: z.string().trim().max(max) });

const schema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: encode("authoring:editor.errors.slug") })
    .min(2, { error: encode("authoring:editor.errors.slug") })
    .max(80, { error: encode("authoring:editor.errors.slug") }),
  title: localized(AUTHORING_LIMITS.title),
  organiser: z.string().trim().min(1).max(AUTHORING_LIMITS.organiser),
  description: localized(AUTHORING_LIMITS.description),
  languages: z.enum(LANGUAGE_OFFERS),
  timeZone: z.string().min(1),
  defaultAttribution: z.enum(ATTRIBUTIONS),
  retentionMonths: wholeNumber(1, 120),
  capacity: wholeNumber(1, 100_000, true),
});
type Values = z.infer<typeof schema>;

function valuesOf(series: EditableSeries): Values {
  return {
    slug: series.slug,
    title: series.title,
    organiser: series.organiser,
    description: series.description,
    languages: series.languages,
    timeZone: series.timeZone,
    defaultAttribution: series.defaultAttribution,
    retentionMonths: String(series.retentionMonths),
    capacity: series.capacity === null ? "" : String(series.capacity),
  };
}

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes(current) ? zones : [current, ...zones];
}

/** Step 1: title, web address, organising body, description, languages, time zone, defaults. */
export function BasicsSection() {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const { series } = editor;
  const errorText = useErrorText();
  const languageLabel = useLanguageLabel();
  const form = useForm<Values>({
    resolver: zodResolver(schema, { error: issueToMessageKey }),
    defaultValues: valuesOf(series),
    shouldFocusError: true,
  });
  // Read while rendering: react-hook-form only tracks what a render subscribed to.
  const { errors, dirtyFields } = form.formState;
  const save = useMutation(
    trpc.authoring.update.mutationOptions({
      onSuccess: (saved) => {
        editor.saved(saved);
        form.reset(valuesOf(saved));
      },
      onError: editor.failed,
    }),
  );
  const locales = offeredLocales(form.watch("languages"));
  const slug = form.watch("slug");
  const slugValid = slugSchema.safeParse(slug).success;
  const available = useQuery(
    trpc.authoring.slugAvailable.queryOptions(
      { seriesId: editor.seriesId, slug },
      { enabled: slugValid && series.status === "draft" && slug !== series.slug, staleTime: 2_000 },
    ),
  );
  const description = form.watch("description");
  // Only what this person changed goes to the server: saving after a conflict keeps the others' edits.
  const submit = form.handleSubmit((values) => {
    const dirty = dirtyFields;
    const settings = {
      title: values.title,
      organiser: values.organiser,
      description: values.description,
      languages: values.languages,
      timeZone: values.timeZone,
      defaultAttribution: values.defaultAttribution,
      retentionMonths: Number(values.retentionMonths),
      capacity: values.capacity === "" ? null : Number(values.capacity),
    };
    const changed = Object.fromEntries(
      Object.entries(settings).filter(([key]) => dirty[key as keyof Values] !== undefined),
    );
    save.mutate({
      seriesId: editor.seriesId,
      expectedVersion: editor.series.version,
      ...(series.status === "draft" && dirty.slug ? { slug: values.slug } : {}),
      settings: changed,
    });
  });
  return (
    <EditorSection id="basics" step={1} title={t("editor.steps.basics")}>
      <form className="form editor-form" onSubmit={submit} noValidate aria-labelledby="basics-heading">
        {locales.map((locale) => (
          <Field
            key={`title-${locale}`}
            id={`basics-title-${locale}`}
            label={languageLabel(t("editor.basics.title"), locale, locales)}
            errors={errorText(errors.title?.[locale])}
          >
            {(p) => <input {...p} {...form.register(`title.${locale}`)} />}
          </Field>
        ))}
        <Field
          id="basics-slug"
          label={t("admin.slug")}
          hint={series.status === "draft" ? t("admin.slugHint") : t("editor.basics.slugFixed")}
          errors={errorText(errors.slug)}
        >
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              readOnly={series.status !== "draft"}
              {...form.register("slug")}
            />
          )}
        </Field>
        <p role="status" aria-live="polite" className="field-hint">
          {slugValid && slug !== series.slug && available.data
            ? available.data.available
              ? t("admin.slugFree")
              : t("admin.slugTaken")
            : ""}
        </p>
        <Field id="basics-organiser" label={t("admin.organiser")} errors={errorText(errors.organiser)}>
          {(p) => <input {...p} autoComplete="organization" {...form.register("organiser")} />}
        </Field>
        {locales.map((locale) => (
          <div key={`description-${locale}`} className="editor-markdown">
            <Field
              id={`basics-description-${locale}`}
              label={languageLabel(t("editor.basics.description"), locale, locales)}
              hint={t("editor.markdownHint")}
              errors={errorText(errors.description?.[locale])}
            >
              {(p) => <textarea {...p} rows={4} {...form.register(`description.${locale}`)} />}
            </Field>
            {description[locale] ? (
              <section className="editor-preview" aria-label={t("editor.preview")}>
                <p className="editor-preview-label" aria-hidden="true">
                  {t("editor.preview")}
                </p>
                <Markdown text={description[locale]} />
              </section>
            ) : null}
          </div>
        ))}
        <fieldset>
          <legend>{t("admin.languages")}</legend>
          {LANGUAGE_OFFERS.map((offer) => (
            <div key={offer} className="check-field">
              <input
                id={`basics-languages-${offer}`}
                type="radio"
                value={offer}
                {...form.register("languages")}
              />
              <label htmlFor={`basics-languages-${offer}`}>{t(`admin.language.${offer}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field id="basics-timeZone" label={t("editor.basics.timeZone")} errors={errorText(errors.timeZone)}>
          {(p) => (
            <select {...p} {...form.register("timeZone")}>
              {timeZones(series.timeZone).map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset>
          <legend>{t("editor.basics.attribution")}</legend>
          {ATTRIBUTIONS.map((attribution) => (
            <div key={attribution} className="check-field">
              <input
                id={`basics-attribution-${attribution}`}
                type="radio"
                value={attribution}
                {...form.register("defaultAttribution")}
              />
              <label htmlFor={`basics-attribution-${attribution}`}>
                {t(`editor.basics.attributions.${attribution}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="editor-row">
          <Field
            id="basics-retentionMonths"
            label={t("editor.basics.retention")}
            hint={t("editor.basics.retentionHint")}
            errors={errorText(errors.retentionMonths)}
          >
            {(p) => <input {...p} inputMode="numeric" {...form.register("retentionMonths")} />}
          </Field>
          <Field
            id="basics-capacity"
            label={t("editor.basics.capacity")}
            hint={t("editor.basics.capacityHint")}
            errors={errorText(errors.capacity)}
          >
            {(p) => <input {...p} inputMode="numeric" {...form.register("capacity")} />}
          </Field>
        </div>
        <SaveStatus
          error={save.error}
          isSuccess={save.isSuccess}
          form={form}
          fieldOf={(path) => path.replace(/^settings\./, "")}
          onDiscard={() => {
            form.reset(valuesOf(editor.series));
            save.reset();
          }}
        />
        <div>
          <button type="submit" className="ui-button ui-button-primary" disabled={save.isPending}>
            {t("editor.basics.save")}
          </button>
        </div>
      </form>
    </EditorSection>
  );
}
