import { describe, expect, it } from "vitest";
import type { TranscriptLine } from "./model";
import { readVtt } from "./test-readers";
import { renderTranscriptMarkdown, renderTranscriptText, renderTranscriptVtt } from "./transcript";

const start = new Date("2026-03-14T14:00:00Z");
function line(seq: number, secondsIn: number, text: string, speakerName: string | null): TranscriptLine {
  return {
    id: `line-${seq}`,
    sessionId: "s",
    seq,
    language: "nl",
    text,
    spokenAt: new Date(start.getTime() + secondsIn * 1000),
    editedAt: null,
    speakerName,
    attribution: "named",
  };
}

const lines = [
  line(1, 5, "Welkom bij de sessie.", "Anna de Vries"),
  line(2, 6, "A <b>bold</b> & risky --> line\nwith a break", "Bram <Admin>"),
  line(3, 20, "[applaus]", null),
];
const doc = {
  title: "Reeks — sessie 1",
  locale: "nl" as const,
  timeZone: "Europe/Amsterdam",
  startsAt: start,
  lines,
};

describe("transcript writers", () => {
  it("writes WebVTT that a strict parser reads back: times from the session start, voices, text as typed", () => {
    const parsed = readVtt(renderTranscriptVtt(doc));
    expect(parsed.header).toBe("WEBVTT - Reeks — sessie 1");
    expect(parsed.cues.map((c) => [c.id, c.startMs, c.endMs])).toEqual([
      ["1", 5000, 6500], // the next line follows within 1.5 s: shown at least that long
      ["2", 6000, 14000], // a long silence after it: at most 8 s
      ["3", 20000, 28000],
    ]);
    expect(parsed.cues.map((c) => c.text)).toEqual([
      "Welkom bij de sessie.",
      "A <b>bold</b> & risky --> line with a break",
      "[applaus]",
    ]);
    // The parser leaves a voice annotation's entities as written; players decode them.
    expect(parsed.cues.map((c) => c.voice)).toEqual(["Anna de Vries", "Bram &lt;Admin&gt;", null]);
  });

  it("puts no speaker name in any format of a Chatham House or anonymous session", () => {
    for (const attribution of ["chatham_house", "anonymous"] as const) {
      const hidden = { ...doc, lines: lines.map((l) => ({ ...l, attribution })) };
      for (const text of [
        renderTranscriptVtt(hidden),
        renderTranscriptText(hidden),
        renderTranscriptMarkdown(hidden),
      ]) {
        expect(text).not.toContain("Anna");
        expect(text).not.toContain("Bram");
        expect(text).toContain("Welkom bij de sessie.");
      }
      expect(readVtt(renderTranscriptVtt(hidden)).cues.every((c) => c.voice === null)).toBe(true);
    }
  });

  it("gives plain text and Markdown the wall-clock time in Amsterdam, Markdown escaped", () => {
    expect(renderTranscriptText(doc).split("\n")[2]).toBe("[15:00:05] Anna de Vries: Welkom bij de sessie.");
    const md = renderTranscriptMarkdown(doc);
    expect(md).toContain("`15:00:06` **Bram \\<Admin\\>:** A \\<b\\>bold\\</b\\> & risky --\\> line");
    expect(md.startsWith("# Reeks — sessie 1\n")).toBe(true);
  });
});
