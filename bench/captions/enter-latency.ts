/**
 * Caption latency as people meet it: from the captioner pressing Enter in one Chromium page to the
 * line appearing under the stage in another (a viewer's page), through the whole app (tRPC mutation,
 * PostgreSQL or PGlite, the live log, NOTIFY, the session's SSE stream, React). Baseline in the same
 * run and the same browsers: a chat message, from Enter in the chat field to the message in the
 * other page's chat (the same stream, another store).
 *
 * Both pages are in one Chromium, so their clocks are one: times are performance.timeOrigin + now().
 *
 *   pnpm --filter @reeks/web build && pnpm exec tsx bench/captions/enter-latency.ts [--lines 40]
 */
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import { startTestServer } from "@reeks/server/testing";
import { launchChromium } from "@reeks/testing";
import type { Page } from "playwright-core";
import { joinFromPreJoin, openPanelTab, signedInPage } from "../../apps/web/e2e/room-fixture";

const index = process.argv.indexOf("--lines");
const LINES = index === -1 ? 40 : Number(process.argv[index + 1]);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
function row(label: string, values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(1)} ms`;
  return `| ${label} | ${s.length} | ${f(percentile(s, 50))} | ${f(percentile(s, 95))} | ${f(s.at(-1) ?? Number.NaN)} |`;
}

/** In the viewer: when each text first appeared inside `selector`. */
async function watch(page: Page, selector: string) {
  await page.locator(selector).waitFor({ state: "attached" });
  await page.evaluate((sel) => {
    const seen: Record<string, number> = {};
    (window as unknown as { seen: Record<string, number> }).seen = seen;
    new MutationObserver(() => {
      const at = performance.timeOrigin + performance.now();
      for (const match of (document.querySelector(sel)?.textContent ?? "").matchAll(/M\d+x/g))
        seen[match[0]] ??= at;
    }).observe(document.querySelector(sel) as Node, { childList: true, subtree: true, characterData: true });
  }, selector);
}

/** In the sender: when Enter went down (capture phase, before React sees it). */
async function stampEnter(page: Page) {
  await page.evaluate(() => {
    const stamps: number[] = [];
    (window as unknown as { stamps: number[] }).stamps = stamps;
    document.addEventListener(
      "keydown",
      (e) => {
        if (e.key === "Enter") stamps.push(performance.timeOrigin + performance.now());
      },
      true,
    );
  });
}

async function measure(sender: Page, viewer: Page, field: ReturnType<Page["getByRole"]>, prefix: string) {
  const delays: number[] = [];
  for (let i = 0; i < LINES; i++) {
    const marker = `M${i}${prefix}x`.replace(/[a-z]+x$/, "x");
    await field.fill(`${prefix} ${marker}`);
    await field.press("Enter");
    await viewer.waitForFunction(
      (m) => (window as unknown as { seen: Record<string, number> }).seen[m],
      marker,
      {
        timeout: 10_000,
      },
    );
    const [sent, seen] = await Promise.all([
      sender.evaluate(() => (window as unknown as { stamps: number[] }).stamps.at(-1) ?? 0),
      viewer.evaluate((m) => (window as unknown as { seen: Record<string, number> }).seen[m] ?? 0, marker),
    ]);
    // The first few warm up (JIT, plans, connections).
    if (i >= 5) delays.push(seen - sent);
    await new Promise((r) => setTimeout(r, 200));
  }
  return delays;
}

async function main() {
  const [server, browser] = await Promise.all([startTestServer({}, { ownLivekit: true }), launchChromium()]);
  try {
    const db = server.database.db;
    const { series, session } = await firstDemoSession(db);
    await createParticipant(db, {
      email: "mo@vgs.test",
      name: "Mo Moderator",
      seriesId: series.id,
      role: "moderator",
    });
    await createParticipant(db, { email: "anne@gemeente.test", name: "Anne de Vries", seriesId: series.id });
    const roomUrl = `${server.url}/sessies/${session.id}`;
    const mod = await signedInPage(browser, server, "mo@vgs.test");
    const viewer = await signedInPage(browser, server, "anne@gemeente.test");
    await mod.goto(roomUrl);
    await mod.getByRole("button", { name: "Sessie starten" }).click();
    await joinFromPreJoin(mod);
    await viewer.goto(roomUrl);
    await joinFromPreJoin(viewer);
    await stampEnter(mod);

    // Chat first (baseline), then captions; each with its own observer.
    await openPanelTab(mod, "Chat");
    await openPanelTab(viewer, "Chat");
    await mod.getByRole("textbox", { name: "Bericht" }).fill("warm");
    await mod.getByRole("textbox", { name: "Bericht" }).press("Enter");
    await viewer.locator(".chat-log").waitFor();
    await watch(viewer, ".chat-log");
    const chat = await measure(mod, viewer, mod.getByRole("textbox", { name: "Bericht" }), "chat");

    await viewer.getByRole("button", { name: "Ondertiteling", exact: true }).click();
    await watch(viewer, "[data-testid='captions-log']");
    await mod.getByRole("tab", { name: "Ondertiteling" }).click();
    const captions = await measure(mod, viewer, mod.getByRole("textbox", { name: /Ondertitelregel/ }), "cap");

    // REEKS_BENCH_SCREENSHOTS=<dir>: how both pages looked at the end, to look at.
    const shots = process.env.REEKS_BENCH_SCREENSHOTS;
    if (shots) {
      await viewer.getByRole("button", { name: "Instellingen ondertiteling" }).click();
      await viewer.screenshot({ path: `${shots}/captions-viewer.png` });
      await mod.screenshot({ path: `${shots}/captions-captioner.png` });
      await mod.setViewportSize({ width: 390, height: 844 });
      await mod.screenshot({ path: `${shots}/captions-captioner-phone.png` });
    }
    console.log(`${LINES} lines each (first 5 not counted), one Chromium, two pages; ${server.url}`);
    console.log("| measure | n | p50 | p95 | max |");
    console.log("| --- | --- | --- | --- | --- |");
    console.log(row("caption: Enter → line under the other page's stage", captions));
    console.log(row("chat (baseline): Enter → message in the other page's chat", chat));
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
