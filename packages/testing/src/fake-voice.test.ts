import { describe, expect, it } from "vitest";
import { voiceLikeWav } from "./fake-voice";

describe("voiceLikeWav", () => {
  it("is a 16-bit mono PCM WAV of the asked length", () => {
    const wav = voiceLikeWav(2, 16_000);
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.toString("ascii", 8, 12)).toBe("WAVE");
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(16_000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.readUInt32LE(40)).toBe(2 * 16_000 * 2);
    expect(wav.length).toBe(44 + 2 * 16_000 * 2);
  });

  it("is loud while voiced and silent in the gaps between syllables", () => {
    const rate = 16_000;
    const wav = voiceLikeWav(1, rate);
    const loudest = (fromSeconds: number, toSeconds: number) => {
      let max = 0;
      for (let i = Math.floor(fromSeconds * rate); i < Math.floor(toSeconds * rate); i++) {
        max = Math.max(max, Math.abs(wav.readInt16LE(44 + i * 2)) / 32_767);
      }
      return max;
    };
    // Syllables of 200 ms: voiced for the first 150 ms, silent for the last 50 ms.
    for (const start of [0, 0.2, 0.4, 0.6, 0.8]) {
      expect(loudest(start + 0.05, start + 0.1)).toBeGreaterThan(0.3);
      expect(loudest(start + 0.151, start + 0.2)).toBe(0);
    }
  });
});
