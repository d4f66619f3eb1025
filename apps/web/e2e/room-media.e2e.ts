import { ChatMessage, eq } from "@reeks/db";
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import { createRoomService } from "@reeks/livekit";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import { TrackSource } from "livekit-server-sdk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinFromPreJoin, openPanelTab, seatIdentity, signedInPage } from "./room-fixture";

/**
 * The rest of the room between a moderator (camera and fake microphone on) and a member (listener),
 * both in Chromium on a real livekit-server: layouts by keyboard, the active speaker, screen share,
 * reactions and stored chat. The tests build on each other in order, in one room.
 */
describe("the live room's layouts, screen share, reactions and chat", () => {
  let server: RunningReeks;
  let browser: Browser;
  let mod: Page;
  let lid: Page;
  let sessionId: string;
  let roomName: string;
  let moderatorIdentity: string;

  beforeAll(async () => {
    // A talking fake microphone: Chromium's default beep is too short for LiveKit to call it speech.
    [server, browser] = await Promise.all([
      startTestServer({}, { ownLivekit: true }),
      launchChromium({ fakeVoice: true }),
    ]);
    const db = server.database.db;
    const { series, session } = await firstDemoSession(db);
    sessionId = session.id;
    roomName = session.roomName;
    const moderator = await createParticipant(db, {
      email: "mo@vgs.test",
      name: "Mo Moderator",
      seriesId: series.id,
      role: "moderator",
    });
    await createParticipant(db, { email: "lotte@gemeente.test", name: "Lotte Lid", seriesId: series.id });
    const roomUrl = `${server.url}/sessies/${session.id}`;

    [mod, lid] = await Promise.all([
      signedInPage(browser, server, "mo@vgs.test"),
      signedInPage(browser, server, "lotte@gemeente.test"),
    ]);
    await mod.goto(roomUrl);
    await mod.getByRole("button", { name: "Sessie starten" }).click();
    // Pre-join defaults: camera and microphone on, so Mo speaks from the start.
    await joinFromPreJoin(mod);
    moderatorIdentity = await seatIdentity(db, session.id, moderator.participant.id);
    await lid.goto(roomUrl);
    await joinFromPreJoin(lid);
  }, 180_000); // Two people into a live room: more than the usual hook budget on a busy machine.
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Moves focus from one layout button to the other with Tab or Shift+Tab and presses it. */
  async function switchLayoutByKeyboard(page: Page, to: "Raster" | "Spreker") {
    const from = to === "Spreker" ? "Raster" : "Spreker";
    await page.getByRole("button", { name: from, exact: true }).focus();
    await page.keyboard.press(to === "Spreker" ? "Tab" : "Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(to);
    await page.keyboard.press(to === "Spreker" ? "Space" : "Enter");
    await page.locator(`button[aria-pressed="true"]`, { hasText: to }).waitFor();
  }

  it("switches between grid and speaker layout by keyboard, with the active speaker in focus", async () => {
    // Grid first: everyone's tile, and Mo's marked as speaking once LiveKit hears the fake microphone.
    await lid.locator(".lk-grid-layout").waitFor();
    expect(await lid.getByRole("button", { name: "Raster", exact: true }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    await lid.locator(`.tile[data-identity="${moderatorIdentity}"][data-speaking="true"]`).waitFor({
      timeout: 30_000,
    });
    // Lotte hears who speaks; Mo is not told that she speaks herself.
    await expect
      .poll(() => lid.getByTestId("announcer").textContent(), { timeout: 15_000 })
      .toBe("Mo Moderator spreekt.");
    expect(await mod.getByTestId("announcer").textContent()).not.toContain("spreekt");

    await switchLayoutByKeyboard(lid, "Spreker");
    expect(await lid.locator(".lk-grid-layout").count()).toBe(0);
    const focus = lid.getByRole("group", { name: "Spreker: Mo Moderator" });
    await focus.waitFor();
    expect(await focus.locator(".tile").getAttribute("data-identity")).toBe(moderatorIdentity);
    // Mo's camera plays in the focus; Lotte (no camera) is in the carousel beside it.
    await expect
      .poll(() => focus.locator("video").evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await lid.locator(".lk-carousel").getByText("Lotte Lid").waitFor();
    expect(await axeViolations(lid)).toEqual([]);

    await switchLayoutByKeyboard(lid, "Raster");
    await lid.locator(".lk-grid-layout").waitFor();
    expect(await lid.locator(".lk-focus-layout").count()).toBe(0);
  });

  it("shows the moderator's screen share to the member, and LiveKit has the SCREEN_SHARE track", async () => {
    const share = mod.getByRole("button", { name: "Scherm delen" });
    await share.click();
    await mod
      .locator('button[aria-pressed="true"]', { hasText: "Scherm delen" })
      .waitFor({ timeout: 15_000 });

    const rooms = createRoomService(server.livekit.connection);
    await expect
      .poll(
        async () => {
          const participants = await rooms.listParticipants(roomName);
          const mo = participants.find((p) => p.identity === moderatorIdentity);
          return mo?.tracks.some((t) => t.source === TrackSource.SCREEN_SHARE) ?? false;
        },
        { timeout: 20_000 },
      )
      .toBe(true);

    // Lotte's grid gets a tile for the screen, with pictures in it.
    const screenTile = lid.locator('.tile[data-source="screen_share"]');
    await screenTile.getByText("Scherm van Mo Moderator").waitFor({ timeout: 20_000 });
    await expect
      .poll(() => screenTile.locator("video").evaluate((v: HTMLVideoElement) => v.videoWidth), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    expect(await axeViolations(lid)).toEqual([]);

    // In speaker layout the screen takes the focus over the speaker.
    await switchLayoutByKeyboard(lid, "Spreker");
    await lid.getByRole("group", { name: "Scherm van Mo Moderator" }).waitFor();
    expect(await axeViolations(lid)).toEqual([]);
    expect(await axeViolations(mod)).toEqual([]);

    // Stopped: the screen leaves Lotte's view and the speaker has the focus again.
    await share.click();
    await lid.getByRole("group", { name: "Spreker: Mo Moderator" }).waitFor({ timeout: 20_000 });
    expect(await lid.locator('.tile[data-source="screen_share"]').count()).toBe(0);
  });

  it("delivers a member's reaction to the moderator and announces it in the live region", async () => {
    // By keyboard: open the reactions, focus the button and press Enter.
    await lid.getByRole("button", { name: "Reacties" }).focus();
    await lid.keyboard.press("Enter");
    await lid.getByRole("button", { name: "Reageer met 👏" }).focus();
    await lid.keyboard.press("Enter");

    await mod.locator(".reaction-bubbles").getByText("👏 Lotte Lid").waitFor({ timeout: 15_000 });
    const announcer = mod.getByTestId("announcer");
    expect(await announcer.getAttribute("role")).toBe("status");
    expect(await announcer.getAttribute("aria-live")).toBe("polite");
    await expect.poll(() => announcer.textContent(), { timeout: 10_000 }).toBe("Lotte Lid reageert met 👏.");
    // Your own reaction is shown to you but not announced back to you.
    await lid.locator(".reaction-bubbles").getByText("👏 Lotte Lid").waitFor();
    expect(await lid.getByTestId("announcer").textContent()).not.toContain("reageert");
  });

  it("keeps chat in the database: a message is still there after a reload", async () => {
    const text = "Hoe pakken jullie de begroting aan?";
    const chat = (page: Page) => page.getByRole("region", { name: "Chat" });
    await openPanelTab(mod, "Chat");
    await chat(lid).getByLabel("Bericht").fill(text);
    await chat(lid).getByLabel("Bericht").press("Enter");
    await chat(lid).getByText(text).waitFor({ timeout: 15_000 });
    await chat(mod).getByText(text).waitFor({ timeout: 15_000 });

    const stored = await server.database.db
      .select()
      .from(ChatMessage)
      .where(eq(ChatMessage.sessionId, sessionId));
    expect(stored.map((m) => m.body)).toEqual([text]);

    await lid.reload();
    await joinFromPreJoin(lid);
    await chat(lid).getByText(text).waitFor({ timeout: 15_000 });
    expect(
      await chat(lid)
        .getByText(/^Lotte Lid om \d{2}:\d{2}$/)
        .count(),
    ).toBe(1);
  });
});
