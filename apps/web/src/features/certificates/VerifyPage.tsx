import { pickLocale } from "@reeks/models";
import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { BadgeCheck, CircleHelp, CircleX } from "lucide-react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageTitle } from "../../components/PageTitle";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";

/**
 * The public page behind a certificate's QR code, for anyone (no sign-in): valid, revoked or
 * unknown, and for a real one the name and series — nothing else.
 */
export function VerifyPage() {
  const { code = "" } = useParams();
  const { t } = useTranslation("certificates");
  const locale = useLocale();
  const trpc = useTRPC();
  const result = useQuery({ ...trpc.certificates.verify.queryOptions({ code }), retry: false });
  const limited =
    result.error instanceof TRPCClientError &&
    (result.error.data as { code?: string } | undefined)?.code === "TOO_MANY_REQUESTS";

  const data = result.data;
  const status = data?.status;
  const Icon = status === "valid" ? BadgeCheck : status === "revoked" ? CircleX : CircleHelp;
  return (
    <>
      <PageTitle>{t("verify.title")}</PageTitle>
      <p className="lead">{t("verify.intro")}</p>
      {result.isPending && <p role="status">{t("verify.checking")}</p>}
      {result.isError && (
        <p role="alert" className="notice notice-error">
          {limited ? t("verify.rateLimited") : t("verify.unknownText")}
        </p>
      )}
      {data && (
        <section className={`verification verification-${data.status}`} aria-labelledby="verification-status">
          <h2 id="verification-status" className="verification-status">
            <Icon aria-hidden="true" className="ui-icon" />
            {data.status === "valid"
              ? t("verify.valid")
              : data.status === "revoked"
                ? t("verify.revoked")
                : t("verify.unknown")}
          </h2>
          <p>
            {data.status === "valid"
              ? t("verify.validText")
              : data.status === "revoked"
                ? t("verify.revokedText")
                : t("verify.unknownText")}
          </p>
          {data.status !== "unknown" && (
            <dl className="verification-facts">
              {data.name && (
                <>
                  <dt>{t("verify.name")}</dt>
                  <dd>{data.name}</dd>
                </>
              )}
              <dt>{t("verify.series")}</dt>
              <dd>{pickLocale(data.series, locale)}</dd>
            </dl>
          )}
        </section>
      )}
    </>
  );
}
