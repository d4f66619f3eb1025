import { createAudioAnalyser, type LocalAudioTrack } from "livekit-client";
import { useEffect, useState } from "react";

/** 0–100, sampled ten times a second, for a <meter>. */
export function useMicLevel(track: LocalAudioTrack | undefined): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track) {
      setLevel(0);
      return;
    }
    const analyser = createAudioAnalyser(track, { cloneTrack: true });
    const timer = window.setInterval(
      () => setLevel(Math.round(Math.min(1, analyser.calculateVolume() * 4) * 100)),
      100,
    );
    return () => {
      window.clearInterval(timer);
      void analyser.cleanup();
    };
  }, [track]);
  return level;
}
