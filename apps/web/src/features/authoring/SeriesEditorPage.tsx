import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageTitle } from "../../components/PageTitle";
import { httpStatusOf } from "../../lib/errors";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { useAccount } from "../../lib/use-account";
import { BasicsSection } from "./BasicsSection";
import { BrandingSection } from "./BrandingSection";
import { EditorProvider, useEditor } from "./editor-context";
import { focusField } from "./editor-fields";
import { PublishSection } from "./PublishSection";
import { RegistrationSection } from "./RegistrationSection";
import { SessionsSection } from "./SessionsSection";
import { ThemesSection } from "./ThemesSection";

const STEPS = ["basics", "themes", "sessions", "registration", "branding", "publish"] as const;

/**
 * The organiser's editor of their own series, in six steps on one page: every step saves on its own,
 * naming the version it started from, so two organisers never overwrite each other unseen.
 */
export function SeriesEditorPage() {
  const { t } = useTranslation("authoring");
  const { t: tc } = useTranslation("common");
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const me = useAccount();
  const participation = me.data?.participations.find(
    (p) => p.seriesSlug === slug && p.role === "organiser" && p.status === "approved",
  );
  const seriesId = participation?.seriesId ?? "";
  const series = useQuery(trpc.authoring.get.queryOptions({ seriesId }, { enabled: !!seriesId }));
  if (me.isPending || (seriesId && series.isPending)) return <p role="status">{tc("loading")}</p>;
  if (!me.data) {
    return (
      <p role="alert">
        {t("editor.signIn")} <Link to="/inloggen">{tc("nav.signIn" as never)}</Link>
      </p>
    );
  }
  if (!participation) return <p role="alert">{t("editor.forbidden")}</p>;
  if (series.isError || !series.data) {
    const status = httpStatusOf(series.error);
    return <p role="alert">{status === 403 ? t("editor.forbidden") : t("errors.generic")}</p>;
  }
  return (
    // Keyed: another series (after duplicating) starts its forms afresh.
    <EditorProvider key={series.data.id} series={series.data}>
      <Editor />
    </EditorProvider>
  );
}

function Editor() {
  const { t } = useTranslation("authoring");
  const { series } = useEditor();
  const locale = useLocale();
  // The title in the reader's language when there is one, else in the other.
  const title = series.title[locale] || series.title[locale === "nl" ? "en" : "nl"] || series.slug;
  return (
    <div className="editor">
      <PageTitle documentTitle={t("editor.title", { series: title })}>
        {t("editor.title", { series: title })}
      </PageTitle>
      <p className="editor-meta">
        <span className="badge">{t(`admin.status.${series.status}`)}</span>{" "}
        <span className="muted">{t("editor.version", { version: series.version })}</span>
      </p>
      <nav aria-label={t("editor.stepsLabel")} className="editor-steps">
        <ol>
          {STEPS.map((step) => (
            <li key={step}>
              <a href={`#${step}-heading`} onClick={(event) => focusField(`${step}-heading`, event)}>
                {t(`editor.steps.${step}`)}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <BasicsSection />
      <ThemesSection />
      <SessionsSection />
      <RegistrationSection />
      <BrandingSection />
      <PublishSection />
    </div>
  );
}
