import { zodResolver } from "@hookform/resolvers/zod";
import { TEXT_LIMITS } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { z } from "zod";
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
function useBeginSetup() {
  const trpc = useTRPC();
  return useMutation(trpc.setup.begin.mutationOptions());
}

export function SetupPage() {
  const { t } = useTranslation("account");
  const { t: tc } = useTranslation("common");
  const { token = "" } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const account = useAccount();
  const status = useQuery(trpc.setup.status.queryOptions({ token }, { retry: false }));
  const begin = useBeginSetup();
  const claim = useMutation(
    trpc.setup.claim.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.account.me.queryFilter()),
    }),
  );

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

  return <SetupForm token={token} title={title} begin={begin} />;
}

/** Field messages are i18n keys, translated where they are shown. */
const setupFormSchema = z.object({
  name: z.string().trim().min(1, "setup.nameRequired").max(TEXT_LIMITS.name, "setup.nameTooLong"),
  email: z.string().trim().max(TEXT_LIMITS.email, "signIn.invalidEmail").pipe(z.email("signIn.invalidEmail")),
});
type SetupForm = z.infer<typeof setupFormSchema>;

function SetupForm({
  token,
  title,
  begin,
}: {
  token: string;
  title: ReactNode;
  begin: ReturnType<typeof useBeginSetup>;
}) {
  const { t } = useTranslation("account");
  const [mailed, setMailed] = useState<"no" | "sent" | "failed">("no");
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<SetupForm>({ resolver: zodResolver(setupFormSchema), defaultValues: { name: "", email: "" } });
  const messages = (key: keyof SetupForm) => {
    const error = errors[key];
    if (!error?.message) return undefined;
    // The server words its own messages in the person's language; ours are keys.
    return [error.type === "server" ? error.message : t(error.message as "setup.nameRequired")];
  };

  const submit = handleSubmit(async (form) => {
    setMailed("no");
    try {
      await begin.mutateAsync({ token, name: form.name, email: form.email, locale: currentLocale() });
    } catch (error) {
      // The server's own field messages (already translated), on their fields; focus the first.
      const refused = fieldErrorsOf(error);
      const fields = (["name", "email"] as const).filter((f) => refused[f]);
      for (const field of fields)
        setError(field, { type: "server", message: refused[field]?.join(" ") ?? "" });
      if (fields[0]) setFocus(fields[0]);
      return;
    }
    const sent = await requestSignInLink(form.email, `/setup/${token}`);
    setMailed(sent.ok ? "sent" : "failed");
  });

  return (
    <>
      {title}
      <p className="lead">{t("setup.intro")}</p>
      {begin.isError && !Object.keys(fieldErrorsOf(begin.error)).length && (
        <p role="alert" className="notice notice-error">
          {serverMessageOf(begin.error) ?? t("errors.generic")}
        </p>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <Field id="setup-name" label={t("setup.name")} errors={messages("name")}>
          {(p) => (
            <input {...p} autoComplete="name" required maxLength={TEXT_LIMITS.name} {...register("name")} />
          )}
        </Field>
        <Field id="setup-email" label={t("setup.email")} errors={messages("email")}>
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="email"
              required
              maxLength={TEXT_LIMITS.email}
              {...register("email")}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={isSubmitting}>
          {isSubmitting ? t("signIn.sending") : t("setup.submit")}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {mailed === "sent" && (
          <p className="notice notice-ok">{t("setup.sent", { email: getValues("email").trim() })}</p>
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
