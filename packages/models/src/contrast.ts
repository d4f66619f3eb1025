/** The text colour of Reeks' pages and mails; an accent must read against it as well as against white. */
export const TEXT_COLOUR = "#1a1a1a";
export const WHITE = "#ffffff";
/** WCAG 2.x AA for normal text. */
export const AA_RATIO = 4.5;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of #rrggbb (WCAG 2.x). */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 0xff) + 0.7152 * channel((n >> 8) & 0xff) + 0.0722 * channel(n & 0xff);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The accent is a background (bars, buttons) with text on it, in white or in the text colour,
 * whichever reads better. Both ratios cannot pass at once for any colour (4.5:1 against white and
 * against near-black leave no luminance between them), so a colour is refused when it fails AA
 * against white and against the text colour: then no text on it would be readable.
 */
export function accentContrast(hex: string): { ratio: number; onAccent: string } {
  const onWhite = contrastRatio(hex, WHITE);
  const onText = contrastRatio(hex, TEXT_COLOUR);
  return onWhite >= onText ? { ratio: onWhite, onAccent: WHITE } : { ratio: onText, onAccent: TEXT_COLOUR };
}
