import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "../../components/Field";
import { Button, ChoiceGroup } from "../../components/ui";
import { encode, fieldErrorText, issueToMessageKey } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import type { BreakoutRound } from "./breakout-state";

/** The server's limits (router/breakout.ts), repeated here so the form says them before sending. */
const LIMITS = { groupCount: [1, 50], perGroup: [2, 50], durationMinutes: [1, 240] } as const;

const between = (key: keyof typeof LIMITS) => {
  const [min, max] = LIMITS[key];
  const error = encode("breakout:plan.between", { min, max });
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const schema = z.object({
  split: z.enum(["groupCount", "perGroup"]),
  groupCount: between("groupCount"),
  perGroup: between("perGroup"),
  assignment: z.enum(["random", "manual", "self"]),
  durationMinutes: between("durationMinutes"),
  rapporteurChoice: z.enum(["moderator", "group"]),
  groups: z.array(z.object({ name: z.string().trim().min(1).max(80), question: z.string().trim().max(500) })),
});
type Values = z.infer<typeof schema>;

function defaults(round: BreakoutRound | null, groupName: (n: number) => string): Values {
  if (round) {
    return {
      split: round.perGroup !== null ? "perGroup" : "groupCount",
      groupCount: round.groupCount,
      perGroup: round.perGroup ?? 4,
      assignment: round.assignment,
      durationMinutes: Math.max(1, Math.round(round.durationSeconds / 60)),
      rapporteurChoice: round.rapporteurChoice,
      groups: round.groups.map((g) => ({ name: g.name, question: g.ownQuestion ?? "" })),
    };
  }
  return {
    split: "groupCount",
    groupCount: 2,
    perGroup: 4,
    assignment: "random",
    durationMinutes: 20,
    rapporteurChoice: "group",
    groups: [1, 2].map((n) => ({ name: groupName(n), question: "" })),
  };
}

/**
 * The moderator's plan for a round: how to divide, how to assign, names and questions, duration and
 * who chooses the rapporteur. Creates the planned round, or changes it (with its version, so two
 * moderators editing at once do not overwrite each other unseen).
 */
export function PlanForm(props: { sessionId: string; round: BreakoutRound | null; beforeStart?: boolean }) {
  const { sessionId, round } = props;
  const { t } = useTranslation("breakout");
  const { t: tCommon } = useTranslation("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const groupName = (n: number) => t("plan.defaultName", { n });
  const form = useForm<Values>({
    resolver: zodResolver(schema, { error: issueToMessageKey }),
    defaultValues: defaults(round, groupName),
    shouldFocusError: true,
  });
  const { errors } = form.formState;
  const groups = useFieldArray({ control: form.control, name: "groups" });
  const [saved, setSaved] = useState(false);
  const plan = useMutation(
    trpc.breakout.plan.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: trpc.breakout.state.queryKey({ sessionId }) });
      },
    }),
  );
  const split = form.watch("split");
  const groupCount = form.watch("groupCount");

  // One row of name and question per group, as many as the number of groups.
  useEffect(() => {
    if (split !== "groupCount" || !Number.isInteger(groupCount)) return;
    const wanted = Math.min(Math.max(groupCount, LIMITS.groupCount[0]), LIMITS.groupCount[1]);
    const have = groups.fields.length;
    if (wanted > have) {
      groups.append(
        Array.from({ length: wanted - have }, (_, i) => ({ name: groupName(have + i + 1), question: "" })),
        { shouldFocus: false },
      );
    } else if (wanted < have) {
      groups.remove(Array.from({ length: have - wanted }, (_, i) => wanted + i));
    }
  }, [split, groupCount, groups.fields.length]);

  const errorText = (error: Parameters<typeof fieldErrorText>[1]) => fieldErrorText(tCommon, error);
  const onSubmit = form.handleSubmit((values) => {
    setSaved(false);
    plan.mutate({
      sessionId,
      ...(round ? { roundId: round.id, version: round.version } : {}),
      assignment: values.assignment,
      ...(values.split === "groupCount" ? { groupCount: values.groupCount } : { perGroup: values.perGroup }),
      durationMinutes: values.durationMinutes,
      rapporteurChoice: values.rapporteurChoice,
      ...(values.split === "groupCount"
        ? { groups: values.groups.map((g) => ({ name: g.name, question: g.question || null })) }
        : {}),
    });
  });

  return (
    <form className="breakout-plan" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{round ? t("plan.editHeading") : t("plan.heading")}</h3>
      {props.beforeStart ? <p className="muted">{t("plan.intro")}</p> : null}
      <Controller
        control={form.control}
        name="split"
        render={({ field }) => (
          <div className="breakout-choice">
            {/* Seen above the choices; the radio group itself carries the same name for screen readers. */}
            <span className="ui-label" aria-hidden="true">
              {t("plan.split")}
            </span>
            <ChoiceGroup
              aria-label={t("plan.split")}
              value={field.value}
              onChange={field.onChange}
              choices={[
                { id: "groupCount", label: t("plan.byGroupCount") },
                { id: "perGroup", label: t("plan.byPerGroup") },
              ]}
            />
          </div>
        )}
      />
      {split === "groupCount" ? (
        <Field id={`${id}-count`} label={t("plan.groupCount")} errors={errorText(errors.groupCount)}>
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={LIMITS.groupCount[0]}
              max={LIMITS.groupCount[1]}
              {...form.register("groupCount", { valueAsNumber: true })}
            />
          )}
        </Field>
      ) : (
        <Field
          id={`${id}-per`}
          label={t("plan.perGroup")}
          hint={t("plan.perGroupNote")}
          errors={errorText(errors.perGroup)}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={LIMITS.perGroup[0]}
              max={LIMITS.perGroup[1]}
              {...form.register("perGroup", { valueAsNumber: true })}
            />
          )}
        </Field>
      )}
      <Controller
        control={form.control}
        name="assignment"
        render={({ field }) => (
          <div className="breakout-choice">
            {/* Seen above the choices; the radio group itself carries the same name for screen readers. */}
            <span className="ui-label" aria-hidden="true">
              {t("plan.assignment")}
            </span>
            <ChoiceGroup
              aria-label={t("plan.assignment")}
              value={field.value}
              onChange={field.onChange}
              choices={[
                { id: "random", label: t("plan.random") },
                { id: "manual", label: t("plan.manual") },
                { id: "self", label: t("plan.self") },
              ]}
            />
          </div>
        )}
      />
      <Field id={`${id}-duration`} label={t("plan.duration")} errors={errorText(errors.durationMinutes)}>
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={LIMITS.durationMinutes[0]}
            max={LIMITS.durationMinutes[1]}
            {...form.register("durationMinutes", { valueAsNumber: true })}
          />
        )}
      </Field>
      <Controller
        control={form.control}
        name="rapporteurChoice"
        render={({ field }) => (
          <div className="breakout-choice">
            {/* Seen above the choices; the radio group itself carries the same name for screen readers. */}
            <span className="ui-label" aria-hidden="true">
              {t("plan.rapporteurChoice")}
            </span>
            <ChoiceGroup
              aria-label={t("plan.rapporteurChoice")}
              value={field.value}
              onChange={field.onChange}
              choices={[
                { id: "moderator", label: t("plan.rapporteurModerator") },
                { id: "group", label: t("plan.rapporteurGroup") },
              ]}
            />
          </div>
        )}
      />
      {split === "groupCount" ? (
        <fieldset className="breakout-fieldset breakout-groups-fields">
          <legend>{t("plan.groups")}</legend>
          <ol>
            {groups.fields.map((row, index) => (
              <li key={row.id}>
                <Field
                  id={`${id}-name-${index}`}
                  label={t("plan.groupName", { n: index + 1 })}
                  errors={errorText(errors.groups?.[index]?.name)}
                >
                  {(p) => <input {...p} {...form.register(`groups.${index}.name`)} />}
                </Field>
                <Field
                  id={`${id}-question-${index}`}
                  label={t("plan.groupQuestion", { n: index + 1 })}
                  hint={t("plan.questionHint")}
                  errors={errorText(errors.groups?.[index]?.question)}
                >
                  {(p) => <textarea {...p} rows={2} {...form.register(`groups.${index}.question`)} />}
                </Field>
              </li>
            ))}
          </ol>
        </fieldset>
      ) : null}
      {plan.error ? <p role="alert">{t("error", { message: plan.error.message })}</p> : null}
      <p role="status" className="muted">
        {saved && !plan.isPending ? t("plan.saved") : ""}
      </p>
      <Button type="submit" variant="primary" isDisabled={plan.isPending}>
        {plan.isPending ? t("plan.saving") : t("plan.save")}
      </Button>
    </form>
  );
}
