import type { CaptionLineView } from "@reeks/models";
import { useQuery } from "@tanstack/react-query";
import { Settings2 } from "lucide-react";
import { useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/ui";
import { useTRPC } from "../../lib/trpc";
import { useLiveStreamStarted } from "../capture";
import { CAPTION_CONTRASTS, CAPTION_SIZES, type CaptionSettings } from "./caption-settings";
import { captionStore, useCaptionSnapshot } from "./caption-store";

/** Final lines on screen at once: enough to catch up on a sentence, little enough to keep the stage in view. */
const SHOWN_LINES = 3;

function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * The captions under the stage, for everyone who turns them on. Final lines go into a polite live
 * region (a screen reader reads each once, without being interrupted); the line being typed is shown
 * beside it for the eye only, as it changes with every few keystrokes.
 */
export function CaptionsBar(props: {
  sessionId: string;
  settings: CaptionSettings;
  onChange: (change: Partial<CaptionSettings>) => void;
}) {
  const { sessionId, settings, onChange } = props;
  const { t, i18n } = useTranslation("captions");
  const trpc = useTRPC();
  const settingsId = useId();
  const [showSettings, setShowSettings] = useState(false);
  // After the stream's start point, so nothing falls between what this returns and what the stream brings.
  const recent = useQuery({
    ...trpc.captions.recent.queryOptions({ sessionId }),
    enabled: useLiveStreamStarted(sessionId),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  useEffect(() => {
    if (recent.data) captionStore(sessionId).addLines(recent.data.lines);
  }, [recent.data, sessionId]);
  const { lines, interims } = useCaptionSnapshot(sessionId);
  useEffect(() => {
    const timer = setInterval(() => captionStore(sessionId).dropStale(Date.now()), 2_000);
    return () => clearInterval(timer);
  }, [sessionId]);

  const languages = useMemo(() => {
    const all = new Set([...(recent.data?.languages ?? []), ...lines.map((l) => l.language)]);
    return [...all].sort();
  }, [recent.data, lines]);
  const language =
    languages.length > 1
      ? settings.language && languages.includes(settings.language)
        ? settings.language
        : languages[0]
      : null;
  const inLanguage = (l: { language: string }) => language === null || l.language === language;
  const shown = lines.filter(inLanguage).slice(-SHOWN_LINES);
  const typing = interims.filter(inLanguage);

  return (
    <section
      className="captions-bar"
      aria-label={t("region")}
      data-size={settings.size}
      data-contrast={settings.contrast}
    >
      <div className="captions-text">
        {/* Final lines only: this is what screen readers follow. */}
        <div
          className="captions-log"
          role="log"
          aria-live="polite"
          aria-relevant="additions"
          data-testid="captions-log"
        >
          {shown.map((line) => (
            <CaptionLine key={line.id} line={line} />
          ))}
        </div>
        {typing.length > 0 ? (
          <p className="captions-interim" aria-hidden="true" data-testid="captions-interim">
            {typing.map((i) => i.text).join(" · ")}
          </p>
        ) : shown.length === 0 ? (
          <p className="captions-empty">{t("empty")}</p>
        ) : null}
      </div>
      <div className="captions-tools">
        <button
          type="button"
          className="room-chip"
          aria-expanded={showSettings}
          aria-controls={settingsId}
          onClick={() => setShowSettings((open) => !open)}
        >
          <Settings2 aria-hidden="true" className="ui-icon" />
          {t("settings.toggle")}
        </button>
      </div>
      <div id={settingsId} className="captions-settings" hidden={!showSettings}>
        <Select
          label={t("settings.size")}
          options={CAPTION_SIZES.map((id) => ({ id, label: t(`size.${id}`) }))}
          selectedKey={settings.size}
          onSelectionChange={(key) => onChange({ size: key as CaptionSettings["size"] })}
        />
        <Select
          label={t("settings.contrast")}
          options={CAPTION_CONTRASTS.map((id) => ({ id, label: t(`contrast.${id}`) }))}
          selectedKey={settings.contrast}
          onSelectionChange={(key) => onChange({ contrast: key as CaptionSettings["contrast"] })}
        />
        {language !== null ? (
          <Select
            label={t("settings.language")}
            options={languages.map((id) => ({ id, label: languageName(id, i18n.language) }))}
            selectedKey={language}
            onSelectionChange={(key) => onChange({ language: String(key) })}
          />
        ) : null}
      </div>
    </section>
  );
}

function CaptionLine({ line }: { line: CaptionLineView }) {
  const { t } = useTranslation("captions");
  return (
    <p lang={line.language}>
      {line.speaker ? (
        <span className="captions-speaker">{t("speaker", { name: line.speaker.name })} </span>
      ) : null}
      {line.text}
    </p>
  );
}
