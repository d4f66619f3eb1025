import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DUTCH_THEMES = [
  "Uitvoering: wat gaat er mis, welke acties nemen we?",
  "Werken als één overheid",
  "Maatwerk als regel",
  "Leiderschap in transitie",
];
const ENGLISH_THEMES = [
  "Execution: what goes wrong, which actions do we take?",
  "Working as one government",
  "Tailored support as the rule",
  "Leadership in transition",
];

describe("home page", () => {
  let server: RunningReeks;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lists the four themes in Dutch, then in English after switching, and remembers the choice", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await expect.poll(() => page.locator("h4").allTextContents()).toEqual(DUTCH_THEMES);
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h4").allTextContents()).toEqual(ENGLISH_THEMES);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await expect.poll(() => page.locator("h4").allTextContents()).toEqual(ENGLISH_THEMES);
    await page.close();
  });

  it("can be used with the keyboard: the skip link leads to the content", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    // The SPA renders after load; wait for it before the first key press.
    await page.getByRole("link", { name: "Naar de inhoud" }).waitFor({ state: "attached" });
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe("Naar de inhoud");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.close();
  });
});
