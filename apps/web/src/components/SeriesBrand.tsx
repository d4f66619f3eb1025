import { accentContrast } from "@reeks/models";
import type { CSSProperties, ReactNode } from "react";
import { useTranslation } from "react-i18next";

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** The URL of a series' logo; the version changes with the logo, so a new one is never served stale. */
export function logoSrc(series: { id: string; logoVersion: number | null }): string | null {
  return series.logoVersion === null ? null : `/logos/${series.id}.png?v=${series.logoVersion}`;
}

/**
 * A series' own look on its pages: its logo above the content, and its accent on the buttons and the
 * bar inside. The colour reaches CSS only as the value of two custom properties, set from a checked
 * #rrggbb (the server refused it unless text on it passes AA), never as CSS text.
 */
export function SeriesBrand(props: {
  accentColour: string | null;
  logo: string | null;
  organiser: string;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation("common");
  const accent = props.accentColour && HEX_COLOUR.test(props.accentColour) ? props.accentColour : null;
  const style = accent
    ? ({ "--series-accent": accent, "--series-on-accent": accentContrast(accent).onAccent } as CSSProperties)
    : undefined;
  const classes = ["series-brand", accent ? "series-brand-accent" : "", props.className ?? ""];
  return (
    <div className={classes.filter(Boolean).join(" ")} style={style}>
      {props.logo && (
        <img
          className="series-logo"
          src={props.logo}
          alt={t("seriesLogoAlt", { organiser: props.organiser })}
          height={48}
        />
      )}
      {props.children}
    </div>
  );
}
