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

/** A plain, accessible mail layout: one column, real text, a language attribute for screen readers. */
export function mailLayout(options: { lang: string; title: string; body: SafeHtml }): string {
  return html`<!doctype html>
<html lang="${options.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${options.title}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 36rem; margin: 0 auto; padding: 1rem;">
${options.body}
</body>
</html>`.value;
}

/** A link that looks like a button and still reads as a link. */
export function mailButton(href: string, label: string): SafeHtml {
  return html`<p><a href="${href}" style="display: inline-block; background: #0b5394; color: #fff; padding: 0.6rem 1rem; border-radius: 4px; text-decoration: none;">${label}</a></p>`;
}
