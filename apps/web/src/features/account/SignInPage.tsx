import { zodResolver } from "@hookform/resolvers/zod";
import { emailSchema } from "@reeks/models";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { z } from "zod";
import { Field } from "../../components/Field";
import { PageTitle } from "../../components/PageTitle";
import { requestSignInLink } from "../../lib/auth";
import { fieldErrorText, issueToMessageKey } from "../../lib/form-errors";

const signInSchema = z.object({ email: emailSchema });

const KNOWN_ERRORS = new Set(["INVALID_TOKEN", "new_user_signup_disabled"]);

type State = { phase: "idle" | "sending" | "sent" } | { phase: "failed"; message: string };

export function SignInPage() {
  const { t } = useTranslation("account");
  const [params] = useSearchParams();
  const linkError = params.get("error");
  const { t: tc } = useTranslation("common");
  const [state, setState] = useState<State>({ phase: "idle" });
  const form = useForm<{ email: string }>({
    defaultValues: { email: "" },
    resolver: zodResolver(signInSchema, { error: issueToMessageKey }) as never,
  });

  const submit = form.handleSubmit(async ({ email }) => {
    setState({ phase: "sending" });
    const result = await requestSignInLink(email);
    if (result.ok) setState({ phase: "sent" });
    else setState({ phase: "failed", message: result.message ?? t("errors.generic") });
  });

  return (
    <>
      <PageTitle>{t("signIn.title")}</PageTitle>
      {linkError && (
        <p role="alert" className="notice notice-error">
          {KNOWN_ERRORS.has(linkError)
            ? t(`signIn.error.${linkError as "INVALID_TOKEN" | "new_user_signup_disabled"}`)
            : t("signIn.error.generic")}
        </p>
      )}
      <p>{t("signIn.intro")}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          id="sign-in-email"
          label={t("signIn.email")}
          errors={fieldErrorText(tc, form.formState.errors.email)}
        >
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="email"
              required
              maxLength={254}
              {...form.register("email")}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={state.phase === "sending"}>
          {state.phase === "sending" ? t("signIn.sending") : t("signIn.submit")}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {state.phase === "sent" && <p className="notice notice-ok">{t("signIn.sent")}</p>}
      </div>
      {state.phase === "failed" && (
        <p role="alert" className="notice notice-error">
          {state.message}
        </p>
      )}
      <p>
        <Link to="/">{t("signIn.notRegistered")}</Link>
      </p>
    </>
  );
}
