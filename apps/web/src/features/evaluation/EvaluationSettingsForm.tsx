import { zodResolver } from "@hookform/resolvers/zod";
import { EVALUATION_LIMITS, type EvaluationSettings } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "../../components/Field";
import { Button, ChoiceGroup } from "../../components/ui";
import { encode, fieldErrorText, issueToMessageKey } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";

const { deadlineDaysMin: min, deadlineDaysMax: max } = EVALUATION_LIMITS;
const between = encode("evaluation:settings.between", { min, max });
const schema = z.object({
  mode: z.enum(["anonymous", "named"]),
  deadlineDays: z
    .number({ error: between })
    .int({ error: between })
    .min(min, { error: between })
    .max(max, { error: between }),
  questions: z
    .array(z.object({ id: z.string(), text: z.string().trim().min(1).max(EVALUATION_LIMITS.question) }))
    .max(EVALUATION_LIMITS.questions),
});

/** The organiser's choices for the series: anonymous or named, how long to answer, extra questions. */
export function EvaluationSettingsForm({ seriesId }: { seriesId: string }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.evaluation.settings.queryOptions({ seriesId }));
  if (!settings.data) return null;
  return <SettingsForm seriesId={seriesId} initial={settings.data} />;
}

function SettingsForm({ seriesId, initial }: { seriesId: string; initial: EvaluationSettings }) {
  const { t } = useTranslation("evaluation");
  const { t: tCommon } = useTranslation("common");
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const form = useForm<EvaluationSettings>({
    resolver: zodResolver(schema, { error: issueToMessageKey }),
    defaultValues: initial,
    shouldFocusError: true,
  });
  const questions = useFieldArray({ control: form.control, name: "questions", keyName: "key" });
  const { errors } = form.formState;
  const save = useMutation(
    trpc.evaluation.updateSettings.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: trpc.evaluation.settings.queryKey({ seriesId }) });
      },
    }),
  );
  const onSubmit = form.handleSubmit((values) => {
    setSaved(false);
    save.mutate({ seriesId, ...values });
  });
  return (
    <form
      className="evaluation-settings stack"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-labelledby={`${id}-h`}
    >
      <h3 id={`${id}-h`}>{t("settings.heading")}</h3>
      <p className="muted">{t("settings.intro")}</p>
      <Controller
        control={form.control}
        name="mode"
        render={({ field }) => (
          <div className="field">
            <span className="ui-label" aria-hidden="true">
              {t("settings.mode")}
            </span>
            <ChoiceGroup
              aria-label={t("settings.mode")}
              value={field.value}
              onChange={field.onChange}
              choices={[
                { id: "anonymous", label: t("settings.anonymous") },
                { id: "named", label: t("settings.named") },
              ]}
            />
          </div>
        )}
      />
      <Field
        id={`${id}-days`}
        label={t("settings.deadlineDays")}
        errors={fieldErrorText(tCommon, errors.deadlineDays)}
      >
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            {...form.register("deadlineDays", { valueAsNumber: true })}
          />
        )}
      </Field>
      <fieldset>
        <legend>{t("settings.questions")}</legend>
        <ol>
          {questions.fields.map((row, index) => (
            <li key={row.key}>
              <Field
                id={`${id}-q-${index}`}
                label={t("settings.question", { n: index + 1 })}
                errors={fieldErrorText(tCommon, errors.questions?.[index]?.text)}
              >
                {(p) => (
                  <input
                    {...p}
                    maxLength={EVALUATION_LIMITS.question}
                    {...form.register(`questions.${index}.text`)}
                  />
                )}
              </Field>
              <Button variant="quiet" icon={Trash2} onPress={() => questions.remove(index)}>
                {t("settings.removeQuestion", { n: index + 1 })}
              </Button>
            </li>
          ))}
        </ol>
        {questions.fields.length < EVALUATION_LIMITS.questions ? (
          <Button icon={Plus} onPress={() => questions.append({ id: crypto.randomUUID(), text: "" })}>
            {t("settings.addQuestion")}
          </Button>
        ) : null}
      </fieldset>
      {save.error ? <p role="alert">{save.error.message}</p> : null}
      <p>
        <Button type="submit" variant="primary" isDisabled={save.isPending}>
          {t("settings.save")}
        </Button>
      </p>
      <p role="status" className="muted">
        {saved && !save.isPending ? t("settings.saved") : ""}
      </p>
    </form>
  );
}
