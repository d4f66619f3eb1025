import { TEXT_LIMITS } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Field } from "../../components/Field";
import { PageTitle } from "../../components/PageTitle";
import { currentLocale } from "../../i18n";
import { requestSignInLink } from "../../lib/auth";
import { fieldErrorsOf, serverMessageOf } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { useAccount } from "../../lib/use-account";

/**
 * The one-time setup link that start-up prints while nobody administers Reeks. Whoever opens it gives
 * their address, signs in with the magic link that comes back here, and becomes the first administrator.
 */
export function SetupPage() {
  const { t } = useTranslation("account");
  const { t: tc } = useTranslation("common");
  const { token = "" } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const account = useAccount();
  const status = useQuery(trpc.setup.status.queryOptions({ token }, { retry: false }));
  const begin = useMutation(trpc.setup.begin.mutationOptions());
  const claim = useMutation(
    trpc.setup.claim.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.account.me.queryFilter()),
    }),
  );
  const [form, setForm] = useState({ name: "", email: "" });
  const [mailed, setMailed] = useState<"no" | "sending" | "sent" | "failed">("no");

  const title = <PageTitle>{t("setup.title")}</PageTitle>;
  if (status.isPending || account.isPending) return <p role="status">{tc("loading")}</p>;
  // A malformed token is answered like an unknown one.
  const state = status.data?.state ?? "unknown";

  if (claim.isSuccess) {
    const organised = (account.data?.participations ?? []).filter((p) => p.role === "organiser");
    return (
      <>
        {title}
        <p role="status" className="notice notice-ok">
          {t("setup.done")}
        </p>
        <ul>
          {organised.map((p) => (
            <li key={p.seriesId}>
              <Link to={`/reeksen/${p.seriesSlug}/aanmeldingen`}>
                {t("setup.review", { slug: p.seriesSlug })}
              </Link>
            </li>
          ))}
        </ul>
      </>
    );
  }

  if (state !== "valid") {
    return (
      <>
        {title}
        <p role="alert" className="notice notice-error">
          {t(`setup.state.${state}`)}
        </p>
        <p>
          <Link to="/">{t("setup.home")}</Link>
        </p>
      </>
    );
  }

  if (account.data) {
    return (
      <>
        {title}
        <p className="lead">{t("setup.claimIntro", { name: account.data.name })}</p>
        {claim.isError && (
          <p role="alert" className="notice notice-error">
            {serverMessageOf(claim.error) ?? t("errors.generic")}
          </p>
        )}
        <button
          type="button"
          className="primary"
          disabled={claim.isPending}
          onClick={() => claim.mutate({ token })}
        >
          {t("setup.claim")}
        </button>
      </>
    );
  }

  const errors = fieldErrorsOf(begin.error);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setMailed("sending");
    try {
      await begin.mutateAsync({ token, name: form.name, email: form.email, locale: currentLocale() });
    } catch (error) {
      setMailed("no");
      // Focus the first field the server refused, so a screen-reader user hears why.
      const refused = fieldErrorsOf(error);
      const first = (["name", "email"] as const).find((f) => refused[f]);
      if (first) requestAnimationFrame(() => document.getElementById(`setup-${first}`)?.focus());
      return;
    }
    const sent = await requestSignInLink(form.email.trim(), `/setup/${token}`);
    setMailed(sent.ok ? "sent" : "failed");
  }
  const text = (key: "name" | "email") => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  return (
    <>
      {title}
      <p className="lead">{t("setup.intro")}</p>
      {begin.isError && !Object.keys(errors).length && (
        <p role="alert" className="notice notice-error">
          {serverMessageOf(begin.error) ?? t("errors.generic")}
        </p>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <Field id="setup-name" label={t("setup.name")} errors={errors.name}>
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
        <Field id="setup-email" label={t("setup.email")} errors={errors.email}>
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
        <button type="submit" className="primary" disabled={mailed === "sending"}>
          {mailed === "sending" ? t("signIn.sending") : t("setup.submit")}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {mailed === "sent" && (
          <p className="notice notice-ok">{t("setup.sent", { email: form.email.trim() })}</p>
        )}
      </div>
      {mailed === "failed" && (
        <p role="alert" className="notice notice-error">
          {t("errors.generic")}
        </p>
      )}
    </>
  );
}
