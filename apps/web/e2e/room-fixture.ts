import { and, type Database, eq, RoomSeat } from "@reeks/db";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser } from "@reeks/server/testing";
import type { Browser, Page } from "playwright-core";

/**
 * What the live-room browser tests share: signed-in pages, joining from the pre-join page, and the
 * LiveKit identity the server gave someone. The demo session itself: `firstDemoSession` from
 * @reeks/db/testing.
 */

/** A fresh browser context (own cookies, own remembered device choices), signed in as `email`. */
export async function signedInPage(browser: Browser, server: RunningReeks, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInBrowser(page, server, email);
  return page;
}

/** Clicks "Deelnemen" on the pre-join page and waits until LiveKit reports the room connected. */
export async function joinFromPreJoin(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Deelnemen" }).click();
  await page.getByRole("toolbar", { name: "Bediening" }).waitFor({ timeout: 30_000 });
  await page.locator('[data-connection-state="connected"]').waitFor({ timeout: 30_000 });
}

/** The opaque LiveKit identity of a participant's seat in a session (created when they first joined). */
export async function seatIdentity(db: Database, sessionId: string, participantId: string): Promise<string> {
  const [seat] = await db
    .select()
    .from(RoomSeat)
    .where(and(eq(RoomSeat.sessionId, sessionId), eq(RoomSeat.participantId, participantId)));
  if (!seat) throw new Error("no seat");
  return seat.identity;
}

/** Opens the room's side panel (when closed) on the tab with this name: "Mensen", "Chat" or "Vastleggen". */
export async function openPanelTab(page: Page, tab: "Mensen" | "Chat" | "Vastleggen"): Promise<void> {
  const toggle = page.getByRole("button", { name: "Zijpaneel", exact: true });
  if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
  await page.getByRole("tab", { name: tab }).click();
}
