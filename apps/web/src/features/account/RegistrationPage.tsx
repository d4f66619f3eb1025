import { zodResolver } from "@hookform/resolvers/zod";
import { registrationInputSchema, TEXT_LIMITS } from "@reeks/models";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { type FieldPath, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { Field } from "../../components/Field";
import { PageTitle } from "../../components/PageTitle";
import { fieldErrorsOf, serverMessageOf } from "../../lib/errors";
import { fieldErrorText, issueToMessageKey } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";

const formSchema = registrationInputSchema.omit({ seriesSlug: true });
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
      register.mutate({ seriesSlug: slug, ...values, motivation: values.motivation || undefined });
    },
    (fieldErrors) => {
      const first = (Object.keys(EMPTY) as Array<keyof FormValues>).find((field) => field in fieldErrors);
      if (first) form.setFocus(first);
    },
  );
  const required = <span className="muted"> {t("register.required")}</span>;

  if (register.isSuccess) {
    return (
      <>
        <PageTitle documentTitle={t("register.title", { series: series.title })}>
          {t("register.title", { series: series.title })}
        </PageTitle>
        <p role="status" className="notice notice-ok">
          {t("register.done", { email: form.getValues("email").trim().toLowerCase() })}
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
      {errorCount > 0 && submitCount > 0 && !message ? (
        <p role="alert" className="notice notice-error">
          {tc("form.fixErrors", { count: errorCount })}
        </p>
      ) : (
        register.isError &&
        !errorCount && (
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
        <div className="check-field">
          <input id="reg-commits" type="checkbox" {...form.register("commitsToAllSessions")} />
          <label htmlFor="reg-commits">{t("register.commits")}</label>
        </div>
        <section className="privacy" aria-labelledby="privacy-heading">
          <h2 id="privacy-heading">{t("register.privacyHeading")}</h2>
          <p>{t("register.privacyPurpose")}</p>
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
            {t("register.consent")}
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
    </>
  );
}
