import { describe, expect, it } from "vitest";
import { html, mailButton, mailLayout } from "./html";

describe("html for mails", () => {
  it("escapes interpolated names and free text", () => {
    const name = `<script>alert("x")</script> & 'co'`;
    expect(html`<p>${name}</p>`.value).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>",
    );
  });

  it("does not escape nested html twice", () => {
    const inner = html`<b>${"a<b"}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe("<p><b>a&lt;b</b></p>");
  });

  it("escapes the title in the layout", () => {
    expect(mailLayout({ lang: "nl", title: "<i>x</i>", body: html`` })).toContain(
      "<title>&lt;i&gt;x&lt;/i&gt;</title>",
    );
  });

  it("shows a series' logo with escaped alt text, and takes only a #rrggbb accent into its styles", () => {
    const branded = mailLayout({
      lang: "en",
      title: "T",
      body: html``,
      brand: {
        logo: { src: "https://reeks.test/logos/1.png", alt: `Logo of "A&B"` },
        accent: { background: "#7a1f5c", text: "#ffffff" },
      },
    });
    expect(branded).toContain(`<img src="https://reeks.test/logos/1.png" alt="Logo of &quot;A&amp;B&quot;"`);
    expect(branded).toContain("border-bottom: 4px solid #7a1f5c");
    const hostile = {
      accent: { background: "red; background-image: url(https://evil.test/x)", text: "#fff" },
    };
    expect(mailLayout({ lang: "en", title: "T", body: html``, brand: hostile })).not.toContain("evil");
    expect(mailButton("https://reeks.test", "Go", hostile).value).not.toContain("evil");
    expect(mailButton("https://reeks.test", "Go", hostile).value).toContain("background: #0b5394");
  });
});
