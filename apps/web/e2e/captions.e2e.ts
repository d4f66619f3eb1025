import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinFromPreJoin, signedInPage } from "./room-fixture";

/**
 * Live captions in Chromium: a moderator makes a member captioner, the captioner types (a draft
 * while typing, Enter sends), and two other members read the line under the stage; the screen
 * reader's live region gets final lines only; a line posted to the caption URL appears too.
 */
describe("live captions in the room", () => {
  let server: RunningReeks;
  let browser: Browser;
  let mod: Page;
  let captioner: Page;
  let viewers: Page[];

  async function openCaptionsTab(page: Page, tab = "Ondertiteling", panel = "Zijpaneel") {
    const toggle = page.getByRole("button", { name: panel, exact: true });
    if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
    await page.getByRole("tab", { name: tab }).click();
  }

  /** Records every line added to the captions' live region, as a screen reader would be given it. */
  async function recordLiveRegion(page: Page) {
    await page.getByTestId("captions-log").waitFor({ state: "attached" });
    await page.evaluate(() => {
      const log = document.querySelector("[data-testid='captions-log']");
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of Array.from(record.addedNodes)) heard.push((node.textContent ?? "").trim());
      }).observe(log as Node, { childList: true, subtree: true, characterData: true });
    });
  }
  const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: string[] }).heard);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({}), launchChromium()]);
    const db = server.database.db;
    const { series, session } = await firstDemoSession(db);
    await createParticipant(db, {
      email: "mo@vgs.test",
      name: "Mo Moderator",
      seriesId: series.id,
      role: "moderator",
    });
    for (const [email, name] of [
      ["carla@gemeente.test", "Carla Schrijftolk"],
      ["anne@gemeente.test", "Anne de Vries"],
      ["bart@gemeente.test", "Bart Jansen"],
    ])
      await createParticipant(db, { email, name, seriesId: series.id });
    const roomUrl = `${server.url}/sessies/${session.id}`;
    mod = await signedInPage(browser, server, "mo@vgs.test");
    captioner = await signedInPage(browser, server, "carla@gemeente.test");
    viewers = [
      await signedInPage(browser, server, "anne@gemeente.test"),
      await signedInPage(browser, server, "bart@gemeente.test"),
    ];
    await mod.goto(roomUrl);
    await mod.getByRole("button", { name: "Sessie starten" }).click();
    await joinFromPreJoin(mod);
    for (const page of [captioner, ...viewers]) {
      await page.goto(roomUrl);
      await joinFromPreJoin(page);
    }
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a moderator makes a member captioner; two others read the typed line under the stage, the live region only final lines", async () => {
    // Members have no captions tab until they caption.
    expect(await captioner.getByRole("tab", { name: "Ondertiteling" }).count()).toBe(0);
    // The moderator decides who captions where people are managed: the people tab.
    await openCaptionsTab(mod, "Mensen");
    await mod
      .getByRole("region", { name: "Schrijftolken" })
      .getByRole("button", { name: /Deelnemer/ })
      .click();
    await mod.getByRole("option", { name: "Carla Schrijftolk" }).click();
    await mod.getByRole("button", { name: "Maak schrijftolk" }).click();
    await mod.getByText("Stop met ondertitelen: Carla Schrijftolk").waitFor();

    for (const page of viewers) {
      await page.getByRole("button", { name: "Ondertiteling", exact: true }).click();
      await page.getByText("De ondertiteling verschijnt hier zodra iemand ondertitelt.").waitFor();
      await recordLiveRegion(page);
    }

    // The tab appears for the captioner without a reload (the grant comes on the live stream).
    await openCaptionsTab(captioner);
    const input = captioner.getByRole("textbox", { name: /Ondertitelregel/ });
    await input.click();
    // Alt+1: the first person on stage (the moderator) speaks.
    await input.press("Alt+Digit1");
    await captioner.getByRole("textbox", { name: "Ondertitelregel voor Mo Moderator" }).waitFor();
    await input.pressSequentially("Goedemorgen allemaal", { delay: 30 });
    // While typing: the draft is shown to viewers, for the eye only.
    for (const page of viewers)
      await page
        .getByTestId("captions-interim")
        .getByText(/Goedemorgen/)
        .waitFor();
    await input.press("Enter");
    expect(await input.inputValue()).toBe("");
    for (const page of viewers) {
      await page.getByTestId("captions-log").getByText("Goedemorgen allemaal").waitFor();
      expect(await page.getByTestId("captions-log").getByText("Mo Moderator:").count()).toBe(1);
      await page.getByTestId("captions-interim").waitFor({ state: "detached" });
    }
    // A sound tag, by its shortcut, in the caption language.
    await input.press("Alt+KeyA");
    await input.press("Enter");
    for (const page of viewers) await page.getByTestId("captions-log").getByText("[applaus]").waitFor();

    for (const page of viewers) {
      const lines = await heard(page);
      expect(lines.some((l) => l.includes("Goedemorgen allemaal"))).toBe(true);
      // Only whole final lines: never a draft.
      expect(lines.every((l) => l === "Mo Moderator: Goedemorgen allemaal" || l.includes("[applaus]"))).toBe(
        true,
      );
    }
    expect(await axeViolations(captioner)).toEqual([]);
    expect(await axeViolations(viewers[0] as Page)).toEqual([]);
  });

  it("shows a line posted to the caption URL by an external service, and refuses it once revoked", async () => {
    await mod.getByRole("button", { name: "Maak een ondertitelings-URL" }).click();
    const url = await mod.getByRole("textbox", { name: "Ondertitelings-URL (geheim)" }).inputValue();
    expect(url).toMatch(/\/api\/captions\/[A-Za-z0-9_-]{43}$/);
    expect(await axeViolations(mod)).toEqual([]);
    const posted = await fetch(`${url}?seq=1&lang=nl`, {
      method: "POST",
      body: "Dit komt van de ondertitelingsdienst",
      headers: { "content-type": "text/plain" },
    });
    expect(posted.status).toBe(200);
    for (const page of viewers)
      await page.getByTestId("captions-log").getByText("Dit komt van de ondertitelingsdienst").waitFor();
    await mod.getByRole("button", { name: "Trek URL in" }).click();
    await mod.getByText("Er is geen ondertitelings-URL.").waitFor();
    const refused = await fetch(`${url}?seq=2`, {
      method: "POST",
      body: "Te laat",
      headers: { "content-type": "text/plain" },
    });
    expect(refused.status).toBe(403);
  });

  it("remembers size and contrast, and is axe clean in English", async () => {
    const page = viewers[0] as Page;
    await page.getByRole("button", { name: "Instellingen ondertiteling" }).click();
    await page.getByRole("button", { name: /Tekstgrootte/ }).click();
    await page.getByRole("option", { name: "Extra groot" }).click();
    await page.getByRole("button", { name: /Kleuren/ }).click();
    await page.getByRole("option", { name: "Geel op zwart" }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.reload();
    await joinFromPreJoin(page);
    const bar = page.locator(".captions-bar");
    await bar.waitFor();
    expect(await bar.getAttribute("data-size")).toBe("xlarge");
    expect(await bar.getAttribute("data-contrast")).toBe("yellow");
    // What was said before the reload is there again.
    await page.getByTestId("captions-log").getByText("Dit komt van de ondertitelingsdienst").waitFor();

    for (const p of [page, captioner, mod]) {
      await p.getByRole("button", { name: "EN English" }).click();
      await p.locator("html[lang='en']").waitFor({ state: "attached" });
    }
    await openCaptionsTab(captioner, "Captions", "Side panel");
    // The tags follow the language of the captions, not of the page.
    await captioner.getByRole("button", { name: "[applaus] Alt+A" }).waitFor();
    await captioner.getByRole("button", { name: /Language of the captions/ }).click();
    await captioner.getByRole("option", { name: "English" }).click();
    await captioner.getByRole("button", { name: "[applause] Alt+A" }).waitFor();
    await openCaptionsTab(mod, "People", "Side panel");
    for (const p of [page, captioner, mod]) expect(await axeViolations(p)).toEqual([]);
  });
});
