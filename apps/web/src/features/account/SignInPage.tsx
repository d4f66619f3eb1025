import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Field } from "../../components/Field";
import { PageTitle } from "../../components/PageTitle";
import { requestSignInLink } from "../../lib/auth";

const KNOWN_ERRORS = new Set(["INVALID_TOKEN", "new_user_signup_disabled"]);

type State = { phase: "idle" | "sending" | "sent" } | { phase: "failed"; message: string };

export function SignInPage() {
  const { t } = useTranslation("account");
  const [params] = useSearchParams();
  const linkError = params.get("error");
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [state, setState] = useState<State>({ phase: "idle" });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setFieldError(t("signIn.invalidEmail"));
      return;
    }
    setFieldError(null);
    setState({ phase: "sending" });
    const result = await requestSignInLink(email.trim());
    if (result.ok) setState({ phase: "sent" });
    else setState({ phase: "failed", message: result.message ?? t("errors.generic") });
  }

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
        <Field id="sign-in-email" label={t("signIn.email")} errors={fieldError ? [fieldError] : undefined}>
          {(props) => (
            <input
              {...props}
              type="email"
              name="email"
              autoComplete="email"
              required
              maxLength={254}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
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
