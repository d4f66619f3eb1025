import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CheckField } from "../../components/Field";
import { PageTitle } from "../../components/PageTitle";
import { formatDateTime, useLocale } from "../../lib/locale";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { useAccount } from "../../lib/use-account";
import { MyCertificates } from "../certificates/MyCertificates";

/** Active sessions, a JSON download of everything held about the person, and erasure. */
export function MyDataPage() {
  const { t } = useTranslation("account");
  const locale = useLocale();
  const { t: tc } = useTranslation("common");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const me = useAccount();
  const sessions = useQuery(trpc.account.sessions.queryOptions(undefined, { enabled: !!me.data }));
  const [confirmErase, setConfirmErase] = useState(false);
  const [erased, setErased] = useState(false);
  const invalidate = () => queryClient.invalidateQueries();
  const revoke = useMutation(trpc.account.revokeSession.mutationOptions({ onSuccess: invalidate }));
  const everywhere = useMutation(trpc.account.signOutEverywhere.mutationOptions({ onSuccess: invalidate }));
  const erase = useMutation(
    trpc.account.erase.mutationOptions({
      onSuccess: async () => {
        setErased(true);
        await queryClient.resetQueries();
      },
    }),
  );
  const moment = (iso: string) => formatDateTime(iso, locale, { dateStyle: "medium", timeStyle: "short" });

  async function download() {
    const data = await client.account.exportData.query();
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = "reeks-mijn-gegevens.json";
    a.click();
    URL.revokeObjectURL(url);
  }

  if (erased) {
    return (
      <>
        <PageTitle>{t("myData.title")}</PageTitle>
        <p role="status" className="notice notice-ok">
          {t("myData.erased")}
        </p>
      </>
    );
  }
  if (me.isPending) return <p role="status">{tc("loading")}</p>;
  if (!me.data) {
    return (
      <>
        <PageTitle>{t("myData.title")}</PageTitle>
        <p>
          <Link to="/inloggen">{t("myData.signInFirst")}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t("myData.title")}</PageTitle>
      <p className="lead">{t("myData.intro")}</p>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("myData.sessionsHeading")}</h2>
        <ul className="sessions">
          {sessions.data?.map((s) => {
            const browser = s.userAgent ? summariseUserAgent(s.userAgent) : t("myData.unknownBrowser");
            return (
              <li key={s.id}>
                <strong>{browser}</strong>
                {s.current && <> ({t("myData.sessionCurrent")})</>}
                <br />
                <span className="muted">
                  {t("myData.sessionSince", {
                    date: moment(s.createdAt),
                    last: moment(s.lastActiveAt),
                  })}
                </span>{" "}
                {!s.current && (
                  <button
                    type="button"
                    aria-label={t("myData.revokeFor", { browser })}
                    onClick={() => revoke.mutate({ authSessionId: s.id })}
                  >
                    {t("myData.revoke")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        <button type="button" onClick={() => everywhere.mutate()}>
          {t("myData.signOutEverywhere")}
        </button>
      </section>

      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t("myData.exportHeading")}</h2>
        <p>{t("myData.exportIntro")}</p>
        <button type="button" className="primary" onClick={() => void download()}>
          {t("myData.export")}
        </button>{" "}
        <Link to="/mijn-gegevens/samenvatting">{t("myData.summaryLink")}</Link>
      </section>

      <MyCertificates />

      <section aria-labelledby="erase-heading">
        <h2 id="erase-heading">{t("myData.eraseHeading")}</h2>
        <p>{t("myData.eraseIntro")}</p>
        <CheckField
          id="erase-confirm"
          label={t("myData.eraseConfirm")}
          checked={confirmErase}
          onChange={setConfirmErase}
        />
        <button
          type="button"
          className="danger"
          disabled={!confirmErase || erase.isPending}
          onClick={() => erase.mutate({ confirm: true })}
        >
          {t("myData.erase")}
        </button>
        {erase.isError && (
          <p role="alert" className="notice notice-error">
            {t("errors.generic")}
          </p>
        )}
      </section>
    </>
  );
}

/** "Chrome on Linux" from a user-agent string; good enough to tell one's own devices apart. */
function summariseUserAgent(ua: string): string {
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : "Browser";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad/.test(ua)
        ? "iOS"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return os ? `${browser} · ${os}` : browser;
}
