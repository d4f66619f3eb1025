import { zodResolver } from "@hookform/resolvers/zod";
import { AUTHORING_LIMITS, type RegistrationSettings } from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useFieldArray, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "../../components/Field";
import { encode, issueToMessageKey } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { type EditableSeries, newQuestionId, useEditor, useErrorText } from "./editor-context";
import { EditorSection, useLanguageLabel } from "./editor-fields";
import { SaveStatus } from "./SaveStatus";
import { toZonedInput, zonedInputToIso } from "./zoned-time";

const localized = (max: number) =>
  z.object({ nl: z.string().trim().max(max), en: z.string().trim().max(max) });
const schema = z.object({
  open: z.boolean(),
  closesAt: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, { error: encode("authoring:editor.errors.date") }),
  approval: z.enum(["manual", "automatic"]),
  waitlist: z.boolean(),
  commitToAll: z.boolean(),
  consentText: localized(AUTHORING_LIMITS.consent),
  consentPurpose: localized(AUTHORING_LIMITS.consent),
  questions: z
    .array(
      z.object({
        id: z.string(),
        kind: z.enum(["text", "choice"]),
        label: localized(AUTHORING_LIMITS.questionLabel),
        required: z.boolean(),
        /** One choice a line, per language; line n of each language is one choice. */
        choices: z.object({ nl: z.string(), en: z.string() }),
      }),
    )
    .max(AUTHORING_LIMITS.questions),
});
type Values = z.infer<typeof schema>;

function valuesOf(series: EditableSeries): Values {
  const r = series.registration;
  return {
    open: r.open,
    closesAt: r.closesAt ? toZonedInput(r.closesAt, series.timeZone) : "",
    approval: r.approval,
    waitlist: r.waitlist,
    commitToAll: r.commitToAll,
    consentText: r.consentText,
    consentPurpose: r.consentPurpose,
    questions: r.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      label: q.label,
      required: q.required,
      choices: {
        nl: q.choices.map((c) => c.nl).join("\n"),
        en: q.choices.map((c) => c.en).join("\n"),
      },
    })),
  };
}

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

function settingsOf(values: Values, timeZone: string): RegistrationSettings {
  return {
    open: values.open,
    closesAt: values.closesAt ? zonedInputToIso(values.closesAt, timeZone) : null,
    approval: values.approval,
    waitlist: values.waitlist,
    commitToAll: values.commitToAll,
    consentText: values.consentText,
    consentPurpose: values.consentPurpose,
    questions: values.questions.map((q) => {
      const nl = lines(q.choices.nl);
      const en = lines(q.choices.en);
      const count = q.kind === "choice" ? Math.max(nl.length, en.length) : 0;
      return {
        id: q.id,
        kind: q.kind,
        label: q.label,
        required: q.required,
        choices: Array.from({ length: count }, (_, i) => ({ nl: nl[i] ?? "", en: en[i] ?? "" })),
      };
    }),
  };
}

/** Step 4: whether and how people register, the questions asked, and what they consent to. */
export function RegistrationSection() {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const editor = useEditor();
  const { series, locales } = editor;
  const errorText = useErrorText();
  const languageLabel = useLanguageLabel();
  const form = useForm<Values>({
    resolver: zodResolver(schema, { error: issueToMessageKey }),
    defaultValues: valuesOf(series),
    shouldFocusError: true,
  });
  const questions = useFieldArray({ control: form.control, name: "questions", keyName: "key" });
  const { errors } = form.formState;
  const save = useMutation(
    trpc.authoring.update.mutationOptions({
      onSuccess: (saved) => {
        editor.saved(saved);
        form.reset(valuesOf(saved));
      },
      onError: editor.failed,
    }),
  );
  const id = (name: string) => `registration-${name}`;
  const check = (name: "open" | "waitlist" | "commitToAll", label: string) => (
    <div className="check-field">
      <input id={id(name)} type="checkbox" {...form.register(name)} />
      <label htmlFor={id(name)}>{label}</label>
    </div>
  );
  // Server paths are "registration.questions.0.label.nl"; ours are the same without the prefix.
  const fieldOf = (path: string) =>
    path.startsWith("registration.") ? path.slice("registration.".length) : null;
  return (
    <EditorSection id="registration" step={4} title={t("editor.steps.registration")}>
      <form
        className="form editor-form"
        noValidate
        aria-labelledby="registration-heading"
        onSubmit={form.handleSubmit((values) =>
          save.mutate({
            seriesId: editor.seriesId,
            expectedVersion: editor.series.version,
            settings: {},
            registration: settingsOf(values, series.timeZone),
          }),
        )}
      >
        {check("open", t("editor.registration.open"))}
        <Field
          id={id("closesAt")}
          label={t("editor.registration.closesAt", { zone: series.timeZone })}
          hint={t("editor.registration.closesAtHint")}
          errors={errorText(errors.closesAt)}
        >
          {(p) => <input {...p} type="datetime-local" {...form.register("closesAt")} />}
        </Field>
        <fieldset>
          <legend>{t("editor.registration.approval")}</legend>
          {(["manual", "automatic"] as const).map((approval) => (
            <div key={approval} className="check-field">
              <input
                id={id(`approval-${approval}`)}
                type="radio"
                value={approval}
                {...form.register("approval")}
              />
              <label htmlFor={id(`approval-${approval}`)}>
                {t(`editor.registration.approvals.${approval}`)}
              </label>
            </div>
          ))}
        </fieldset>
        {check("waitlist", t("editor.registration.waitlist"))}
        {check("commitToAll", t("editor.registration.commitToAll"))}
        <fieldset className="editor-questions">
          <legend>{t("editor.registration.questions")}</legend>
          <p className="field-hint">
            {t("editor.registration.questionsHint", { max: AUTHORING_LIMITS.questions })}
          </p>
          {questions.fields.map((question, index) => {
            const qErrors = errors.questions?.[index];
            const kind = form.watch(`questions.${index}.kind`);
            const qid = (name: string) => id(`question-${question.id}-${name}`);
            return (
              <fieldset key={question.key} className="editor-speaker">
                <legend>{t("editor.registration.question", { n: index + 1 })}</legend>
                {locales.map((locale) => (
                  <Field
                    key={locale}
                    id={qid(`label-${locale}`)}
                    label={languageLabel(t("editor.registration.questionLabel"), locale, locales)}
                    errors={errorText(qErrors?.label?.[locale])}
                  >
                    {(p) => <input {...p} {...form.register(`questions.${index}.label.${locale}`)} />}
                  </Field>
                ))}
                <Field id={qid("kind")} label={t("editor.registration.kind")}>
                  {(p) => (
                    <select {...p} {...form.register(`questions.${index}.kind`)}>
                      <option value="text">{t("editor.registration.kinds.text")}</option>
                      <option value="choice">{t("editor.registration.kinds.choice")}</option>
                    </select>
                  )}
                </Field>
                {kind === "choice" &&
                  locales.map((locale) => (
                    <Field
                      key={`choices-${locale}`}
                      id={qid(`choices-${locale}`)}
                      label={languageLabel(t("editor.registration.choices"), locale, locales)}
                      hint={t("editor.registration.choicesHint")}
                      errors={errorText(qErrors?.choices?.[locale]) ?? errorText(qErrors?.choices as never)}
                    >
                      {(p) => (
                        <textarea
                          {...p}
                          rows={3}
                          {...form.register(`questions.${index}.choices.${locale}`)}
                        />
                      )}
                    </Field>
                  ))}
                <div className="check-field">
                  <input
                    id={qid("required")}
                    type="checkbox"
                    {...form.register(`questions.${index}.required`)}
                  />
                  <label htmlFor={qid("required")}>{t("editor.registration.required")}</label>
                </div>
                <button
                  type="button"
                  className="ui-button ui-button-quiet"
                  onClick={() => questions.remove(index)}
                >
                  <Trash2 aria-hidden="true" className="ui-icon" />
                  {t("editor.registration.removeQuestion", { n: index + 1 })}
                </button>
              </fieldset>
            );
          })}
          {questions.fields.length < AUTHORING_LIMITS.questions && (
            <button
              type="button"
              className="ui-button ui-button-secondary"
              onClick={() =>
                questions.append(
                  {
                    id: newQuestionId(form.getValues("questions").map((q) => q.id)),
                    kind: "text",
                    label: { nl: "", en: "" },
                    required: false,
                    choices: { nl: "", en: "" },
                  },
                  { shouldFocus: true },
                )
              }
            >
              <Plus aria-hidden="true" className="ui-icon" />
              {t("editor.registration.addQuestion")}
            </button>
          )}
        </fieldset>
        <fieldset>
          <legend>{t("editor.registration.consent")}</legend>
          <p className="field-hint">
            {t("editor.registration.retentionShown", { count: series.retentionMonths })}
          </p>
          {locales.map((locale) => (
            <div key={locale} className="form">
              <Field
                id={id(`consentText-${locale}`)}
                label={languageLabel(t("editor.registration.consentText"), locale, locales)}
                errors={errorText(errors.consentText?.[locale])}
              >
                {(p) => <textarea {...p} rows={3} {...form.register(`consentText.${locale}`)} />}
              </Field>
              <Field
                id={id(`consentPurpose-${locale}`)}
                label={languageLabel(t("editor.registration.consentPurpose"), locale, locales)}
                errors={errorText(errors.consentPurpose?.[locale])}
              >
                {(p) => <textarea {...p} rows={2} {...form.register(`consentPurpose.${locale}`)} />}
              </Field>
            </div>
          ))}
        </fieldset>
        <SaveStatus
          error={save.error}
          isSuccess={save.isSuccess}
          form={form}
          fieldOf={fieldOf}
          onDiscard={() => {
            form.reset(valuesOf(editor.series));
            save.reset();
          }}
        />
        <div>
          <button type="submit" className="ui-button ui-button-primary" disabled={save.isPending}>
            {t("editor.registration.save")}
          </button>
        </div>
      </form>
    </EditorSection>
  );
}
