import { useMutation } from "@tanstack/react-query";
import {
  createAudioAnalyser,
  createLocalTracks,
  type LocalAudioTrack,
  type LocalTrack,
  type LocalVideoTrack,
  Room,
  Track,
} from "livekit-client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "../../lib/trpc";

export type TestPhase = "idle" | "devices" | "connecting" | "connected" | "failed";
export type FailureReason = "permission" | "noDevice" | "network" | "unknown";
export type CheckState = "pending" | "ok" | "fail";

export interface ConnectionTestState {
  phase: TestPhase;
  reason: FailureReason | null;
  camera: CheckState;
  microphone: CheckState;
  server: CheckState;
}

const initialState: ConnectionTestState = {
  phase: "idle",
  reason: null,
  camera: "pending",
  microphone: "pending",
  server: "pending",
};

function classify(error: unknown): FailureReason {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "permission";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "noDevice";
  return "unknown";
}

/** Media flows once the sender has put bytes on the wire: that proves ICE and DTLS to the server. */
async function waitForBytesSent(track: LocalAudioTrack, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const stats = await track.getSenderStats();
    if ((stats?.bytesSent ?? 0) > 0) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

export function useConnectionTest(videoElement: React.RefObject<HTMLVideoElement | null>) {
  const trpc = useTRPC();
  const mintToken = useMutation(trpc.connectionTest.token.mutationOptions());
  const [state, setState] = useState<ConnectionTestState>(initialState);
  const [micLevel, setMicLevel] = useState(0);
  const resources = useRef<{ room?: Room; tracks: LocalTrack[]; stopMeter?: () => void }>({ tracks: [] });

  const stop = useCallback(async () => {
    const { room, tracks, stopMeter } = resources.current;
    resources.current = { tracks: [] };
    stopMeter?.();
    for (const track of tracks) track.stop();
    await room?.disconnect();
    setMicLevel(0);
  }, []);

  const start = useCallback(async () => {
    await stop();
    setState({ ...initialState, phase: "devices" });
    let tracks: LocalTrack[];
    try {
      tracks = await createLocalTracks({ audio: true, video: { resolution: { width: 640, height: 360 } } });
    } catch (error) {
      setState({
        ...initialState,
        phase: "failed",
        reason: classify(error),
        camera: "fail",
        microphone: "fail",
      });
      return;
    }
    resources.current.tracks = tracks;
    const video = tracks.find((t): t is LocalVideoTrack => t.kind === Track.Kind.Video);
    const audio = tracks.find((t): t is LocalAudioTrack => t.kind === Track.Kind.Audio);
    if (video && videoElement.current) video.attach(videoElement.current);
    if (audio) {
      const analyser = createAudioAnalyser(audio, { cloneTrack: true });
      const timer = window.setInterval(() => setMicLevel(analyser.calculateVolume()), 100);
      resources.current.stopMeter = () => {
        window.clearInterval(timer);
        void analyser.cleanup();
      };
    }
    setState((s) => ({
      ...s,
      phase: "connecting",
      camera: video ? "ok" : "fail",
      microphone: audio ? "ok" : "fail",
    }));
    try {
      const { token, url } = await mintToken.mutateAsync();
      const room = new Room();
      resources.current.room = room;
      await room.connect(url, token);
      for (const track of tracks) await room.localParticipant.publishTrack(track);
      const flowing = audio ? await waitForBytesSent(audio, 15_000) : true;
      if (!flowing) throw new Error("no media flowing");
      setState((s) => ({ ...s, phase: "connected", server: "ok" }));
    } catch {
      setState((s) => ({ ...s, phase: "failed", reason: "network", server: "fail" }));
    }
  }, [mintToken, stop, videoElement]);

  useEffect(
    () => () => {
      void stop();
    },
    [stop],
  );

  const reset = useCallback(async () => {
    await stop();
    setState(initialState);
  }, [stop]);

  return { state, micLevel, start, stop: reset };
}
