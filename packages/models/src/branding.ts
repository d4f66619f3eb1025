import { accentContrast } from "./contrast";
import type { Locale } from "./locale";

/** Where Reeks serves a series' logo (always a PNG; an SVG upload is rasterised). */
export function logoPath(seriesId: string): string {
  return `/logos/${seriesId}.png`;
}

/** The logo's alt text: it stands for the organising body, which is what it shows. */
export function logoAlt(organiser: string, locale: Locale): string {
  return locale === "nl" ? `Logo van ${organiser}` : `Logo of ${organiser}`;
}

/**
 * A series' look in mails: the logo as an absolute URL (mail clients have no base URL), and the
 * accent with the text colour that reads on it. Structurally the `MailBrand` of @reeks/mail.
 */
export function seriesMailBrand(
  series: { id: string; organiser: string; accentColour: string | null },
  options: { hasLogo: boolean; publicUrl: string; locale: Locale },
) {
  return {
    logo: options.hasLogo
      ? { src: `${options.publicUrl}${logoPath(series.id)}`, alt: logoAlt(series.organiser, options.locale) }
      : null,
    accent: series.accentColour
      ? { background: series.accentColour, text: accentContrast(series.accentColour).onAccent }
      : null,
  };
}
