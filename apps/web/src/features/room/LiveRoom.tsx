import {
  CarouselLayout,
  DisconnectButton,
  FocusLayout,
  FocusLayoutContainer,
  GridLayout,
  LiveKitRoom,
  RoomAudioRenderer,
  useConnectionState,
  useLocalParticipantPermissions,
  useRemoteParticipants,
  useSpeakingParticipants,
  useTracks,
} from "@livekit/components-react";
import { useQuery } from "@tanstack/react-query";
import { DisconnectReason, Room, Track } from "livekit-client";
import {
  Captions,
  CaptionsOff,
  LayoutGrid,
  LogOut,
  MessageSquare,
  NotebookPen,
  PanelRightClose,
  PanelRightOpen,
  Split,
  UserRound,
  Users,
  X,
} from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Tabs } from "../../components/ui";
import { useTRPC } from "../../lib/trpc";
import { AgendaTimerBar } from "../agenda";
import { BreakoutBar, BreakoutProvider, BreakoutTab, useBreakout } from "../breakout";
import { type RoomConnection, useRoomMoves } from "../breakout/use-room-moves";
import { CaptionsAdmin, CaptionsBar, CaptionsTab, useCanCaption, useCaptionSettings } from "../captions";
import { CapturePanel, useLiveStreamStarted } from "../capture";
import { type Announcement, Announcer, useAnnouncer } from "./Announcer";
import { ChatPanel } from "./ChatPanel";
import { HandButton } from "./HandButton";
import { MediaToggle } from "./MediaToggle";
import { ModeratorPanel } from "./ModeratorPanel";
import { ParticipantList } from "./ParticipantList";
import type { JoinChoices } from "./PreJoin";
import { Reactions } from "./Reactions";
import { RoomTopBar } from "./RoomTopBar";
import { type Me, RoomStateProvider } from "./room-context";
import { handIdentities, indexByIdentity, newlyRaisedHands, type RosterEntry } from "./roster";
import { Tile } from "./Tile";

/** One empty list for "not loaded yet", so the room state does not change identity every render. */
const NO_ROSTER: RosterEntry[] = [];

export function LiveRoom(props: {
  sessionId: string;
  me: Me;
  connection: RoomConnection;
  choices: JoinChoices;
  onLeft: (reason: "removed" | "ended" | "left") => void;
}) {
  // One Room for the whole visit: moving to a group and back reconnects it with another token.
  const [room] = useState(() => new Room());
  const announcer = useAnnouncer();
  const moves = useRoomMoves({
    sessionId: props.sessionId,
    room,
    initial: props.connection,
    choices: props.choices,
    say: announcer.say,
    onLeft: props.onLeft,
  });
  const { connection, publish } = moves;
  // A room where one only listens (members in the main room) gets nothing published.
  const audio = useMemo(
    () =>
      connection.canPublish && publish.audioEnabled
        ? { deviceId: publish.audioDeviceId || undefined }
        : false,
    [connection.canPublish, publish.audioEnabled, publish.audioDeviceId],
  );
  const video = useMemo(
    () =>
      connection.canPublish && publish.videoEnabled
        ? { deviceId: publish.videoDeviceId || undefined }
        : false,
    [connection.canPublish, publish.videoEnabled, publish.videoDeviceId],
  );
  return (
    <BreakoutProvider value={moves.breakout}>
      <LiveKitRoom
        room={room}
        serverUrl={connection.url}
        token={connection.token}
        connect
        audio={audio}
        video={video}
        onConnected={moves.connected}
        onDisconnected={(reason) => {
          if (moves.isOwnDisconnect()) return;
          if (reason === DisconnectReason.ROOM_DELETED && moves.groupRoomDeleted()) return;
          if (reason === DisconnectReason.PARTICIPANT_REMOVED) props.onLeft("removed");
          else if (reason === DisconnectReason.ROOM_DELETED) props.onLeft("ended");
          else props.onLeft("left");
        }}
        className="live-room"
      >
        <RoomBody sessionId={props.sessionId} me={props.me} announcer={announcer} />
        <RoomAudioRenderer />
      </LiveKitRoom>
    </BreakoutProvider>
  );
}

/** Below this width the side panel is a sheet over the stage and starts closed (matches room.css). */
const NARROW = "(max-width: 767px)";

function RoomBody(props: { sessionId: string; me: Me; announcer: ReturnType<typeof useAnnouncer> }) {
  const { sessionId, me, announcer } = props;
  const { t } = useTranslation(["room", "breakout", "captions"]);
  const trpc = useTRPC();
  const [layout, setLayout] = useState<"grid" | "speaker">("grid");
  const [panelOpen, setPanelOpen] = useState(() => !window.matchMedia(NARROW).matches);
  const [panelTab, setPanelTab] = useState(me.isModerator ? "people" : "chat");
  const [captioningMyself, setCaptioningMyself] = useState(false);
  const breakout = useBreakout();
  const [captions, setCaptions] = useCaptionSettings();
  const canCaption = useCanCaption(sessionId);
  // Kept current by the session's live stream (roster events, see live-events.ts), not by polling.
  const roster = useQuery({
    ...trpc.room.roster.queryOptions({ sessionId }),
    enabled: useLiveStreamStarted(sessionId),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  const entries = roster.data ?? NO_ROSTER;
  const rosterByIdentity = useMemo(() => indexByIdentity(entries), [entries]);

  useHandAnnouncements(roster.data, me.identity, announcer.say);
  const present = usePresentIdentities(me.identity);
  const activeSpeaker = useActiveSpeaker(present);
  useSpeakerAnnouncements(activeSpeaker, rosterByIdentity, me.identity, announcer.say);
  useDepartureAnnouncements(announcer, present, rosterByIdentity);
  // Exposed for the join-time benchmark and tests: "connected" once LiveKit says so.
  const connectionState = useConnectionState();
  const permissions = useLocalParticipantPermissions();
  const canPublish = permissions?.canPublish ?? false;
  // Connected to another room (a group and back): a different right to speak there is no stage change.
  const roomKey = `${breakout.here.groupId}:${breakout.here.visiting}`;
  useStageAnnouncements(canPublish, announcer.say, roomKey, connectionState === "connected");

  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  const screen = tracks.find((tr) => tr.source === Track.Source.ScreenShare && tr.publication);
  const focus =
    screen ??
    tracks.find((tr) => tr.participant.identity === activeSpeaker && tr.source === Track.Source.Camera) ??
    tracks[0];
  const focusName = rosterByIdentity.get(focus?.participant.identity ?? "")?.name ?? t("guest");
  const me_ = rosterByIdentity.get(me.identity);

  return (
    <RoomStateProvider me={me} roster={entries}>
      <Announcer message={announcer.message} />
      <div
        className="room-app"
        data-connection-state={connectionState}
        data-room={breakout.here.groupId ?? "main"}
        data-panel={panelOpen ? "open" : "closed"}
      >
        <RoomTopBar sessionId={sessionId}>
          <div className="room-view-options">
            <fieldset className="layout-switch">
              <legend className="visually-hidden">{t("layout.label")}</legend>
              {(["grid", "speaker"] as const).map((value) => (
                <button
                  key={value}
                  type="button"
                  className="room-chip"
                  aria-pressed={layout === value}
                  onClick={() => setLayout(value)}
                >
                  {value === "grid" ? (
                    <LayoutGrid aria-hidden="true" className="ui-icon" />
                  ) : (
                    <UserRound aria-hidden="true" className="ui-icon" />
                  )}
                  {t(`layout.${value}`)}
                </button>
              ))}
            </fieldset>
            {/* How one follows the room, beside the layout: captions on or off, remembered. */}
            <button
              type="button"
              className="room-chip"
              aria-pressed={captions.on}
              onClick={() => setCaptions({ on: !captions.on })}
            >
              {captions.on ? (
                <Captions aria-hidden="true" className="ui-icon" />
              ) : (
                <CaptionsOff aria-hidden="true" className="ui-icon" />
              )}
              {t("captions:toggle")}
            </button>
          </div>
        </RoomTopBar>
        <AgendaTimerBar sessionId={sessionId} me={me} say={announcer.say} />
        <BreakoutBar />
        {/* LiveKit's dark theme only on the video stage; panels and controls keep our contrast. */}
        <section className="stage stage-view" aria-label={t("layout.label")} data-lk-theme="default">
          {layout === "grid" || !focus ? (
            <GridLayout tracks={tracks}>
              <Tile />
            </GridLayout>
          ) : (
            <FocusLayoutContainer>
              {/* It scrolls when many are on stage: focusable so the keyboard can scroll it too. */}
              <CarouselLayout
                tracks={tracks.filter((tr) => tr !== focus)}
                tabIndex={0}
                aria-label={t("layout.others")}
              >
                <Tile />
              </CarouselLayout>
              {/* Our tile inside LiveKit's: names come from our roster, LiveKit only knows opaque ids. */}
              <FocusLayout
                trackRef={focus}
                role="group"
                aria-label={
                  focus === screen ? t("screenOf", { name: focusName }) : t("speaker", { name: focusName })
                }
              >
                <Tile />
              </FocusLayout>
            </FocusLayoutContainer>
          )}
        </section>
        {captions.on ? (
          <CaptionsBar sessionId={sessionId} settings={captions} onChange={setCaptions} />
        ) : null}
        <aside id="session-side-panel" className="room-panel" aria-label={t("sidePanel")} hidden={!panelOpen}>
          <div className="room-panel-header">
            <button
              type="button"
              className="ui-icon-button room-panel-close"
              aria-label={t("controls.closePanel")}
              onClick={() => setPanelOpen(false)}
            >
              <X aria-hidden="true" className="ui-icon" />
            </button>
          </div>
          <Tabs
            label={t("panel.label")}
            selectedKey={panelTab}
            onSelectionChange={setPanelTab}
            className="room-tabs"
            items={[
              {
                id: "people",
                label: t("panel.people"),
                icon: Users,
                content: (
                  <>
                    {me.isModerator ? <ModeratorPanel sessionId={sessionId} /> : null}
                    <ParticipantList sessionId={sessionId} />
                    {/* Who captions is decided about people, like the stage: here, not in a tab of its own. */}
                    {me.isModerator ? (
                      <CaptionsAdmin
                        sessionId={sessionId}
                        onCaptionMyself={() => {
                          setCaptioningMyself(true);
                          setPanelTab("captions");
                        }}
                      />
                    ) : null}
                  </>
                ),
              },
              {
                id: "chat",
                label: t("panel.chat"),
                icon: MessageSquare,
                content: <ChatPanel sessionId={sessionId} />,
              },
              {
                id: "capture",
                label: t("panel.capture"),
                icon: NotebookPen,
                content: <CapturePanel sessionId={sessionId} headingLevel={3} />,
              },
              // A moderator's panel keeps one row of tabs: theirs appears only once they caption.
              ...(canCaption && (!me.isModerator || captioningMyself)
                ? [
                    {
                      id: "captions",
                      label: t("captions:tab"),
                      icon: Captions,
                      content: <CaptionsTab sessionId={sessionId} />,
                    },
                  ]
                : []),
              ...(me.isModerator || breakout.round
                ? [
                    {
                      id: "breakout",
                      label: t("breakout:tab"),
                      icon: Split,
                      content: <BreakoutTab />,
                    },
                  ]
                : []),
            ]}
          />
        </aside>
        <div className="control-bar" role="toolbar" aria-label={t("controls.label")}>
          <div className="control-group">
            {canPublish ? (
              <>
                <MediaToggle source={Track.Source.Microphone} label={t("controls.microphone")} />
                <MediaToggle source={Track.Source.Camera} label={t("controls.camera")} />
                <MediaToggle source={Track.Source.ScreenShare} label={t("controls.screen")} />
              </>
            ) : null}
            <HandButton sessionId={sessionId} raised={Boolean(me_?.handRaisedAt)} />
            <Reactions onAnnounce={announcer.say} />
          </div>
          <div className="control-group">
            <button
              type="button"
              className="room-control"
              aria-expanded={panelOpen}
              aria-controls="session-side-panel"
              onClick={() => setPanelOpen((open) => !open)}
            >
              {panelOpen ? (
                <PanelRightClose aria-hidden="true" className="ui-icon" />
              ) : (
                <PanelRightOpen aria-hidden="true" className="ui-icon" />
              )}
              <span className="room-control-label">{t("controls.panel")}</span>
            </button>
            <DisconnectButton className="room-control room-leave">
              <LogOut aria-hidden="true" className="ui-icon" />
              <span className="room-control-label">{t("controls.leave")}</span>
            </DisconnectButton>
          </div>
        </div>
      </div>
    </RoomStateProvider>
  );
}

type Say = (announcement: Announcement) => void;

/** Who is connected to the room right now, by LiveKit (sooner than the attendance record): you and the others. */
function usePresentIdentities(myIdentity: string): ReadonlySet<string> {
  const remote = useRemoteParticipants();
  return useMemo(() => new Set([myIdentity, ...remote.map((p) => p.identity)]), [remote, myIdentity]);
}

/** Announces a newly raised hand (not on first load, not your own). */
function useHandAnnouncements(roster: RosterEntry[] | undefined, myIdentity: string, say: Say) {
  const [known, setKnown] = useState<Set<string> | null>(null);
  useEffect(() => {
    if (!roster) return;
    for (const entry of newlyRaisedHands(known, roster, myIdentity)) {
      say({ key: "announce.handRaised", about: entry.identity, params: { name: entry.name } });
    }
    setKnown(handIdentities(roster));
  }, [roster]);
}

/**
 * The participant who spoke last: stays in focus through the pauses between sentences instead of
 * the view jumping back to someone else at every breath; until they leave the room.
 */
function useActiveSpeaker(present: ReadonlySet<string>): string | null {
  const speaking = useSpeakingParticipants();
  const top = speaking[0]?.identity ?? null;
  const [last, setLast] = useState<string | null>(null);
  if (top && top !== last) setLast(top);
  return top ?? (last && present.has(last) ? last : null);
}

/**
 * Announces who speaks, once the active speaker has changed and held for a moment (the same
 * speaker the speaker layout shows). Not yourself: you know that you are talking, and it would
 * drown out what others do.
 */
function useSpeakerAnnouncements(
  top: string | null,
  roster: ReadonlyMap<string, RosterEntry>,
  myIdentity: string,
  say: Say,
) {
  const [announced, setAnnounced] = useState<string | null>(null);
  useEffect(() => {
    if (!top || top === announced) return;
    const timer = window.setTimeout(() => {
      setAnnounced(top);
      if (top !== myIdentity) {
        say({ key: "announce.speaking", about: top, params: { name: roster.get(top)?.name } });
      }
    }, 1_500);
    return () => window.clearTimeout(timer);
  }, [top, announced, roster, myIdentity, say]);
}

/** When the person the live region names leaves (or a moderator removes them), it says so instead. */
function useDepartureAnnouncements(
  announcer: ReturnType<typeof useAnnouncer>,
  present: ReadonlySet<string>,
  roster: ReadonlyMap<string, RosterEntry>,
) {
  const about = announcer.message.announcement?.about;
  const { departed } = announcer;
  const gone = about !== undefined && !present.has(about);
  const removed = about !== undefined && (roster.get(about)?.removed ?? false);
  useEffect(() => {
    if (about === undefined || !gone) return;
    if (removed) {
      departed(about, true);
      return;
    }
    // A connection that drops and resumes (a network blip, a busy laptop) is not a departure: only
    // someone still gone after the grace has left.
    const timer = window.setTimeout(() => departed(about, false), DEPARTURE_GRACE_MS);
    return () => window.clearTimeout(timer);
  }, [about, gone, removed, departed]);
}

/** How long someone may be out of the room before "X has left" replaces what was said about them. */
const DEPARTURE_GRACE_MS = 5_000;

/**
 * Announces being put on or taken off the stage: a change of the right to publish within one room.
 * The first value seen once connected to a room is where one starts there, not a change.
 */
function useStageAnnouncements(canPublish: boolean, say: Say, roomKey: string, connected: boolean) {
  const [previous, setPrevious] = useState<{ roomKey: string | null; canPublish: boolean }>({
    roomKey: null,
    canPublish,
  });
  useEffect(() => {
    if (!connected) return;
    if (previous.roomKey !== roomKey) {
      setPrevious({ roomKey, canPublish });
      return;
    }
    if (canPublish === previous.canPublish) return;
    setPrevious({ roomKey, canPublish });
    say({ key: canPublish ? "announce.promoted" : "announce.demoted" });
  }, [canPublish, previous, say, roomKey, connected]);
}
