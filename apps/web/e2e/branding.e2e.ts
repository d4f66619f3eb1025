import { rasteriseSvg } from "@reeks/api";
import { DEMO_SERIES_SLUG, eq, Series, SeriesLogo } from "@reeks/db";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ACCENT = "#7a1f5c";

describe("a series' branding on its registration page", () => {
  let server: RunningReeks;
  let browser: Browser;
  let seriesId = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const [series] = await server.database.db
      .update(Series)
      .set({ accentColour: ACCENT })
      .where(eq(Series.slug, DEMO_SERIES_SLUG))
      .returning();
    seriesId = series?.id ?? "";
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="${ACCENT}"/></svg>`;
    await server.database.db
      .insert(SeriesLogo)
      .values({ seriesId, ...rasteriseSvg(new TextEncoder().encode(svg)) });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [language, alt, submit] of [
    ["nl", "Logo van Vereniging van Gemeentesecretarissen (VGS)", "Aanmelden"],
    ["en", "Logo of Vereniging van Gemeentesecretarissen (VGS)", "Register"],
  ] as const) {
    it(`shows the logo with its alt text and the accent on the primary button (${language}), axe clean`, async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      await context.addInitScript((lang) => window.localStorage.setItem("reeks.language", lang), language);
      const page = await context.newPage();
      await page.goto(`${server.url}/reeksen/${DEMO_SERIES_SLUG}/aanmelden`);
      const logo = page.getByRole("img", { name: alt });
      await logo.waitFor();
      expect(await logo.getAttribute("src")).toMatch(new RegExp(`^/logos/${seriesId}\\.png\\?v=\\d+$`));
      // The image really loads (the server serves it), not just an element with a URL.
      await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      const button = page.getByRole("button", { name: submit, exact: true });
      const colours = await button.evaluate((el) => {
        const style = getComputedStyle(el);
        return { background: style.backgroundColor, text: style.color };
      });
      // #7a1f5c with white text (it reads better on it than the dark text colour).
      expect(colours).toEqual({ background: "rgb(122, 31, 92)", text: "rgb(255, 255, 255)" });
      // The colour comes in as a custom property on the series' own wrapper, not as a style sheet.
      const inline = await page.locator(".series-brand").getAttribute("style");
      expect(inline).toContain(`--series-accent: ${ACCENT}`);
      expect(
        await page
          .locator("style:not([data-vite-dev-id])")
          .evaluateAll((els) => els.map((e) => e.textContent).join("")),
      ).not.toContain(ACCENT);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
