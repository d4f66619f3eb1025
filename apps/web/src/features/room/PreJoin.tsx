import { useMediaDevices, usePersistentUserChoices, usePreviewTracks } from "@livekit/components-react";
import { type LocalAudioTrack, type LocalVideoTrack, Track } from "livekit-client";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMicLevel } from "./use-mic-level";

export interface JoinChoices {
  audioEnabled: boolean;
  videoEnabled: boolean;
  audioDeviceId: string;
  videoDeviceId: string;
}

/**
 * Device check before joining: pick camera and microphone, see yourself, watch the level meter,
 * choose to join with each on or off. Choices are remembered in this browser (LiveKit's
 * persistent user choices). Members join as listeners and only see what applies to them.
 */
export function PreJoin(props: {
  name: string;
  mayPublish: boolean;
  joining: boolean;
  onJoin: (choices: JoinChoices) => void;
}) {
  const { t } = useTranslation("room");
  const ids = { camera: useId(), mic: useId(), level: useId() };
  const {
    userChoices,
    saveAudioInputDeviceId,
    saveAudioInputEnabled,
    saveVideoInputDeviceId,
    saveVideoInputEnabled,
  } = usePersistentUserChoices({ preventSave: false });
  const [videoEnabled, setVideoEnabled] = useState(userChoices.videoEnabled);
  const [audioEnabled, setAudioEnabled] = useState(userChoices.audioEnabled);
  const [videoDeviceId, setVideoDeviceId] = useState(userChoices.videoDeviceId);
  const [audioDeviceId, setAudioDeviceId] = useState(userChoices.audioDeviceId);
  const [deviceError, setDeviceError] = useState<string | null>(null);
  const cameras = useMediaDevices({ kind: "videoinput" });
  const microphones = useMediaDevices({ kind: "audioinput" });

  const trackOptions = useMemo(
    () =>
      props.mayPublish
        ? {
            video: videoEnabled ? { deviceId: videoDeviceId || undefined } : false,
            audio: audioEnabled ? { deviceId: audioDeviceId || undefined } : false,
          }
        : { video: false, audio: false },
    [props.mayPublish, videoEnabled, audioEnabled, videoDeviceId, audioDeviceId],
  );
  // usePreviewTracks makes new tracks (and stops the old ones) whenever its callback changes: an inline
  // arrow did so on every render, and the meter renders ten times a second, so the preview only ever
  // held a stopped track (black, 2×2) and the meter a silent one.
  const onDeviceError = useCallback((error: Error) => setDeviceError(error.message), []);
  const tracks = usePreviewTracks(trackOptions, onDeviceError);
  const video = tracks?.find((tr): tr is LocalVideoTrack => tr.kind === Track.Kind.Video);
  const audio = tracks?.find((tr): tr is LocalAudioTrack => tr.kind === Track.Kind.Audio);
  const level = useMicLevel(audio);
  const videoEl = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = videoEl.current;
    if (!video || !el) return;
    video.attach(el);
    return () => {
      video.detach(el);
    };
  }, [video]);

  return (
    <section aria-labelledby="prejoin-heading" className="prejoin">
      <h2 id="prejoin-heading">{t("prejoin.heading")}</h2>
      <p>{t("prejoin.joinAs", { name: props.name })}</p>
      {props.mayPublish ? (
        <div className="prejoin-devices">
          <div className="preview">
            {video ? (
              <video ref={videoEl} muted playsInline autoPlay aria-label={t("prejoin.preview")} />
            ) : (
              <div className="preview-off">{t("prejoin.noPreview")}</div>
            )}
            <label htmlFor={ids.level}>{t("prejoin.level")}</label>
            <meter id={ids.level} min={0} max={100} low={10} high={90} optimum={50} value={level}>
              {level}%
            </meter>
          </div>
          <div className="device-choices">
            <DeviceChoice
              id={ids.camera}
              label={t("prejoin.camera")}
              onLabel={t("prejoin.cameraOn")}
              devices={cameras}
              deviceId={videoDeviceId}
              enabled={videoEnabled}
              onDevice={(id) => {
                setVideoDeviceId(id);
                saveVideoInputDeviceId(id);
              }}
              onEnabled={(on) => {
                setVideoEnabled(on);
                saveVideoInputEnabled(on);
              }}
            />
            <DeviceChoice
              id={ids.mic}
              label={t("prejoin.microphone")}
              onLabel={t("prejoin.microphoneOn")}
              devices={microphones}
              deviceId={audioDeviceId}
              enabled={audioEnabled}
              onDevice={(id) => {
                setAudioDeviceId(id);
                saveAudioInputDeviceId(id);
              }}
              onEnabled={(on) => {
                setAudioEnabled(on);
                saveAudioInputEnabled(on);
              }}
            />
          </div>
        </div>
      ) : (
        <p>{t("prejoin.listenerNote")}</p>
      )}
      {deviceError ? <p role="alert">{t("prejoin.deviceError", { message: deviceError })}</p> : null}
      <button
        type="button"
        className="primary"
        disabled={props.joining}
        onClick={() => {
          for (const track of tracks ?? []) track.stop();
          props.onJoin({
            audioEnabled: props.mayPublish && audioEnabled,
            videoEnabled: props.mayPublish && videoEnabled,
            audioDeviceId,
            videoDeviceId,
          });
        }}
      >
        {props.joining ? t("prejoin.joining") : t("prejoin.join")}
      </button>
    </section>
  );
}

/** One device kind on the pre-join page: which device, and whether to join with it on. */
function DeviceChoice(props: {
  id: string;
  label: string;
  onLabel: string;
  devices: MediaDeviceInfo[];
  deviceId: string;
  enabled: boolean;
  onDevice: (deviceId: string) => void;
  onEnabled: (enabled: boolean) => void;
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.deviceId} onChange={(e) => props.onDevice(e.target.value)}>
        {props.devices.map((d) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || d.deviceId}
          </option>
        ))}
      </select>
      <label className="checkbox">
        <input type="checkbox" checked={props.enabled} onChange={(e) => props.onEnabled(e.target.checked)} />
        {props.onLabel}
      </label>
    </>
  );
}
