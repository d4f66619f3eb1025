import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useNavigate } from "react-router";
import { signOut } from "../lib/auth";
import { useMe } from "../lib/use-me";

/** Sign in, or who is signed in with a way to their data and out. */
export function AccountMenu() {
  const { t } = useTranslation("account");
  const me = useMe();
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
