import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";
import { ConfirmButton } from "./ConfirmButton";
import { useMe, useRoster } from "./room-context";
import { waitingInLobby } from "./roster";

/** Live attendance count, lobby, lock, mute all and end: every action runs on the server. */
export function ModeratorPanel({ sessionId }: { sessionId: string }) {
  const me = useMe();
  const roster = useRoster();
  const { t } = useTranslation("room");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const attendance = useQuery({
    ...trpc.room.attendance.queryOptions({ sessionId }),
    refetchInterval: 5_000,
  });
  const info = useQuery(trpc.room.info.queryOptions({ sessionId }));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.room.info.queryKey({ sessionId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.room.roster.queryKey({ sessionId }) }),
    ]);
  const lock = useMutation(trpc.room.lock.mutationOptions({ onSuccess: refresh }));
  const muteAll = useMutation(trpc.room.muteAll.mutationOptions());
  const admit = useMutation(trpc.room.admit.mutationOptions({ onSuccess: refresh }));
  const end = useMutation(trpc.room.end.mutationOptions({ onSuccess: refresh }));
  const locked = info.data?.locked ?? false;
  const lobby = waitingInLobby(roster.entries);
  return (
    <section aria-labelledby="moderator-heading" className="panel moderator-panel">
      <h2 id="moderator-heading">{t("moderator.heading")}</h2>
      <p className="live-count" data-testid="live-count">
        {t("moderator.liveCount", { count: attendance.data?.liveCount ?? 0 })}
      </p>
      {locked ? <p>{t("moderator.locked")}</p> : null}
      <div className="actions">
        <button
          type="button"
          aria-pressed={locked}
          onClick={() => lock.mutate({ sessionId, locked: !locked })}
        >
          {locked ? t("moderator.unlock") : t("moderator.lock")}
        </button>
        <button type="button" onClick={() => muteAll.mutate({ sessionId, exceptIdentity: me.identity })}>
          {t("moderator.muteAll")}
        </button>
        <ConfirmButton
          label={t("moderator.end")}
          confirmLabel={t("moderator.confirmEnd")}
          cancelLabel={t("moderator.cancel")}
          onConfirm={() => end.mutate({ sessionId })}
        />
      </div>
      <h3>{t("moderator.lobby")}</h3>
      {lobby.length === 0 ? (
        <p className="muted">{t("moderator.lobbyEmpty")}</p>
      ) : (
        <ul>
          {lobby.map((entry) => (
            <li key={entry.participantId}>
              <button
                type="button"
                onClick={() => admit.mutate({ sessionId, participantId: entry.participantId })}
              >
                {t("moderator.admit", { name: entry.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
