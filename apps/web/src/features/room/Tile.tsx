import { isTrackReference, useIsSpeaking, useTrackRefContext, VideoTrack } from "@livekit/components-react";
import { Track } from "livekit-client";
import { useTranslation } from "react-i18next";
import { useRosterEntry } from "./room-context";

/** A participant's tile: video (or initials) with the name and role from our roster. */
export function Tile() {
  const { t } = useTranslation("room");
  const trackRef = useTrackRefContext();
  const entry = useRosterEntry(trackRef.participant.identity);
  const name = entry?.name ?? t("guest");
  // The hook, not participant.isSpeaking: only the hook re-renders the tile when speaking changes.
  const speaking = useIsSpeaking(trackRef.participant);
  const hasVideo = isTrackReference(trackRef) && !trackRef.publication.isMuted;
  const isScreen = trackRef.source === Track.Source.ScreenShare;
  return (
    <div
      className={`tile${speaking ? " tile-speaking" : ""}`}
      data-identity={trackRef.participant.identity}
      data-source={trackRef.source}
      data-speaking={speaking}
    >
      {hasVideo ? (
        <VideoTrack trackRef={trackRef} />
      ) : (
        <div className="tile-placeholder" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </div>
      )}
      <div className="tile-name">
        {isScreen ? t("screenOf", { name }) : name}
        {entry && !isScreen ? <span className="role"> · {t(`roles.${entry.role}`)}</span> : null}
        {entry?.handRaisedAt && !isScreen ? (
          <span>
            {" "}
            <span aria-hidden="true">✋</span>
            <span className="visually-hidden">{t("participants.hands")}</span>
          </span>
        ) : null}
      </div>
    </div>
  );
}
