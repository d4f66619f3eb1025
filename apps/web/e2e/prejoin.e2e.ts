import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInPage } from "./room-fixture";

/** A fingerprint of what the preview shows now: the video drawn into a canvas, its pixels summed in bands. */
function previewSample(page: Page): Promise<{ width: number; height: number; bands: number[] }> {
  return page.getByLabel("Voorbeeld van je camera").evaluate((el) => {
    const video = el as HTMLVideoElement;
    const canvas = document.createElement("canvas");
    canvas.width = 160;
    canvas.height = 90;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2d context");
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const bands = new Array<number>(16).fill(0);
    for (let i = 0; i < data.length; i += 4) {
      const band = Math.floor((i / data.length) * bands.length);
      bands[band] = (bands[band] ?? 0) + (data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0);
    }
    return { width: video.getBoundingClientRect().width, height: video.videoHeight, bands };
  });
}

/** The preview plays: a real picture (not 2×2, not black) that changes between two frames. */
async function expectMovingPreview(page: Page) {
  const preview = page.getByLabel("Voorbeeld van je camera");
  await preview.waitFor();
  await expect
    .poll(() => preview.evaluate((v: HTMLVideoElement) => v.videoHeight), { timeout: 15_000 })
    .toBeGreaterThan(100);
  // The first frame after a (re)start may still be black; a preview that stays black fails here.
  await expect
    .poll(async () => (await previewSample(page)).bands.some((b) => b > 0), { timeout: 10_000 })
    .toBe(true);
  const first = await previewSample(page);
  expect(first.width).toBeGreaterThan(200);
  await page.waitForTimeout(700);
  const second = await previewSample(page);
  expect(second.bands).not.toEqual(first.bands);
  // And it keeps playing: the track was not stopped behind the element's back.
  await page.waitForTimeout(1_500);
  const third = await previewSample(page);
  expect(third.bands).not.toEqual(second.bands);
}

/** The level meter moves with the (talking) fake microphone. */
async function expectMovingMeter(page: Page) {
  const meter = page.getByRole("meter", { name: "Microfoonniveau" });
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        seen.add(await meter.evaluate((m: HTMLMeterElement) => m.value));
        return [...seen].some((v) => v > 0) && seen.size > 1;
      },
      { timeout: 15_000, interval: 150 },
    )
    .toBe(true);
}

describe("the pre-join device check", () => {
  let server: RunningReeks;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium({ fakeVoice: true })]);
    const db = server.database.db;
    const { series, session } = await firstDemoSession(db);
    await createParticipant(db, {
      email: "mo@vgs.test",
      name: "Mo Moderator",
      seriesId: series.id,
      role: "moderator",
    });
    page = await signedInPage(browser, server, "mo@vgs.test");
    await page.goto(`${server.url}/sessies/${session.id}`);
    await page.getByRole("button", { name: "Sessie starten" }).click();
    await page.getByRole("heading", { name: "Klaar om deel te nemen?" }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows moving video from the camera and a microphone meter that moves", async () => {
    await expectMovingPreview(page);
    await expectMovingMeter(page);
  });

  it("still does after a reload", async () => {
    await page.reload();
    await page.getByRole("heading", { name: "Klaar om deel te nemen?" }).waitFor();
    await expectMovingPreview(page);
    await expectMovingMeter(page);
  });

  it("still does after the camera and microphone are turned off and on again", async () => {
    await page.getByRole("checkbox", { name: "Camera aan bij deelnemen" }).click();
    await page.getByText("Camera staat uit").waitFor();
    await page.getByRole("checkbox", { name: "Camera aan bij deelnemen" }).click();
    await page.getByRole("checkbox", { name: "Microfoon aan bij deelnemen" }).click();
    await page.getByRole("checkbox", { name: "Microfoon aan bij deelnemen" }).click();
    await expectMovingPreview(page);
    await expectMovingMeter(page);
  });
});
