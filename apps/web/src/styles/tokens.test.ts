/// <reference types="node" />
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contrastRatio, over, parseColor, type Rgba } from "./contrast";

// Read from disk: vitest hands CSS modules to tests as empty strings.
const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const tokensCss = read("./tokens.css");
const stylesheets = {
  "styles.css": read("../styles.css"),
  "components.css": read("./components.css"),
  "room.css": read("./room.css"),
  "scheduling.css": read("../features/scheduling/scheduling.css"),
  "transcript.css": read("../features/transcript/transcript.css"),
};

function tokens(): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of tokensCss.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) map.set(m[1] ?? "", (m[2] ?? "").trim());
  return map;
}
const TOKENS = tokens();
const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

function resolve(value: string): Rgba | null {
  const ref = /^var\((--[\w-]+)\)$/.exec(value.trim())?.[1];
  const raw = ref ? TOKENS.get(ref) : value;
  if (raw === undefined) throw new Error(`unknown token in ${value}`);
  const colour = parseColor(raw);
  // A translucent background is judged where it is lightest: over white.
  return colour && colour.a < 1 ? over(colour, WHITE) : colour;
}

/**
 * Custom properties set at run time from a series' accent (SeriesBrand): the server accepts only an
 * accent on which white or the text colour reaches AA, and `accentContrast` picks that one as
 * --series-on-accent. So the stylesheets may put no other text colour on the accent.
 */
const RUNTIME = /var\(--series-/;
const runtimePairs: Array<{ where: string; color: string; background: string }> = [];

/** Every rule (innermost block) that sets both a text colour and a background colour. */
function pairsInStylesheets(): Array<{ where: string; color: string; background: string }> {
  const pairs: Array<{ where: string; color: string; background: string }> = [];
  for (const [file, css] of Object.entries(stylesheets)) {
    const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, "");
    for (const block of withoutComments.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const body = block[2] ?? "";
      const color = /(?:^|[;\s])color\s*:\s*([^;]+);/.exec(body)?.[1];
      const background = /background(?:-color)?\s*:\s*([^;]+);/.exec(body)?.[1];
      if (!color || !background || color.includes("inherit")) continue;
      if (RUNTIME.test(color) || RUNTIME.test(background)) {
        runtimePairs.push({ where: `${file}: ${(block[1] ?? "").trim()}`, color, background });
        continue;
      }
      if (resolve(background)) {
        pairs.push({ where: `${file}: ${(block[1] ?? "").trim()}`, color, background });
      }
    }
  }
  return pairs;
}

/**
 * Pairs that meet by inheritance rather than in one rule: body text on the page and its surfaces,
 * the room's labels on its stage. Text needs 4.5:1 (WCAG 1.4.3); borders that mark a control 3:1 (1.4.11).
 */
const INHERITED: Array<[string, string, number]> = [
  ["--color-text", "--color-bg", 4.5],
  ["--color-text", "--color-surface", 4.5],
  ["--color-text", "--color-surface-strong", 4.5],
  ["--color-text-muted", "--color-bg", 4.5],
  ["--color-text-muted", "--color-surface", 4.5],
  ["--color-link", "--color-bg", 4.5],
  ["--color-link", "--color-surface", 4.5],
  ["--color-primary", "--color-bg", 4.5],
  ["--color-primary", "--color-primary-soft", 4.5],
  ["--color-danger", "--color-bg", 4.5],
  ["--color-success", "--color-bg", 4.5],
  ["--color-text", "--color-success-soft", 4.5],
  ["--color-text", "--color-warning-soft", 4.5],
  ["--color-text", "--color-danger-soft", 4.5],
  ["--color-text", "--color-heat-1", 4.5],
  ["--color-text", "--color-heat-2", 4.5],
  ["--color-text", "--color-heat-3", 4.5],
  ["--color-on-stage", "--color-stage", 4.5],
  ["--color-on-stage", "--color-stage-surface", 4.5],
  ["--color-on-stage-muted", "--color-stage", 4.5],
  ["--color-on-stage-muted", "--color-stage-surface", 4.5],
  ["--color-on-stage", "--color-stage-control", 4.5],
  ["--color-on-stage", "--color-stage-control-hover", 4.5],
  ["--color-on-stage-control-off", "--color-stage-control-off", 4.5],
  ["--color-border", "--color-bg", 3],
  ["--color-stage-control-border", "--color-stage-surface", 3],
  ["--color-stage-control-off", "--color-stage", 3],
  ["--color-speaking", "--color-stage-surface", 3],
];

describe("design tokens", () => {
  it("meet WCAG AA for every text/background pair the stylesheets use", () => {
    const pairs = pairsInStylesheets();
    // The scan must find the rules it is meant to check (buttons, toasts, the room's controls).
    expect(pairs.length).toBeGreaterThan(20);
    const failing = pairs
      .map((p) => {
        const fg = resolve(p.color);
        const bg = resolve(p.background);
        if (!fg || !bg) throw new Error(`not a colour: ${p.where}`);
        return { ...p, ratio: Math.round(contrastRatio(fg, bg) * 100) / 100 };
      })
      .filter((p) => p.ratio < 4.5);
    expect(failing).toEqual([]);
    // Text on a series' accent is always the colour chosen for that accent.
    expect(runtimePairs.length).toBeGreaterThan(0);
    for (const pair of runtimePairs) {
      expect({ where: pair.where, color: pair.color.trim(), background: pair.background.trim() }).toEqual({
        where: pair.where,
        color: "var(--series-on-accent)",
        background: "var(--series-accent)",
      });
    }
  });

  it("meet WCAG AA for the pairs that meet by inheritance", () => {
    const failing = INHERITED.map(([fg, bg, min]) => {
      const ratio = contrastRatio(resolve(`var(${fg})`) ?? WHITE, resolve(`var(${bg})`) ?? WHITE);
      return { fg, bg, min, ratio: Math.round(ratio * 100) / 100 };
    }).filter((p) => p.ratio < p.min);
    expect(failing).toEqual([]);
  });

  it("are the only place where colours are written", () => {
    const literals = Object.entries(stylesheets).flatMap(([file, css]) =>
      [...css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/#[0-9a-fA-F]{3,6}\b|rgba?\(/g)].map(
        (m) => `${file}: ${m[0]}`,
      ),
    );
    expect(literals).toEqual([]);
  });

  it("computes contrast as WCAG does", () => {
    const black = parseColor("#000") ?? WHITE;
    expect(contrastRatio(black, WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(parseColor("#767676") ?? WHITE, WHITE)).toBeCloseTo(4.54, 2);
  });
});
