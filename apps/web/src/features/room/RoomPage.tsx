import "@livekit/components-styles";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageTitle } from "../../components/PageTitle";
import { SessionWhen } from "../../components/SessionWhen";
import { useTRPC } from "../../lib/trpc";
import { AgendaEditor, AgendaList } from "../agenda";
import { BreakoutModerator } from "../breakout";
import type { RoomConnection } from "../breakout/use-room-moves";
import { LiveRoom } from "./LiveRoom";
import { type JoinChoices, PreJoin } from "./PreJoin";
import { StartSessionButton } from "./StartSessionButton";

function errorCode(error: unknown): string | null {
  return error instanceof TRPCClientError
    ? ((error.data as { code?: string } | undefined)?.code ?? null)
    : null;
}

/**
 * /sessies/:sessionId — the whole path into a live session: waiting page before the start, lobby
 * while locked, pre-join device check, the room itself, and what is left after it.
 */
export function RoomPage() {
  const { sessionId = "" } = useParams();
  const { t } = useTranslation("room");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const [choices, setChoices] = useState<JoinChoices | null>(null);
  const [outcome, setOutcome] = useState<"removed" | "ended" | "left" | null>(null);
  const [inLobby, setInLobby] = useState(false);

  const info = useQuery({
    ...trpc.room.info.queryOptions({ sessionId }),
    // Before the start and in the lobby the page moves on by itself.
    refetchInterval: (query) => (query.state.data?.status !== "live" || inLobby ? 3_000 : false),
  });
  const join = useMutation(trpc.room.join.mutationOptions());
  const joinGroup = useMutation(trpc.breakout.join.mutationOptions());

  async function requestToken(joinChoices: JoinChoices) {
    setChoices(joinChoices);
    const answer = await join.mutateAsync({ sessionId });
    if (answer.kind === "token") {
      setInLobby(false);
      // During an open round one belongs in one's group (after a reload or a dropped connection too):
      // straight there, not first into the main room and then moved.
      const group = await joinGroup.mutateAsync({ sessionId }).catch(() => null);
      setConnection(
        group?.kind === "group"
          ? { ...group, visiting: false }
          : { ...answer, groupId: null, visiting: false },
      );
    } else if (answer.kind === "lobby") {
      setInLobby(true);
    } else {
      await info.refetch();
    }
  }

  const code = errorCode(info.error) ?? errorCode(join.error);
  let body: React.ReactNode;
  let live = false;
  if (code === "UNAUTHORIZED") body = <p className="notice">{t("signInNeeded")}</p>;
  else if (code === "FORBIDDEN" || info.data?.removed || outcome === "removed")
    body = (
      <p className="notice">{info.data?.removed || outcome === "removed" ? t("removed") : t("notAllowed")}</p>
    );
  else if (code === "NOT_FOUND") body = <p className="notice">{t("notFound")}</p>;
  else if (!info.data) body = <p aria-busy="true">{t("loading", { ns: "common" })}</p>;
  else if (info.data.status === "ended" || outcome === "ended")
    body = (
      <div className="notice">
        <p>{t("ended")}</p>
        <p data-testid="session-held">
          <SessionWhen
            startsAt={info.data.startsAt}
            startedAt={info.data.startedAt}
            endedAt={info.data.endedAt}
            timeZone={info.data.timeZone}
          />
        </p>
      </div>
    );
  else if (info.data.status !== "live") {
    body = (
      <section aria-labelledby="waiting-heading" className="waiting">
        <h2 id="waiting-heading">{t("waiting.heading")}</h2>
        <p role="status">{t("waiting.body")}</p>
        {info.data.isModerator ? (
          <StartSessionButton
            sessionId={sessionId}
            startsAt={info.data.startsAt}
            timeZone={info.data.timeZone}
            onStarted={() =>
              void queryClient.invalidateQueries({ queryKey: trpc.room.info.queryKey({ sessionId }) })
            }
          />
        ) : null}
        <AgendaList sessionId={sessionId} />
        {/* The agenda and groups can be prepared before the start; the timer runs in the live room. */}
        {info.data.isModerator ? <AgendaEditor sessionId={sessionId} /> : null}
        {info.data.isModerator ? <BreakoutModerator sessionId={sessionId} beforeStart /> : null}
      </section>
    );
  } else if (connection && choices) {
    live = true;
    body = (
      <LiveRoom
        sessionId={sessionId}
        me={{ ...info.data, identity: connection.identity }}
        connection={connection}
        choices={choices}
        onLeft={(reason) => {
          setConnection(null);
          setOutcome(reason);
          void info.refetch();
        }}
      />
    );
  } else if (inLobby) {
    body = (
      <section aria-labelledby="lobby-heading" className="waiting">
        <h2 id="lobby-heading">{t("lobby.heading")}</h2>
        <p role="status">{t("lobby.body")}</p>
        <LobbyPoller onTick={() => choices && void requestToken(choices)} />
        <AgendaList sessionId={sessionId} />
      </section>
    );
  } else {
    body = (
      <>
        <PreJoin
          name={info.data.name}
          mayPublish={info.data.role !== "member"}
          joining={join.isPending}
          onJoin={(c) => void requestToken(c)}
        />
        <AgendaList sessionId={sessionId} />
      </>
    );
  }

  useFullViewport(live);
  // The live room brings its own title bar (session, theme, time): no page title above it.
  if (live) return <div className="room-page room-page-live">{body}</div>;
  return (
    <div className="room-page">
      <PageTitle>{t("title")}</PageTitle>
      <p className="not-recorded">
        <span aria-hidden="true">●</span> {t("notRecorded")}
      </p>
      {body}
    </div>
  );
}

/**
 * While in the room, the site's header and footer step aside (display: none, so they also leave the
 * tab order) and the room takes the whole viewport, as in any video call.
 */
function useFullViewport(active: boolean) {
  useEffect(() => {
    if (!active) return;
    document.body.classList.add("room-fullscreen");
    return () => document.body.classList.remove("room-fullscreen");
  }, [active]);
}

/** Asks again for a token every few seconds while waiting in the lobby. */
function LobbyPoller({ onTick }: { onTick: () => void }) {
  const tick = useRef(onTick);
  tick.current = onTick;
  useEffect(() => {
    const timer = window.setInterval(() => tick.current(), 3_000);
    return () => window.clearInterval(timer);
  }, []);
  return null;
}
