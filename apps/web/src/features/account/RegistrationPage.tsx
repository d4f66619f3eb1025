import { TEXT_LIMITS } from "@reeks/models";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { CheckField, Field } from "../../components/Field";
import { PageTitle } from "../../components/PageTitle";
import { fieldErrorsOf, serverMessageOf } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";

const EMPTY = { name: "", email: "", organisation: "", jobTitle: "", motivation: "" };

export function RegistrationPage() {
  const { t } = useTranslation("account");
  const { t: tc } = useTranslation("common");
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const info = useQuery(trpc.registration.info.queryOptions({ slug }));
  const register = useMutation(trpc.registration.register.mutationOptions());
  const [form, setForm] = useState(EMPTY);
  const [commits, setCommits] = useState(false);
  const [consent, setConsent] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const errors = fieldErrorsOf(register.error);
  const message = serverMessageOf(register.error);

  if (info.isPending) return <p role="status">{tc("loading")}</p>;
  if (info.isError || !info.data) return <p role="alert">{t("errors.generic")}</p>;
  const series = info.data;

  function submit(event: FormEvent) {
    event.preventDefault();
    register.mutate({
      seriesSlug: slug,
      ...form,
      motivation: form.motivation || undefined,
      commitsToAllSessions: commits,
      consent,
      answers,
    });
  }
  const text = (key: keyof typeof EMPTY) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  const required = <span className="muted"> {t("register.required")}</span>;

  if (register.isSuccess) {
    return (
      <>
        <PageTitle documentTitle={t("register.title", { series: series.title })}>
          {t("register.title", { series: series.title })}
        </PageTitle>
        <p role="status" className="notice notice-ok">
          {t("register.done", { email: form.email.trim().toLowerCase() })}
        </p>
      </>
    );
  }

  return (
    <>
      <PageTitle documentTitle={t("register.title", { series: series.title })}>
        {t("register.title", { series: series.title })}
      </PageTitle>
      <p className="lead">{t("register.intro", { organiser: series.organiser })}</p>
      {!series.open && (
        <p role="status" className="notice notice-error">
          {t("register.closed")}
        </p>
      )}
      {register.isError && (
        <p role="alert" className="notice notice-error">
          {message ?? (Object.keys(errors).length ? t("register.fixErrors") : t("errors.generic"))}
        </p>
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
          errors={errors.name}
        >
          {(p) => (
            <input
              {...p}
              name="name"
              autoComplete="name"
              required
              maxLength={TEXT_LIMITS.name}
              {...text("name")}
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
          errors={errors.email}
        >
          {(p) => (
            <input
              {...p}
              type="email"
              name="email"
              autoComplete="email"
              required
              maxLength={TEXT_LIMITS.email}
              {...text("email")}
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
          errors={errors.organisation}
        >
          {(p) => (
            <input
              {...p}
              name="organisation"
              autoComplete="organization"
              required
              maxLength={TEXT_LIMITS.organisation}
              {...text("organisation")}
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
          errors={errors.jobTitle}
        >
          {(p) => (
            <input
              {...p}
              name="jobTitle"
              autoComplete="organization-title"
              required
              maxLength={TEXT_LIMITS.jobTitle}
              {...text("jobTitle")}
            />
          )}
        </Field>
        <Field
          id="reg-motivation"
          label={t("register.motivation")}
          hint={t("register.motivationHint")}
          errors={errors.motivation}
        >
          {(p) => (
            <textarea
              {...p}
              name="motivation"
              rows={4}
              maxLength={TEXT_LIMITS.motivation}
              {...text("motivation")}
            />
          )}
        </Field>
        {series.questions.map((question) =>
          question.kind === "choice" ? (
            <fieldset
              key={question.id}
              className={errors[`answers.${question.id}`] ? "field-invalid" : undefined}
              aria-describedby={errors[`answers.${question.id}`] ? `reg-q-${question.id}-error` : undefined}
            >
              <legend>
                {question.label}
                {question.required && required}
              </legend>
              {errors[`answers.${question.id}`] && (
                <p id={`reg-q-${question.id}-error`} className="field-error">
                  {errors[`answers.${question.id}`]?.join(" ")}
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
              errors={errors[`answers.${question.id}`]}
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
          <CheckField
            id="reg-commits"
            label={t("register.commits")}
            checked={commits}
            onChange={setCommits}
          />
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
            checked={consent}
            onChange={(e) => setConsent(e.target.checked)}
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? "reg-consent-error" : undefined}
          />
          <label htmlFor="reg-consent">
            {series.consentText || t("register.consent")}
            {required}
          </label>
          {errors.consent && (
            <p id="reg-consent-error" className="field-error">
              {errors.consent.join(" ")}
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={register.isPending}>
          {register.isPending ? t("register.sending") : t("register.submit")}
        </button>
      </form>
    </>
  );
}
