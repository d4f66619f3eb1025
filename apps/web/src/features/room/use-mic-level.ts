import type { LocalAudioTrack } from "livekit-client";
import { useEffect, useState } from "react";

/**
 * 0–100, sampled ten times a second, for a <meter>.
 *
 * Our own analyser rather than livekit's createAudioAnalyser: that one never resumes its AudioContext,
 * and Chromium starts a context "suspended" on a page the person has not clicked yet (a reload, a
 * link from a mail), so the meter stayed at 0. We resume it once capture runs (Chromium lets a
 * capturing page play) and again on the first click or key, for browsers that still wait for one.
 */
export function useMicLevel(track: LocalAudioTrack | undefined): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    setLevel(0);
    if (!track) return;
    const context = new AudioContext();
    // A clone: stopping it on cleanup must not stop the track the preview (or the room) uses.
    const streamTrack = track.mediaStreamTrack.clone();
    const source = context.createMediaStreamSource(new MediaStream([streamTrack]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const resume = () => {
      if (context.state === "suspended") void context.resume().catch(() => {});
    };
    resume();
    window.addEventListener("pointerdown", resume);
    window.addEventListener("keydown", resume);
    const timer = window.setInterval(() => {
      resume();
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const rms = Math.sqrt(sum / samples.length);
      // Speech at a normal distance gives an RMS around 0.02–0.2: scale so that it fills the meter.
      setLevel(Math.round(Math.min(1, rms * 5) * 100));
    }, 100);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("pointerdown", resume);
      window.removeEventListener("keydown", resume);
      source.disconnect();
      streamTrack.stop();
      void context.close().catch(() => {});
    };
  }, [track]);
  return level;
}
