import { zodResolver } from "@hookform/resolvers/zod";
import type { RouterOutputs } from "@reeks/api";
import { EVALUATION_LIMITS, pickLocale } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { Field } from "../../components/Field";
import { PageTitle } from "../../components/PageTitle";
import { Button, ChoiceGroup } from "../../components/ui";
import { encode, fieldErrorText, issueToMessageKey } from "../../lib/form-errors";
import { formatDateTime, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";

type Form = RouterOutputs["evaluation"]["form"];
type Score = "1" | "2" | "3" | "4" | "5";
const SCORES: Score[] = ["1", "2", "3", "4", "5"];

const schema = z.object({
  usefulness: z.enum(SCORES, { error: encode("evaluation:required") }),
  essayMust: z.string().max(EVALUATION_LIMITS.answer),
  changeNext: z.string().max(EVALUATION_LIMITS.answer),
  extra: z.record(z.string(), z.string().max(EVALUATION_LIMITS.answer)),
});
type Values = z.infer<typeof schema>;

const codeOf = (error: unknown) =>
  error instanceof TRPCClientError ? ((error.data as { code?: string } | undefined)?.code ?? null) : null;

/**
 * The evaluation of one session: reached from the mail's link (`/evaluatie/:token`, no sign-in) or
 * from the home page (`/sessies/:sessionId/evaluatie`, signed in). Says "anonymous" or "named"
 * before the first question.
 */
export function EvaluationPage() {
  const { token, sessionId } = useParams();
  const { t } = useTranslation(["evaluation", "common"]);
  const trpc = useTRPC();
  const byToken = useQuery(
    trpc.evaluation.formByToken.queryOptions({ token: token ?? "" }, { enabled: !!token }),
  );
  const bySession = useQuery(
    trpc.evaluation.form.queryOptions({ sessionId: sessionId ?? "" }, { enabled: !token && !!sessionId }),
  );
  const query = token ? byToken : bySession;
  const code = codeOf(query.error);
  return (
    <>
      {query.data ? null : <PageTitle>{t("evaluation:title")}</PageTitle>}
      {query.isPending && !code && <p role="status">{t("common:loading")}</p>}
      {code === "UNAUTHORIZED" && (
        <p role="alert">
          {t("evaluation:signInFirst")} <Link to="/inloggen">{t("evaluation:signIn")}</Link>
        </p>
      )}
      {(code === "NOT_FOUND" || (code === "BAD_REQUEST" && token)) && (
        <p role="alert">{t("evaluation:invalidLink")}</p>
      )}
      {code === "FORBIDDEN" && <p role="alert">{t("evaluation:notInvited")}</p>}
      {query.isError && !["UNAUTHORIZED", "NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(code ?? "") && (
        <p role="alert">{t("common:error.generic")}</p>
      )}
      {query.data && <EvaluationForm form={query.data} token={token ?? null} />}
    </>
  );
}

function EvaluationForm({ form, token }: { form: Form; token: string | null }) {
  const { t } = useTranslation(["evaluation", "common"]);
  const locale = useLocale();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [sent, setSent] = useState(false);
  const values = useForm<Values>({
    resolver: zodResolver(schema, { error: issueToMessageKey }),
    defaultValues: { essayMust: "", changeNext: "", extra: {} },
    shouldFocusError: true,
  });
  const { t: tCommon } = useTranslation("common");
  const { errors } = values.formState;
  const errorText = (error: Parameters<typeof fieldErrorText>[1]) => fieldErrorText(tCommon, error);
  const done = () => {
    setSent(true);
    void queryClient.invalidateQueries({ queryKey: trpc.evaluation.pending.queryKey() });
  };
  const viaToken = useMutation(trpc.evaluation.submitByToken.mutationOptions({ onSuccess: done }));
  const viaSession = useMutation(trpc.evaluation.submit.mutationOptions({ onSuccess: done }));
  const submit = token ? viaToken : viaSession;
  const title = pickLocale(form.session.title, locale);
  const onSubmit = values.handleSubmit((v) => {
    const answers = {
      usefulness: Number(v.usefulness),
      essayMust: v.essayMust,
      changeNext: v.changeNext,
      extra: v.extra,
    };
    if (token) viaToken.mutate({ token, answers });
    else viaSession.mutate({ sessionId: form.sessionId, answers });
  });
  return (
    <>
      <PageTitle>{t("evaluation:heading", { position: form.session.position, title })}</PageTitle>
      <p className="muted">{t("evaluation:series", { title: pickLocale(form.seriesTitle, locale) })}</p>
      {!form.invited ? (
        <p role="alert">{t("evaluation:notInvited")}</p>
      ) : sent ? (
        <p role="status" className="notice">
          {t("evaluation:thanks")}
        </p>
      ) : form.answered ? (
        <p className="notice">{t("evaluation:answered")}</p>
      ) : !form.open ? (
        <p className="notice">{t("evaluation:closed")}</p>
      ) : (
        <form
          className="evaluation-form stack"
          noValidate
          onSubmit={(e) => void onSubmit(e)}
          aria-describedby={`${id}-mode`}
        >
          <p id={`${id}-mode`} className="notice evaluation-mode" data-mode={form.mode}>
            <strong>{t(`evaluation:mode.${form.mode ?? "anonymous"}`)}</strong>
            {form.deadline ? (
              <>
                {" "}
                {t("evaluation:deadlineBefore")}{" "}
                <time dateTime={form.deadline}>
                  {formatDateTime(form.deadline, locale, { dateStyle: "full", timeStyle: "short" })}
                </time>
                .
              </>
            ) : null}
          </p>
          <Controller
            control={values.control}
            name="usefulness"
            render={({ field }) => (
              <div
                className={`field${errors.usefulness ? " field-invalid" : ""}`}
                // The form focuses the first error: here, the radio group's first choice.
                ref={(el) => field.ref({ focus: () => el?.querySelector("input")?.focus() })}
              >
                <span className="ui-label" aria-hidden="true">
                  {t("evaluation:usefulness")}
                </span>
                {errors.usefulness ? (
                  <p id={`${id}-usefulness-error`} className="field-error">
                    {errorText(errors.usefulness)?.join(" ")}
                  </p>
                ) : null}
                <ChoiceGroup
                  aria-label={t("evaluation:usefulness")}
                  aria-describedby={errors.usefulness ? `${id}-usefulness-error` : undefined}
                  isInvalid={Boolean(errors.usefulness)}
                  value={field.value ?? null}
                  onChange={field.onChange}
                  choices={SCORES.map((score) => ({ id: score, label: t(`evaluation:scale.${score}`) }))}
                />
              </div>
            )}
          />
          <Field
            id={`${id}-essay`}
            label={t("evaluation:essayMust")}
            hint={t("evaluation:optional")}
            errors={errorText(errors.essayMust)}
          >
            {(p) => (
              <textarea
                {...p}
                rows={4}
                maxLength={EVALUATION_LIMITS.answer}
                {...values.register("essayMust")}
              />
            )}
          </Field>
          <Field
            id={`${id}-change`}
            label={t("evaluation:changeNext")}
            hint={t("evaluation:optional")}
            errors={errorText(errors.changeNext)}
          >
            {(p) => (
              <textarea
                {...p}
                rows={4}
                maxLength={EVALUATION_LIMITS.answer}
                {...values.register("changeNext")}
              />
            )}
          </Field>
          {form.questions.map((question) => (
            <Field
              key={question.id}
              id={`${id}-${question.id}`}
              label={question.text}
              hint={t("evaluation:optional")}
              errors={errorText(errors.extra?.[question.id])}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  maxLength={EVALUATION_LIMITS.answer}
                  {...values.register(`extra.${question.id}`)}
                />
              )}
            </Field>
          ))}
          {submit.error ? (
            <p role="alert">{t("evaluation:error", { message: submit.error.message })}</p>
          ) : null}
          <p>
            <Button type="submit" variant="primary" isDisabled={submit.isPending}>
              {submit.isPending ? t("evaluation:sending") : t("evaluation:submit")}
            </Button>
          </p>
        </form>
      )}
    </>
  );
}
