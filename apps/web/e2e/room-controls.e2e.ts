import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinFromPreJoin, signedInPage } from "./room-fixture";

interface ControlContrast {
  name: string;
  /** The control's own surface (fill or border, whichever stands out more) against what is behind it. */
  control: number;
  /** Its label against its own surface. */
  text: number;
  hasIcon: boolean;
  label: string;
}

/**
 * For every control in the room's toolbar: WCAG contrast of the control against what is behind it and
 * of its text against the control, from the colours Chromium computed (translucent layers composited).
 */
function controlContrasts(page: Page): Promise<ControlContrast[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba => {
      const m = /rgba?\(([^)]+)\)/.exec(value);
      if (!m?.[1]) return [0, 0, 0, 0];
      const parts = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const overlay = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [
        top[0] * a + bottom[0] * (1 - a),
        top[1] * a + bottom[1] * (1 - a),
        top[2] * a + bottom[2] * (1 - a),
        1,
      ];
    };
    /** What an element's area looks like: its background over its ancestors', down to the page. */
    const backdrop = (el: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let node = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] === 1) break;
      }
      return layers.reduceRight<Rgba>((under, layer) => overlay(layer, under), [255, 255, 255, 1]);
    };
    const lum = (c: Rgba) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const toolbar = document.querySelector('[role="toolbar"]');
    const buttons = Array.from(toolbar?.querySelectorAll("button") ?? []).filter(
      (b) => b.getClientRects().length > 0,
    );
    return buttons.map((button) => {
      const style = getComputedStyle(button);
      const surface = backdrop(button);
      const behind = backdrop(button.parentElement);
      const border = parse(style.borderTopColor);
      const borderShown = Number.parseFloat(style.borderTopWidth) > 0 && border[3] > 0;
      const control = Math.max(
        ratio(surface, behind),
        borderShown ? ratio(overlay(border, behind), behind) : 1,
      );
      const text = ratio(overlay(parse(style.color), surface), surface);
      const label = Array.from(button.querySelectorAll("span"))
        .map((s) => s.textContent ?? "")
        .join(" ")
        .trim();
      return {
        name: button.getAttribute("aria-label") ?? button.textContent ?? "",
        control: Math.round(control * 100) / 100,
        text: Math.round(text * 100) / 100,
        hasIcon: button.querySelector("svg") !== null,
        label,
      };
    });
  });
}

describe("the room's control bar", () => {
  let server: RunningReeks;
  let browser: Browser;
  let mod: Page;
  let member: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const db = server.database.db;
    const { series, session } = await firstDemoSession(db);
    await createParticipant(db, {
      email: "mo@vgs.test",
      name: "Mo Moderator",
      seriesId: series.id,
      role: "moderator",
    });
    await createParticipant(db, { email: "lotte@gemeente.test", name: "Lotte Lid", seriesId: series.id });
    const roomUrl = `${server.url}/sessies/${session.id}`;
    [mod, member] = await Promise.all([
      signedInPage(browser, server, "mo@vgs.test"),
      signedInPage(browser, server, "lotte@gemeente.test"),
    ]);
    await mod.goto(roomUrl);
    await mod.getByRole("button", { name: "Sessie starten" }).click();
    await joinFromPreJoin(mod);
    await member.goto(roomUrl);
    await joinFromPreJoin(member);
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    it(`shows every control with its icon, label and state, in contrast, at ${viewport.width}×${viewport.height}`, async () => {
      for (const page of [mod, member]) {
        await page.setViewportSize(viewport);
        const toolbar = page.getByRole("toolbar", { name: "Bediening" });
        await toolbar.waitFor();
        // The toolbar is on screen, at the bottom, not pushed below the fold.
        const box = await toolbar.boundingBox();
        expect(box).not.toBeNull();
        expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(viewport.height + 1);
        const controls = await controlContrasts(page);
        // A phone has no screen share (its browsers cannot share a screen): one control fewer.
        expect(controls.length).toBeGreaterThanOrEqual(page === mod ? (viewport.width < 768 ? 6 : 7) : 4);
        for (const c of controls) {
          expect({ name: c.name, control: c.control >= 3 }).toEqual({ name: c.name, control: true });
          expect({ name: c.name, text: c.text >= 4.5 }).toEqual({ name: c.name, text: true });
          expect({ name: c.name, icon: c.hasIcon, label: c.label.length > 1 }).toEqual({
            name: c.name,
            icon: true,
            label: true,
          });
        }
        if (process.env.REEKS_SCREENSHOT_DIR) {
          await page.screenshot({
            path: `${process.env.REEKS_SCREENSHOT_DIR}/room-${page === mod ? "mod" : "member"}-${viewport.width}.png`,
          });
        }
        expect(await axeViolations(page)).toEqual([]);
      }
    });
  }

  it("says the microphone's and camera's state in words and by aria-pressed", async () => {
    await mod.setViewportSize({ width: 1366, height: 768 });
    const mic = mod.getByRole("button", { name: "Microfoon", exact: true });
    expect(await mic.getAttribute("aria-pressed")).toBe("true");
    expect(await mic.textContent()).toContain("aan");
    await mic.click();
    await expect.poll(() => mic.getAttribute("aria-pressed")).toBe("false");
    expect(await mic.textContent()).toContain("uit");
    const off = (await controlContrasts(mod)).find((c) => c.name.startsWith("Microfoon"));
    expect(off?.control).toBeGreaterThanOrEqual(3);
    expect(off?.text).toBeGreaterThanOrEqual(4.5);
    await mic.click();
    await expect.poll(() => mic.getAttribute("aria-pressed")).toBe("true");
  });

  it("opens and closes the side panel; on a phone it is a sheet and the stage stays in view", async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      await member.setViewportSize(viewport);
      const toggle = member.getByRole("button", { name: "Zijpaneel", exact: true });
      const panel = member.getByRole("complementary", { name: "Zijpaneel van de sessie" });
      if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
      await panel.waitFor();
      await member.getByRole("tab", { name: "Chat" }).click();
      await member.getByRole("textbox", { name: "Bericht" }).waitFor();
      const stage = await member.getByRole("region", { name: "Weergave" }).boundingBox();
      expect(stage?.height ?? 0).toBeGreaterThan(viewport.width < 768 ? 90 : 400);
      expect(await axeViolations(member)).toEqual([]);
      if (process.env.REEKS_SCREENSHOT_DIR) {
        await member.screenshot({
          path: `${process.env.REEKS_SCREENSHOT_DIR}/room-panel-${viewport.width}.png`,
        });
      }
      await toggle.click();
      await expect.poll(() => panel.count()).toBe(0);
      const wider = await member.getByRole("region", { name: "Weergave" }).boundingBox();
      expect(wider?.height ?? 0).toBeGreaterThanOrEqual(stage?.height ?? 0);
    }
  });
});
