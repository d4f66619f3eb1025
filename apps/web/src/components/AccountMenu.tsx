import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useNavigate } from "react-router";
import { signOut } from "../lib/auth";
import { useTRPC } from "../lib/trpc";
import { useAccount } from "../lib/use-account";

/** Sign in, or who is signed in with a way to their data and out. */
export function AccountMenu() {
  const { t, i18n } = useTranslation("account");
  const me = useAccount();
  const trpc = useTRPC();
  const { mutate: setLocale } = useMutation(trpc.account.setLocale.mutationOptions());
  const signedIn = !!me.data;
  // Mails follow the language the person chooses in the app (an explicit switch, not the default).
  useEffect(() => {
    if (!signedIn) return;
    const onChange = (language: string) => {
      if (language === "nl" || language === "en") setLocale({ locale: language });
    };
    i18n.on("languageChanged", onChange);
    return () => i18n.off("languageChanged", onChange);
  }, [signedIn, i18n, setLocale]);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  if (me.isPending) return null;
  if (!me.data) {
    return (
      <Link className="account-menu" to="/inloggen">
        {t("menu.signIn")}
      </Link>
    );
  }
  return (
    <div className="account-menu">
      <span>{t("menu.signedInAs", { name: me.data.name })}</span>
      <NavLink to="/mijn-gegevens">{t("menu.myData")}</NavLink>
      <button
        type="button"
        onClick={async () => {
          await signOut();
          await queryClient.resetQueries();
          void navigate("/");
        }}
      >
        {t("menu.signOut")}
      </button>
    </div>
  );
}
