import { zodResolver } from "@hookform/resolvers/zod";
import { registrationInputSchema, TEXT_LIMITS } from "@reeks/models";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { type FieldPath, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { Field } from "../../components/Field";
import { PageTitle } from "../../components/PageTitle";
import { logoSrc, SeriesBrand } from "../../components/SeriesBrand";
import { fieldErrorsOf, serverMessageOf } from "../../lib/errors";
import { fieldErrorText, issueToMessageKey } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";

// The series' own questions are asked beside the form (their rules live on the server).
const formSchema = registrationInputSchema.omit({ seriesSlug: true, answers: true });
type FormValues = {
  name: string;
  email: string;
  organisation: string;
  jobTitle: string;
  motivation: string;
  commitsToAllSessions: boolean;
  consent: boolean;
};
const EMPTY: FormValues = {
  name: "",
  email: "",
  organisation: "",
  jobTitle: "",
  motivation: "",
  commitsToAllSessions: false,
  consent: false,
};

export function RegistrationPage() {
  const { t } = useTranslation("account");
  const { t: tc } = useTranslation("common");
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const info = useQuery(trpc.registration.info.queryOptions({ slug }));
  const register = useMutation(trpc.registration.register.mutationOptions());
  const form = useForm<FormValues>({
    defaultValues: EMPTY,
    // Checked in the browser with the server's own schema; the words come from the issues' keys.
    resolver: zodResolver(formSchema, { error: issueToMessageKey }) as never,
    // Focus goes to the first field at fault in the page's order (below), not the schema's.
    shouldFocusError: false,
  });
  const { errors, submitCount } = form.formState;
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const serverErrors = fieldErrorsOf(register.error);
  const message = serverMessageOf(register.error);
  // What only the server can judge comes back as field errors too, and lands on its field.
  useEffect(() => {
    const fields = Object.entries(fieldErrorsOf(register.error));
    for (const [index, [field, messages]] of fields.entries()) {
      if (field in EMPTY) {
        form.setError(
          field as FieldPath<FormValues>,
          { message: messages.join(" ") },
          { shouldFocus: index === 0 },
        );
      }
    }
  }, [register.error, form]);
  const errorCount = Object.keys(errors).length;
  const errorsOf = (field: keyof FormValues) => fieldErrorText(tc, errors[field]);

  if (info.isPending) return <p role="status">{tc("loading")}</p>;
  if (info.isError || !info.data) return <p role="alert">{t("errors.generic")}</p>;
  const series = info.data;

  const submit = form.handleSubmit(
    (values) => {
      register.mutate({
        seriesSlug: slug,
        ...values,
        commitsToAllSessions: series.commitToAll || values.commitsToAllSessions,
        motivation: values.motivation || undefined,
        answers,
      });
    },
    (fieldErrors) => {
      const first = (Object.keys(EMPTY) as Array<keyof FormValues>).find((field) => field in fieldErrors);
      if (first) form.setFocus(first);
    },
  );
  const required = <span className="muted"> {t("register.required")}</span>;
  const brand = { accentColour: series.accentColour, logo: logoSrc(series), organiser: series.organiser };

  if (register.isSuccess) {
    return (
      <SeriesBrand {...brand}>
        <PageTitle documentTitle={t("register.title", { series: series.title })}>
          {t("register.title", { series: series.title })}
        </PageTitle>
        <p role="status" className="notice notice-ok">
          {t("register.done", { email: form.getValues("email").trim().toLowerCase() })}
        </p>
      </SeriesBrand>
    );
  }

  return (
    <SeriesBrand {...brand}>
      <PageTitle documentTitle={t("register.title", { series: series.title })}>
        {t("register.title", { series: series.title })}
      </PageTitle>
      <p className="lead">
        {series.approval === "automatic"
          ? t("register.introAutomatic")
          : t("register.intro", { organiser: series.organiser })}
      </p>
      {!series.open && (
        <p role="status" className="notice notice-error">
          {t("register.closed")}
        </p>
      )}
      {series.open && series.places !== "available" && (
        <p role="status" className="notice">
          {t(series.places === "waitlist" ? "register.fullWaitlist" : "register.fullNoWaitlist")}
        </p>
      )}
      {errorCount > 0 && submitCount > 0 && !message ? (
        <p role="alert" className="notice notice-error">
          {tc("form.fixErrors", { count: errorCount })}
        </p>
      ) : (
        register.isError &&
        !errorCount &&
        (message || !Object.keys(serverErrors).length) && (
          <p role="alert" className="notice notice-error">
            {message ?? t("errors.generic")}
          </p>
        )
      )}
      <form className="form" onSubmit={submit} noValidate>
        <Field
          id="reg-name"
          label={
            <>
              {t("register.name")}
              {required}
            </>
          }
          errors={errorsOf("name")}
        >
          {(p) => (
            <input
              {...p}
              autoComplete="name"
              required
              maxLength={TEXT_LIMITS.name}
              {...form.register("name")}
            />
          )}
        </Field>
        <Field
          id="reg-email"
          label={
            <>
              {t("register.email")}
              {required}
            </>
          }
          errors={errorsOf("email")}
        >
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="email"
              required
              maxLength={TEXT_LIMITS.email}
              {...form.register("email")}
            />
          )}
        </Field>
        <Field
          id="reg-organisation"
          label={
            <>
              {t("register.organisation")}
              {required}
            </>
          }
          hint={t("register.organisationHint")}
          errors={errorsOf("organisation")}
        >
          {(p) => (
            <input
              {...p}
              autoComplete="organization"
              required
              maxLength={TEXT_LIMITS.organisation}
              {...form.register("organisation")}
            />
          )}
        </Field>
        <Field
          id="reg-job"
          label={
            <>
              {t("register.jobTitle")}
              {required}
            </>
          }
          errors={errorsOf("jobTitle")}
        >
          {(p) => (
            <input
              {...p}
              autoComplete="organization-title"
              required
              maxLength={TEXT_LIMITS.jobTitle}
              {...form.register("jobTitle")}
            />
          )}
        </Field>
        <Field
          id="reg-motivation"
          label={t("register.motivation")}
          hint={t("register.motivationHint")}
          errors={errorsOf("motivation")}
        >
          {(p) => (
            <textarea {...p} rows={4} maxLength={TEXT_LIMITS.motivation} {...form.register("motivation")} />
          )}
        </Field>
        {series.questions.map((question) =>
          question.kind === "choice" ? (
            <fieldset
              key={question.id}
              className={serverErrors[`answers.${question.id}`] ? "field-invalid" : undefined}
              aria-describedby={
                serverErrors[`answers.${question.id}`] ? `reg-q-${question.id}-error` : undefined
              }
            >
              <legend>
                {question.label}
                {question.required && required}
              </legend>
              {serverErrors[`answers.${question.id}`] && (
                <p id={`reg-q-${question.id}-error`} className="field-error">
                  {serverErrors[`answers.${question.id}`]?.join(" ")}
                </p>
              )}
              {question.choices.map((choice, index) => (
                <div key={choice} className="check-field">
                  <input
                    id={`reg-q-${question.id}-${index}`}
                    type="radio"
                    name={`q-${question.id}`}
                    checked={answers[question.id] === String(index)}
                    onChange={() => setAnswers({ ...answers, [question.id]: String(index) })}
                  />
                  <label htmlFor={`reg-q-${question.id}-${index}`}>{choice}</label>
                </div>
              ))}
            </fieldset>
          ) : (
            <Field
              key={question.id}
              id={`reg-q-${question.id}`}
              label={
                <>
                  {question.label}
                  {question.required && required}
                </>
              }
              errors={serverErrors[`answers.${question.id}`]}
            >
              {(p) => (
                <input
                  {...p}
                  maxLength={500}
                  value={answers[question.id] ?? ""}
                  onChange={(e) => setAnswers({ ...answers, [question.id]: e.target.value })}
                />
              )}
            </Field>
          ),
        )}
        {series.commitToAll ? (
          <p>{t("register.commitToAll")}</p>
        ) : (
          <div className="check-field">
            <input id="reg-commits" type="checkbox" {...form.register("commitsToAllSessions")} />
            <label htmlFor="reg-commits">{t("register.commits")}</label>
          </div>
        )}
        <section className="privacy" aria-labelledby="privacy-heading">
          <h2 id="privacy-heading">{t("register.privacyHeading")}</h2>
          <p>{series.consentPurpose || t("register.privacyPurpose")}</p>
          <p>{t("register.privacyRetention", { months: series.retentionMonths })}</p>
        </section>
        <div className={`check-field${errors.consent ? " field-invalid" : ""}`}>
          <input
            id="reg-consent"
            type="checkbox"
            {...form.register("consent")}
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? "reg-consent-error" : undefined}
          />
          <label htmlFor="reg-consent">
            {series.consentText || t("register.consent")}
            {required}
          </label>
          {errors.consent && (
            <p id="reg-consent-error" className="field-error">
              {errorsOf("consent")?.join(" ")}
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={register.isPending}>
          {register.isPending ? t("register.sending") : t("register.submit")}
        </button>
      </form>
    </SeriesBrand>
  );
}
