import { useMutation, useQuery } from "@tanstack/react-query";
import type { Room } from "livekit-client";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "../../lib/trpc";
import type { Announcement } from "../room/Announcer";
import type { JoinChoices } from "../room/PreJoin";
import type { Breakout, Here } from "./breakout-context";
import { onBreakoutCue } from "./breakout-cues";
import {
  type RoomTarget,
  roomTarget,
  secondsLeft,
  unseenBroadcasts,
  WARNING_SECONDS,
} from "./breakout-state";

/** A token for one LiveKit room: the session's main room (groupId null) or a group's. */
export interface RoomConnection extends Here {
  token: string;
  url: string;
  identity: string;
  canPublish: boolean;
}

type Say = (announcement: Announcement) => void;

/** After the end, how often to look whether the server has closed the round (its loop, or on read). */
const END_POLL_MS = 2_000;
/** After a failed move, when to try again. */
const RETRY_MS = 3_000;

/**
 * Moves this browser between the session's room and the breakout groups' rooms. The open-source
 * LiveKit server cannot move a participant, so the client disconnects and connects with a token for
 * the other room, on the same Room object: the chosen devices and whether microphone and camera were
 * on go along, without a second pre-join. Where to be follows `breakout.state` (kept current by the
 * session's live stream), so a reload, a dropped connection or a missed event all end up in the same
 * place.
 */
export function useRoomMoves(opts: {
  sessionId: string;
  room: Room;
  initial: RoomConnection;
  choices: JoinChoices;
  say: Say;
  onLeft: (reason: "removed" | "ended" | "left") => void;
}) {
  const { sessionId, room, say } = opts;
  const trpc = useTRPC();
  const [now, setNow] = useState(() => Date.now());
  const state = useQuery({
    ...trpc.breakout.state.queryOptions({ sessionId }),
    refetchOnWindowFocus: false,
    // Past the end the server closes the round by itself (its loop, or lazily on this read): look
    // again until it has, so everyone returns even if the "closed" event went astray.
    refetchInterval: (query) => {
      const round = query.state.data?.round;
      if (round?.status !== "open" || !round.endsAt) return false;
      return Date.parse(round.endsAt) <= Date.now() + offsetOf(query.state.data, query.state.dataUpdatedAt)
        ? END_POLL_MS
        : false;
    },
  });
  const round = state.data?.round ?? null;
  const offset = offsetOf(state.data, state.dataUpdatedAt);

  const [connection, setConnection] = useState<RoomConnection>(opts.initial);
  const [publish, setPublish] = useState<JoinChoices>(opts.choices);
  const [visiting, setVisiting] = useState<string | null>(
    opts.initial.visiting ? opts.initial.groupId : null,
  );
  const [moving, setMoving] = useState(false);
  /** True from our own disconnect until the next room is connected: not a "left". */
  const leavingOnPurpose = useRef(false);
  /** The last target tried for this version of the state: a refusal is not tried again in a loop. */
  const attempted = useRef<string | null>(null);
  const [retryAt, setRetryAt] = useState(0);

  const joinGroup = useMutation(trpc.breakout.join.mutationOptions());
  const visitGroup = useMutation(trpc.breakout.visit.mutationOptions());
  const joinMain = useMutation(trpc.room.join.mutationOptions());

  const target = roomTarget(round, visiting);
  const targetKey = `${target.groupId}:${target.visiting}`;
  const hereKey = `${connection.groupId}:${connection.visiting}`;

  // A visit ends with the round.
  useEffect(() => {
    if (visiting && round?.status !== "open") setVisiting(null);
  }, [visiting, round?.status]);

  /** Latest values for the move, which also runs from a cue outside React's render (below). */
  const latest = useRef({ connection, round });
  latest.current = { connection, round };
  const movingNow = useRef(false);

  /**
   * Disconnects and connects to where `to` says. `to.groupId` "assigned" asks the server which group
   * (breakout.join answers with the caller's group, or the main room). Returns false when it failed.
   */
  async function move(to: RoomTarget | { groupId: "assigned"; visiting: false }): Promise<boolean> {
    if (movingNow.current) return true;
    movingNow.current = true;
    setMoving(true);
    try {
      const here = latest.current.connection;
      const next = await connectionFor(to);
      if (!next) return true;
      if (next.groupId === here.groupId && next.visiting === here.visiting) {
        // The server sees it otherwise than our copy of the state: take its word, fetch the state.
        void state.refetch();
        return true;
      }
      const local = room.localParticipant;
      // What was on goes along; a room where one only listens keeps the last choice for the next.
      if (local.permissions?.canPublish) {
        setPublish((before) => ({
          audioEnabled: local.isMicrophoneEnabled,
          videoEnabled: local.isCameraEnabled,
          audioDeviceId: room.getActiveDevice("audioinput") ?? before.audioDeviceId,
          videoDeviceId: room.getActiveDevice("videoinput") ?? before.videoDeviceId,
        }));
      }
      leavingOnPurpose.current = true;
      await room.disconnect();
      setConnection(next);
      if (next.groupId) {
        // A group made at the opening (people per group) is not in an older copy of the state.
        const known = latest.current.round?.groups.find((g) => g.id === next.groupId);
        const group = known ?? (await state.refetch()).data?.round?.groups.find((g) => g.id === next.groupId);
        say({
          key: next.visiting ? "breakout:announce.visiting" : "breakout:announce.toGroup",
          params: { group: group?.name ?? "", question: group?.question ?? "" },
        });
      } else {
        say({ key: "breakout:announce.toMain" });
      }
      return true;
    } catch {
      return false;
    } finally {
      movingNow.current = false;
      setMoving(false);
    }
  }

  useEffect(() => {
    if (!state.data || moving || targetKey === hereKey) return;
    const attempt = `${state.dataUpdatedAt}:${targetKey}:${retryAt}`;
    if (attempted.current === attempt) return;
    attempted.current = attempt;
    void move(target).then((ok) => {
      if (!ok) window.setTimeout(() => setRetryAt(Date.now()), RETRY_MS);
    });
  }, [state.data, state.dataUpdatedAt, targetKey, hereKey, moving, retryAt]);

  /*
   * On the "opened" and "closed" cues the browser moves first and reads the state after: a hundred
   * people reading the whole state at the same moment queue behind each other on the server, and only
   * then asking for a token made every move wait for all of them (bench/rooms/breakout-moves.ts).
   */
  useEffect(
    () =>
      onBreakoutCue(sessionId, (change) => {
        const here = latest.current.connection;
        const go =
          change === "opened" && !here.groupId
            ? move({ groupId: "assigned", visiting: false })
            : change === "closed" && here.groupId
              ? move({ groupId: null, visiting: false })
              : Promise.resolve(true);
        void go.finally(() => void state.refetch());
      }),
    [sessionId],
  );

  async function connectionFor(
    to: RoomTarget | { groupId: "assigned"; visiting: false },
  ): Promise<RoomConnection | null> {
    if (to.groupId) {
      const answer = to.visiting
        ? await visitGroup.mutateAsync({ sessionId, groupId: to.groupId })
        : await joinGroup.mutateAsync({ sessionId });
      if (answer.kind === "group") {
        return { ...answer, groupId: answer.groupId, visiting: to.visiting, canPublish: answer.canPublish };
      }
    }
    const answer = await joinMain.mutateAsync({ sessionId });
    if (answer.kind === "token") return { ...answer, groupId: null, visiting: false };
    opts.onLeft(answer.kind === "ended" ? "ended" : "left");
    return null;
  }

  // The countdown ticks once a second while a round is open.
  const open = round?.status === "open";
  useEffect(() => {
    if (!open) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, [open]);
  const left = open ? secondsLeft(round?.endsAt ?? null, offset, now) : null;
  const warning = left !== null && left <= WARNING_SECONDS;

  // At zero: ask at once (the server closes a round past its end on read), then every few seconds.
  const ended = left === 0;
  useEffect(() => {
    if (ended) void state.refetch();
  }, [ended]);

  useWarning(round?.id, round?.endsAt ?? null, warning && left !== 0, say);
  useExtensionAnnouncement(open ? (round?.id ?? null) : null, round?.endsAt ?? null, say);
  useBroadcastAnnouncements(round?.broadcasts, say);

  const hereGroup = round?.groups.find((g) => g.id === connection.groupId) ?? null;
  const breakout = useMemo<Breakout>(
    () => ({
      sessionId,
      round,
      here: { groupId: connection.groupId, visiting: connection.visiting },
      hereGroup,
      secondsLeft: left,
      warning,
      moving,
      visit: setVisiting,
    }),
    [sessionId, round, connection.groupId, connection.visiting, hereGroup, left, warning, moving],
  );

  return {
    breakout,
    connection,
    publish,
    /** LiveKit's Disconnected: ours while moving, else the person left or was sent away. */
    isOwnDisconnect: () => leavingOnPurpose.current,
    /**
     * A group's room deleted under us: the server clears a closed round's rooms after a grace, so
     * this browser missed the move back (asleep, offline). Back to the main room, or "ended" when the
     * session is over. False when not in a group: the deleted room was the session's own.
     */
    groupRoomDeleted: (): boolean => {
      if (!latest.current.connection.groupId) return false;
      void move({ groupId: null, visiting: false }).finally(() => void state.refetch());
      return true;
    },
    connected: () => {
      leavingOnPurpose.current = false;
    },
  };
}

function offsetOf(data: { serverNow: string } | undefined, fetchedAt: number): number {
  return data ? Date.parse(data.serverNow) - fetchedAt : 0;
}

/** One warning per end time: an extension makes a new end, which gets its own warning. */
function useWarning(roundId: string | undefined, endsAt: string | null, warning: boolean, say: Say) {
  const warned = useRef<string | null>(null);
  useEffect(() => {
    const key = `${roundId}:${endsAt}`;
    if (!warning || warned.current === key) return;
    warned.current = key;
    say({ key: "breakout:announce.warning" });
  }, [roundId, endsAt, warning, say]);
}

function useExtensionAnnouncement(roundId: string | null, endsAt: string | null, say: Say) {
  const last = useRef<{ roundId: string | null; endsAt: string | null }>({ roundId, endsAt });
  useEffect(() => {
    const before = last.current;
    last.current = { roundId, endsAt };
    if (!roundId || before.roundId !== roundId || !before.endsAt || !endsAt) return;
    const minutes = Math.round((Date.parse(endsAt) - Date.parse(before.endsAt)) / 60_000);
    if (minutes > 0) say({ key: "breakout:announce.extended", params: { count: minutes } });
  }, [roundId, endsAt, say]);
}

function useBroadcastAnnouncements(broadcasts: Array<{ id: string; body: string }> | undefined, say: Say) {
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!broadcasts) return;
    for (const b of unseenBroadcasts(seen.current, broadcasts)) {
      say({ key: "breakout:announce.broadcast", params: { body: b.body } });
    }
    seen.current = new Set(broadcasts.map((b) => b.id));
  }, [broadcasts, say]);
}
