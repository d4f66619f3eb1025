import { pickLocale } from "@reeks/models";
import { useMutation, useQuery } from "@tanstack/react-query";
import { FileDown } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/ui";
import { formatDateTime, useLocale } from "../../lib/locale";
import { saveFile } from "../../lib/save-file";
import { useTRPC } from "../../lib/trpc";

/** The person's certificates of attendance on "Mijn gegevens", each downloadable as a PDF. */
export function MyCertificates() {
  const { t } = useTranslation("certificates");
  const locale = useLocale();
  const trpc = useTRPC();
  const mine = useQuery(trpc.certificates.mine.queryOptions());
  const download = useMutation(trpc.certificates.download.mutationOptions({ onSuccess: saveFile }));
  return (
    <section aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">{t("mine.heading")}</h2>
      <p>{t("mine.intro")}</p>
      {mine.data && mine.data.length === 0 && <p className="muted">{t("mine.none")}</p>}
      {mine.data && mine.data.length > 0 && (
        <ul className="certificate-list">
          {mine.data.map((c) => {
            const series = pickLocale(c.seriesTitle, locale);
            const scope = c.session
              ? t("mine.session", { position: c.session.position })
              : t("mine.wholeSeries");
            return (
              <li key={c.id}>
                <span>
                  <strong>{series}</strong> ({scope}),{" "}
                  {t("mine.issuedOn", { date: formatDateTime(c.issuedAt, locale, { dateStyle: "long" }) })}
                  {c.revokedAt && <> — {t("mine.revoked")}</>}
                </span>
                {!c.revokedAt && (
                  <Button
                    icon={FileDown}
                    aria-label={t("mine.downloadFor", { series, scope })}
                    isDisabled={download.isPending}
                    onPress={() => download.mutate({ certificateId: c.id })}
                  >
                    {t("mine.download")}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
