import type { Locale } from "@reeks/models";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../lib/locale";
import { saveFile } from "../../lib/save-file";
import { useTRPC } from "../../lib/trpc";

type Kind = "essay" | "agenda" | "attendance" | "evaluation" | "series";
type Format = "docx" | "md" | "csv" | "xlsx" | "json";

const DOCUMENTS: Array<{ kind: Kind; formats: Format[] }> = [
  { kind: "essay", formats: ["docx", "md"] },
  { kind: "agenda", formats: ["docx", "csv", "xlsx"] },
  { kind: "attendance", formats: ["csv", "xlsx"] },
  { kind: "evaluation", formats: ["csv", "xlsx"] },
  { kind: "series", formats: ["json"] },
];

export function ExportDownloads({
  seriesId,
  themePositions,
}: {
  seriesId: string;
  themePositions: number[];
}) {
  const { t } = useTranslation(["dashboard", "common"]);
  const trpc = useTRPC();
  const uiLocale = useLocale();
  const [locale, setLocale] = useState<Locale>(uiLocale);
  const [theme, setTheme] = useState<string>("");
  const languageId = useId();
  const themeId = useId();
  const download = useMutation(trpc.exports.download.mutationOptions({ onSuccess: saveFile }));

  return (
    <section aria-labelledby="downloads-heading" className="downloads">
      <h2 id="downloads-heading">{t("downloads.heading")}</h2>
      <p>{t("downloads.intro")}</p>
      <div className="download-options">
        <div>
          <label htmlFor={languageId}>{t("downloads.language")}</label>
          <select
            id={languageId}
            value={locale}
            onChange={(e) => setLocale(e.target.value === "en" ? "en" : "nl")}
          >
            <option value="nl">{t("common:language.nl")}</option>
            <option value="en">{t("common:language.en")}</option>
          </select>
        </div>
        <div>
          <label htmlFor={themeId}>{t("downloads.theme")}</label>
          <select id={themeId} value={theme} onChange={(e) => setTheme(e.target.value)}>
            <option value="">{t("downloads.allThemes")}</option>
            {themePositions.map((p) => (
              <option key={p} value={String(p)}>
                {t("themeNumber", { position: p })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ul className="download-list">
        {DOCUMENTS.map((doc) => (
          <li key={doc.kind}>
            <span className="download-name">{t(`downloads.${doc.kind}`)}</span>
            {doc.formats.map((format) => (
              <button
                key={format}
                type="button"
                className="download-button"
                disabled={download.isPending}
                onClick={() =>
                  download.mutate({
                    seriesId,
                    kind: doc.kind,
                    format,
                    locale,
                    themePosition: theme && doc.kind !== "series" ? Number(theme) : undefined,
                  })
                }
              >
                {t("downloads.button", {
                  document: t(`downloads.${doc.kind}`),
                  format: t(`downloads.formats.${format}`),
                })}
              </button>
            ))}
          </li>
        ))}
      </ul>
      <p role="status" className="download-status">
        {download.isPending
          ? t("downloads.busy")
          : download.isSuccess
            ? t("downloads.done", { fileName: download.data.fileName })
            : ""}
      </p>
      {download.isError && <p role="alert">{t("downloads.failed")}</p>}
    </section>
  );
}
