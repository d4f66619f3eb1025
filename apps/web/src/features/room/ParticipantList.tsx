import { useParticipants, useRoomContext } from "@livekit/components-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Track } from "livekit-client";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";
import { ConfirmButton } from "./ConfirmButton";
import { useMe, useRoster } from "./room-context";
import { presentIn, type RosterEntry, raisedHands } from "./roster";

/** Raised hands in the order raised, then everyone in the room with their role. */
export function ParticipantList({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation("room");
  const me = useMe();
  const roster = useRoster();
  // Who is here is what LiveKit says now; the roster (from Reeks) gives their names and roles.
  const connected = new Set(useParticipants().map((p) => p.identity));
  const present = presentIn(roster.entries, connected);
  const hands = raisedHands(roster.entries);
  return (
    <section aria-labelledby="participants-heading" className="panel participants">
      <h2 id="participants-heading">{t("participants.heading", { count: present.length })}</h2>
      <h3>{t("participants.hands")}</h3>
      {hands.length === 0 ? (
        <p className="muted">{t("participants.noHands")}</p>
      ) : (
        <ol className="hands" data-testid="hands">
          {hands.map((h) => (
            <li key={h.participantId}>✋ {h.name}</li>
          ))}
        </ol>
      )}
      <ul className="people">
        {present.map((entry) => (
          <li key={entry.participantId} data-participant={entry.participantId}>
            <span className="person-name">
              {entry.name} {entry.identity === me.identity ? t("participants.you") : null}
            </span>{" "}
            <span className="muted">
              {t(`roles.${entry.role}`)}
              {entry.onStage ? ` · ${t("participants.onStage")}` : ""}
            </span>
            {me.isModerator && entry.identity !== me.identity ? (
              <ModeratorActions sessionId={sessionId} entry={entry} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ModeratorActions({ sessionId, entry }: { sessionId: string; entry: RosterEntry }) {
  const { t } = useTranslation("room");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const room = useRoomContext();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.room.roster.queryKey({ sessionId }) });
  const setStage = useMutation(trpc.room.setStage.mutationOptions({ onSuccess: refresh }));
  const mute = useMutation(trpc.room.muteTrack.mutationOptions());
  const remove = useMutation(trpc.room.remove.mutationOptions({ onSuccess: refresh }));
  const isStaff = entry.role === "moderator" || entry.role === "organiser";
  const micSid = room
    .getParticipantByIdentity(entry.identity)
    ?.getTrackPublication(Track.Source.Microphone)?.trackSid;
  const publishesByRole = entry.role !== "member";
  return (
    <div className="person-actions">
      {!publishesByRole ? (
        <button
          type="button"
          onClick={() =>
            setStage.mutate({ sessionId, participantId: entry.participantId, onStage: !entry.onStage })
          }
        >
          {entry.onStage
            ? t("moderator.demote", { name: entry.name })
            : t("moderator.promote", { name: entry.name })}
        </button>
      ) : null}
      {micSid ? (
        <button
          type="button"
          onClick={() => mute.mutate({ sessionId, participantId: entry.participantId, trackSid: micSid })}
        >
          {t("moderator.mute", { name: entry.name })}
        </button>
      ) : null}
      {!isStaff ? (
        <ConfirmButton
          label={t("moderator.remove", { name: entry.name })}
          confirmLabel={t("moderator.confirmRemove", { name: entry.name })}
          cancelLabel={t("moderator.cancel")}
          onConfirm={() => remove.mutate({ sessionId, participantId: entry.participantId })}
        />
      ) : null}
    </div>
  );
}
