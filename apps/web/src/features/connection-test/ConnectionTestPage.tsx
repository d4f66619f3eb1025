import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { type CheckState, useConnectionTest } from "./use-connection-test";

function CheckRow({ label, state }: { label: string; state: CheckState }) {
  const { t } = useTranslation("connectionTest");
  return (
    <div className={`check check-${state}`}>
      <dt>{label}</dt>
      <dd>{t(`checks.${state}`)}</dd>
    </div>
  );
}

export function ConnectionTestPage() {
  const { t } = useTranslation("connectionTest");
  const videoRef = useRef<HTMLVideoElement>(null);
  const { state, micLevel, start, stop } = useConnectionTest(videoRef);
  const running = state.phase === "devices" || state.phase === "connecting" || state.phase === "connected";
  const statusText =
    state.phase === "failed"
      ? t("status.failed", { reason: t(`reason.${state.reason ?? "unknown"}`) })
      : t(`status.${state.phase}`);
  const level = Math.round(Math.min(1, micLevel * 4) * 100);
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <p className="lead">{t("intro")}</p>
      <div className="connection-test">
        <div className="preview">
          <video ref={videoRef} muted playsInline autoPlay aria-label={t("previewLabel")} />
          <label htmlFor="mic-level">{t("micLevel")}</label>
          <meter id="mic-level" min={0} max={100} low={10} high={90} optimum={50} value={level}>
            {level}%
          </meter>
        </div>
        <div>
          <p
            role="status"
            aria-live="polite"
            className={`test-status test-status-${state.phase}`}
            data-phase={state.phase}
          >
            {statusText}
          </p>
          <h2>{t("checks.heading")}</h2>
          <dl className="checks">
            <CheckRow label={t("checks.camera")} state={state.camera} />
            <CheckRow label={t("checks.microphone")} state={state.microphone} />
            <CheckRow label={t("checks.server")} state={state.server} />
          </dl>
          <div className="actions">
            {running ? (
              <button type="button" onClick={() => void stop()}>
                {t("stop")}
              </button>
            ) : (
              <button type="button" className="primary" onClick={() => void start()}>
                {state.phase === "idle" ? t("start") : t("retry")}
              </button>
            )}
          </div>
        </div>
      </div>
    </>
  );
}
