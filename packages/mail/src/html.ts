/**
 * HTML for mails. Every interpolated value is escaped unless it is itself `html`-built, so a name
 * like `<script>` arrives as text, never as markup.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

type Value = string | number | SafeHtml | null | undefined | ReadonlyArray<Value>;

function render(value: Value): string {
  if (value === null || value === undefined) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/**
 * A series' look in its mails: its logo (an absolute URL to the PNG Reeks serves) and its accent
 * colour with the text colour that reads on it. The caller has checked the accent's contrast.
 */
export interface MailBrand {
  logo?: { src: string; alt: string } | null;
  accent?: { background: string; text: string } | null;
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** Colours go into style attributes: anything but #rrggbb is dropped rather than escaped into CSS. */
function brandColours(brand: MailBrand | undefined) {
  const accent = brand?.accent;
  if (!accent || !HEX_COLOUR.test(accent.background) || !HEX_COLOUR.test(accent.text)) return null;
  return accent;
}

/** A plain, accessible mail layout: one column, real text, a language attribute for screen readers. */
export function mailLayout(options: {
  lang: string;
  title: string;
  body: SafeHtml;
  brand?: MailBrand;
}): string {
  const logo = options.brand?.logo;
  const accent = brandColours(options.brand);
  // Height fixed, width free: a wide logo keeps its proportions; the alt text stands in when images are off.
  const header = logo
    ? html`<p style="margin: 0 0 1rem;${accent ? ` border-bottom: 4px solid ${accent.background}; padding-bottom: 0.5rem;` : ""}"><img src="${logo.src}" alt="${logo.alt}" height="48" style="height: 48px; width: auto; max-width: 100%;"></p>`
    : accent
      ? html`<div style="border-top: 4px solid ${accent.background}; margin-bottom: 1rem;"></div>`
      : "";
  return html`<!doctype html>
<html lang="${options.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${options.title}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 36rem; margin: 0 auto; padding: 1rem;">
${header}
${options.body}
</body>
</html>`.value;
}

/** A link that looks like a button and still reads as a link; in the series' accent when it has one. */
export function mailButton(href: string, label: string, brand?: MailBrand): SafeHtml {
  const accent = brandColours(brand) ?? { background: "#0b5394", text: "#ffffff" };
  return html`<p><a href="${href}" style="display: inline-block; background: ${accent.background}; color: ${accent.text}; padding: 0.6rem 1rem; border-radius: 4px; text-decoration: none;">${label}</a></p>`;
}
