import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("Verbinding testen", () => {
  let server: RunningReeks;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("reaches 'connected' against the real livekit-server with fake camera and microphone", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/verbinding-testen`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Test starten" }).click();
    const status = page.getByRole("status");
    await expect.poll(() => status.getAttribute("data-phase"), { timeout: 30_000 }).toBe("connected");
    expect(await status.textContent()).toContain("Verbonden");
    // The fake camera renders frames into the preview.
    await expect
      .poll(() => page.locator("video").evaluate((v: HTMLVideoElement) => v.videoWidth))
      .toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    // The server saw a participant publishing in a throwaway room.
    const { createRoomService } = await import("@reeks/livekit");
    const rooms = await createRoomService(server.livekit.connection).listRooms();
    const testRooms = rooms.filter((r) => r.name.startsWith("test_"));
    expect(testRooms.length).toBeGreaterThan(0);

    await page.getByRole("button", { name: "Test stoppen" }).click();
    await expect.poll(() => status.getAttribute("data-phase")).toBe("idle");
    await page.close();
  });
});
