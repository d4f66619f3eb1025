import { describe, expect, it } from "vitest";
import { sanitizeText } from "./text";

describe("sanitizeText", () => {
  it("keeps plain text and the allowed subset exactly as typed", () => {
    expect(sanitizeText("  Wachtlijsten bij de WMO  ")).toBe("Wachtlijsten bij de WMO");
    const md = "Dit is **belangrijk** en *dringend*:\n\n- één\n- twee\n\nZie [VNG](https://vng.nl).";
    expect(sanitizeText(md)).toBe(md);
  });

  it("reduces raw HTML, images, headings and unsafe links to plain text", () => {
    const out = sanitizeText(
      "# Kop\n\n<script>alert(1)</script>\n\n![x](https://e.vil/a.png) [klik](javascript:alert(1))",
    );
    // Left as escaped literal text ("\\<script>"), never as markup.
    expect(out).not.toMatch(/(?<!\\)<script|javascript:|!\[|^#/m);
    expect(out).toContain("Kop");
    expect(out).toContain("klik");
  });

  it("strips control and bidi characters", () => {
    expect(sanitizeText("a\u0000b\u202Ec")).toBe("abc");
  });

  it("replaces lone surrogates (which jsonb refuses) and keeps real pairs", () => {
    expect(sanitizeText("a\uD800b")).toBe("a\uFFFDb");
    expect(sanitizeText("\uDC00x")).toBe("\uFFFDx");
    expect(sanitizeText("emoji 😀")).toBe("emoji 😀");
  });

  it("returns an empty string for whitespace only", () => {
    expect(sanitizeText(" \n\t ")).toBe("");
  });
});
