import { DEMO_SERIES_SLUG } from "@reeks/db";
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectFocusShown, hasFocus, tabTo } from "./keyboard";
import { signedInPage } from "./room-fixture";

/**
 * Someone without a mouse: register for the series, join a session from the pre-join page, raise a
 * hand, capture an action in the room. Only the keyboard (Tab, arrows, Space, Enter, typing); every
 * stop of the focus must be visible, and what the person hears (names, states) must say what happened.
 */
describe("keyboard only", () => {
  let server: RunningReeks;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({}, { ownLivekit: true }), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("registers for the series: errors get the focus, then the form goes through", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/reeksen/${DEMO_SERIES_SLUG}/aanmelden`);
    await page.getByRole("heading", { level: 1, name: /Aanmelden voor/ }).waitFor();

    // Straight to the submit button, and Enter with nothing filled in.
    const submit = page.getByRole("button", { name: "Aanmelden", exact: true });
    await tabTo(page, submit, { max: 60 });
    await page.keyboard.press("Enter");
    // The focus moves to the first field at fault, which says what is wrong, in words.
    const name = page.getByRole("textbox", { name: /^Naam/ });
    await expect.poll(() => hasFocus(name)).toBe(true);
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    // What a screen reader reads with the field: its description, the error among it.
    const description = await name.evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" "),
    );
    expect(description).toContain("Vul je naam in");

    await page.keyboard.type("Anne de Vries");
    await page.keyboard.press("Tab");
    await page.keyboard.type("anne@zuidhorn.test");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Gemeente Zuidhorn");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Gemeentesecretaris");
    const commits = page.getByRole("checkbox", { name: "Ik doe mee aan alle vier de webinars." });
    await tabTo(page, commits);
    await page.keyboard.press("Space");
    expect(await commits.isChecked()).toBe(true);
    const consent = page.getByRole("checkbox", { name: /Ik geef toestemming/ });
    await tabTo(page, consent);
    await page.keyboard.press("Space");
    expect(await consent.isChecked()).toBe(true);
    await tabTo(page, submit);
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .getByText(/We hebben een e-mail gestuurd naar anne@zuidhorn\.test/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  describe("in the room", () => {
    let mod: Page;
    let lid: Page;
    let roomUrl: string;
    beforeAll(async () => {
      const db = server.database.db;
      const { series, session } = await firstDemoSession(db);
      await createParticipant(db, {
        email: "mia@vgs.test",
        name: "Mia Moderator",
        seriesId: series.id,
        role: "moderator",
      });
      await createParticipant(db, { email: "lars@gemeente.test", name: "Lars Lid", seriesId: series.id });
      roomUrl = `${server.url}/sessies/${session.id}`;
      [mod, lid] = await Promise.all([
        signedInPage(browser, server, "mia@vgs.test"),
        signedInPage(browser, server, "lars@gemeente.test"),
      ]);
    }, 60_000);

    it("the moderator starts and joins, the member joins from the pre-join page", async () => {
      await mod.goto(roomUrl);
      await tabTo(mod, mod.getByRole("button", { name: "Sessie starten" }), { max: 30 });
      await mod.keyboard.press("Enter");
      const join = (page: Page) => page.getByRole("button", { name: "Deelnemen" });
      await join(mod).waitFor();
      await tabTo(mod, join(mod), { max: 30 });
      await mod.keyboard.press("Enter");
      await mod.getByRole("toolbar", { name: "Bediening" }).waitFor({ timeout: 30_000 });

      await lid.goto(roomUrl);
      await lid.getByRole("heading", { name: "Klaar om deel te nemen?" }).waitFor();
      await tabTo(lid, join(lid), { max: 30 });
      await lid.keyboard.press("Enter");
      // In the room: its controls, and LiveKit connected.
      await lid.getByRole("toolbar", { name: "Bediening" }).waitFor({ timeout: 30_000 });
      await lid.locator('[data-connection-state="connected"]').waitFor({ timeout: 30_000 });
    }, 120_000);

    it("the member raises a hand: the button says so, and the moderator sees and hears it", async () => {
      const hand = lid.getByRole("button", { name: "Hand opsteken" });
      await tabTo(lid, hand, { max: 60 });
      expect(await hand.getAttribute("aria-pressed")).toBe("false");
      await lid.keyboard.press("Space");
      const lower = lid.getByRole("button", { name: "Hand laten zakken" });
      await expect.poll(() => lower.getAttribute("aria-pressed"), { timeout: 10_000 }).toBe("true");
      // The focus stays on the control, still visible, now under its new name.
      expect(await hasFocus(lower)).toBe(true);
      await expectFocusShown(lid);

      await mod.getByTestId("hands").getByText("Lars Lid").waitFor({ timeout: 15_000 });
      await expect
        .poll(() => mod.getByTestId("announcer").textContent(), { timeout: 15_000 })
        .toBe("Lars Lid steekt een hand op.");
    }, 60_000);

    it("the moderator captures an action in the room's capture panel", async () => {
      // From the panel's tabs (arrow keys between them) into the capture form.
      const people = mod.getByRole("tab", { name: "Mensen" });
      await tabTo(mod, people, { max: 60 });
      await mod.keyboard.press("ArrowRight");
      await mod.keyboard.press("ArrowRight");
      const capture = mod.getByRole("tab", { name: "Vastleggen" });
      expect(await hasFocus(capture)).toBe(true);
      await expect.poll(() => capture.getAttribute("aria-selected")).toBe("true");

      const panel = mod.getByRole("tabpanel", { name: "Vastleggen" });
      const kind = panel.getByRole("combobox", { name: "Soort", exact: true });
      await tabTo(mod, kind, { max: 30 });
      // A closed select moves through its options with the arrow keys: Probleem → Actie.
      await mod.keyboard.press("ArrowDown");
      await expect
        .poll(() => kind.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text))
        .toBe("Actie");
      await tabTo(mod, panel.getByRole("textbox", { name: "Tekst", exact: true }));
      await mod.keyboard.type("Eén aanspreekpunt per huishouden");
      await tabTo(mod, panel.getByRole("textbox", { name: "Eigenaar (organisatie)" }));
      await mod.keyboard.type("Gemeente Zwolle");
      await tabTo(mod, panel.getByRole("button", { name: "Toevoegen" }));
      await mod.keyboard.press("Enter");

      const item = panel.locator(".outcome").filter({ hasText: "Eén aanspreekpunt per huishouden" });
      await item.waitFor({ timeout: 10_000 });
      await expect.poll(() => item.textContent()).toContain("Eigenaar: Gemeente Zwolle");
      expect(await axeViolations(mod)).toEqual([]);
    }, 60_000);
  });
});
