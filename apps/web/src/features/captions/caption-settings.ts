import { useCallback, useState } from "react";

export const CAPTION_SIZES = ["normal", "large", "xlarge"] as const;
export const CAPTION_CONTRASTS = ["dark", "light", "yellow"] as const;

export interface CaptionSettings {
  on: boolean;
  size: (typeof CAPTION_SIZES)[number];
  contrast: (typeof CAPTION_CONTRASTS)[number];
  /** The chosen language; null: the first one that has lines. */
  language: string | null;
}

const KEY = "reeks.captions";
const DEFAULTS: CaptionSettings = { on: false, size: "normal", contrast: "dark", language: null };

function read(): CaptionSettings {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "null") as Partial<CaptionSettings> | null;
    if (!stored || typeof stored !== "object") return DEFAULTS;
    return {
      on: stored.on === true,
      size: CAPTION_SIZES.includes(stored.size as CaptionSettings["size"])
        ? (stored.size as CaptionSettings["size"])
        : DEFAULTS.size,
      contrast: CAPTION_CONTRASTS.includes(stored.contrast as CaptionSettings["contrast"])
        ? (stored.contrast as CaptionSettings["contrast"])
        : DEFAULTS.contrast,
      language: typeof stored.language === "string" ? stored.language : null,
    };
  } catch {
    // Storage refused (private mode) or a value from elsewhere: the defaults, as on a first visit.
    return DEFAULTS;
  }
}

/** Whether captions are on, their size, contrast and language: remembered in this browser. */
export function useCaptionSettings(): [CaptionSettings, (change: Partial<CaptionSettings>) => void] {
  const [settings, setSettings] = useState(read);
  const update = useCallback((change: Partial<CaptionSettings>) => {
    setSettings((current) => {
      const next = { ...current, ...change };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Not remembered, but still applied for this visit.
      }
      return next;
    });
  }, []);
  return [settings, update];
}
