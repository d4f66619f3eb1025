/**
 * A few seconds of something that sounds to WebRTC like speech: syllables five times a second, each
 * a harmonic tone at its own pitch, so noise suppression does not take it for a steady hum. As a
 * 16-bit mono PCM WAV file for Chromium's --use-file-for-fake-audio-capture (which loops it).
 */
export function voiceLikeWav(seconds = 3, sampleRate = 48_000): Buffer {
  const samples = seconds * sampleRate;
  const wav = Buffer.alloc(44 + samples * 2);
  const pitches = [150, 190, 170, 230, 140, 210, 180, 250, 160, 200, 220, 175, 195, 145, 240];
  for (let i = 0; i < samples; i++) {
    const t = i / sampleRate;
    const syllable = Math.floor(t * 5);
    const withinSyllable = (t * 5) % 1;
    // Voiced for three quarters of each syllable, with a smooth rise and fall; then a short gap.
    const envelope = withinSyllable < 0.75 ? Math.sin((Math.PI * withinSyllable) / 0.75) : 0;
    const f0 = pitches[syllable % pitches.length] ?? 180;
    let value = 0;
    for (let harmonic = 1; harmonic <= 6; harmonic++) {
      value += Math.sin(2 * Math.PI * f0 * harmonic * t) / harmonic;
    }
    const clipped = Math.max(-1, Math.min(1, 0.45 * envelope * value));
    wav.writeInt16LE(Math.round(clipped * 32_767), 44 + i * 2);
  }
  wav.write("RIFF", 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write("WAVE", 8);
  wav.write("fmt ", 12);
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  wav.writeUInt16LE(2, 32); // bytes per frame
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write("data", 36);
  wav.writeUInt32LE(samples * 2, 40);
  return wav;
}
