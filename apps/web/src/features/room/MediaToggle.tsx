import { useTrackToggle } from "@livekit/components-react";
import { Track } from "livekit-client";
import { type LucideIcon, Mic, MicOff, MonitorOff, MonitorUp, Video, VideoOff } from "lucide-react";
import { useTranslation } from "react-i18next";

const ICONS: Record<string, [on: LucideIcon, off: LucideIcon]> = {
  [Track.Source.Microphone]: [Mic, MicOff],
  [Track.Source.Camera]: [Video, VideoOff],
  [Track.Source.ScreenShare]: [MonitorUp, MonitorOff],
};

/**
 * Microphone, camera or screen: an icon that changes with the state, the name, and "aan"/"uit" in
 * words, so the state does not hang on colour alone. The accessible name stays the device's name;
 * aria-pressed says whether it is on.
 */
export function MediaToggle(props: {
  source: Track.Source.Microphone | Track.Source.Camera | Track.Source.ScreenShare;
  label: string;
}) {
  const { t } = useTranslation("room");
  const { enabled, pending, toggle } = useTrackToggle({ source: props.source });
  const [On, Off] = ICONS[props.source] ?? [Mic, MicOff];
  const Icon = enabled ? On : Off;
  // A screen that is not shared is the normal state, not a warning like a muted microphone.
  const state = enabled ? "on" : props.source === Track.Source.ScreenShare ? "idle" : "off";
  return (
    <button
      type="button"
      className="room-control"
      data-state={state}
      data-source={props.source}
      aria-pressed={enabled}
      disabled={pending}
      onClick={() => void toggle()}
    >
      <Icon aria-hidden="true" className="ui-icon" />
      <span className="room-control-label">{props.label}</span>
      <span className="room-control-state" aria-hidden="true">
        {enabled ? t("controls.on") : t("controls.off")}
      </span>
    </button>
  );
}
