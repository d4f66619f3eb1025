import { describe, expect, it } from "vitest";
import { html, mailLayout } from "./html";

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
});
