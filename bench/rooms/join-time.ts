/// <reference lib="dom" />
/**
 * Join time in Chromium: from the click on "Deelnemen" on the pre-join page to LiveKit's "connected"
 * in the room UI (the room layout's data-connection-state), over N joins of one signed-in member,
 * with a moderator who started the session and sits in the room. Baseline in the same browser and
 * the same room, interleaved with the UI joins: a bare livekit-client `Room.connect` with a token
 * minted on the server before the clock starts. The difference is what our UI adds (the tRPC join
 * call that checks the member and mints the token, React mounting LiveKitRoom).
 *
 *   pnpm --filter @reeks/web build
 *   PORT=3301 LIVEKIT_PORT=8310 pnpm exec tsx bench/rooms/join-time.ts [joins=10]
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { addParticipant, createPerson, firstDemoSession } from "@reeks/db/testing";
import { mintRoomToken, newOpaqueIdentity } from "@reeks/livekit";
import { loadEnv, startReeks } from "@reeks/server";
import { signInBrowser } from "@reeks/server/testing";
import { launchChromium } from "@reeks/testing";
import type { Page } from "playwright-core";

const joins = Number(process.argv[2] ?? 10);
const webDist = fileURLToPath(new URL("../../apps/web/dist", import.meta.url));
// The same livekit-client the SPA bundles, served to a page of its own for the baseline.
const livekitClientPath = createRequire(new URL("../../apps/web/package.json", import.meta.url)).resolve(
  "livekit-client",
);
const livekitClientSource = readFileSync(
  livekitClientPath.replace(/livekit-client\.[^/]*$/, "livekit-client.esm.mjs"),
  "utf8",
);

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p90: at(0.9), min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN };
}

/** Click "Deelnemen" and time, inside the page, until the room layout reports "connected". */
async function timeUiJoin(page: Page, roomUrl: string): Promise<number> {
  await page.goto(roomUrl);
  const button = page.getByRole("button", { name: "Deelnemen" });
  await button.waitFor();
  // Page code as strings: tsx would wrap named functions in a helper the page does not have.
  const elapsed = page.evaluate<number>(`new Promise((resolve) => {
    let start = 0;
    document.addEventListener("click", () => { start = performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (start && document.querySelector('[data-connection-state="connected"]')) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  })`);
  await button.click();
  const ms = await elapsed;
  // Leave properly, so livekit-server sees a departure and not a dropped connection.
  await page.getByRole("button", { name: "Verlaten" }).click();
  await page.waitForSelector("[data-connection-state]", { state: "detached" });
  return ms;
}

async function timeBareConnect(page: Page, url: string, token: string): Promise<number> {
  return page.evaluate<number>(`(async () => {
    const { Room } = await import("/bench-baseline/livekit-client.mjs");
    const room = new Room();
    const start = performance.now();
    await room.connect(${JSON.stringify(url)}, ${JSON.stringify(token)});
    const ms = performance.now() - start;
    await room.disconnect();
    return ms;
  })()`);
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), "reeks-rooms-join-"));
  const env = loadEnv({
    PORT: process.env.PORT ?? "3301",
    HOST: "127.0.0.1",
    LIVEKIT_PORT: process.env.LIVEKIT_PORT ?? "8310",
    REEKS_DATA_DIR: dataDir,
    WEB_DIST_DIR: webDist,
  });
  const [reeks, browser] = await Promise.all([startReeks(env, () => {}), launchChromium()]);
  try {
    const db = reeks.database.db;
    const { series, session } = await firstDemoSession(db);
    const moderator = await createPerson(db, { email: "bench-mod@vgs.test", name: "Mia Moderator" });
    await addParticipant(db, { personId: moderator.id, seriesId: series.id, role: "moderator" });
    const member = await createPerson(db, { email: "bench-lid@gemeente.test", name: "Lars Lid" });
    await addParticipant(db, { personId: member.id, seriesId: series.id, role: "member" });
    const roomUrl = `${reeks.url}/sessies/${session.id}`;

    // The moderator starts the session in the browser and stays in the room.
    const mod = await (await browser.newContext()).newPage();
    await signInBrowser(mod, reeks, "bench-mod@vgs.test");
    await mod.goto(roomUrl);
    await mod.getByRole("button", { name: "Sessie starten" }).click();
    await mod.getByRole("button", { name: "Deelnemen" }).click();
    await mod.waitForSelector('[data-connection-state="connected"]', { timeout: 60_000 });

    const lid = await (await browser.newContext()).newPage();
    await signInBrowser(lid, reeks, "bench-lid@gemeente.test");

    const bare = await (await browser.newContext()).newPage();
    // The baseline page is a page of the real Reeks server (Chromium's local-network checks refuse a
    // page that Playwright makes up), with the livekit-client module answered by Playwright.
    await bare.route(`${reeks.url}/bench-baseline/livekit-client.mjs`, (route) =>
      route.fulfill({ contentType: "text/javascript", body: livekitClientSource }),
    );
    await bare.goto(`${reeks.url}/healthz`);
    const bareToken = async () =>
      (
        await mintRoomToken(reeks.livekit.connection, {
          room: session.roomName,
          identity: newOpaqueIdentity(),
          canPublish: false,
          ttlSeconds: 600,
        })
      ).token;

    // One warm-up of each (code cache, first ICE gathering), not counted.
    await timeUiJoin(lid, roomUrl);
    await timeBareConnect(bare, reeks.livekit.publicUrl, await bareToken());

    const ui: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < joins; i += 1) {
      baseline.push(await timeBareConnect(bare, reeks.livekit.publicUrl, await bareToken()));
      ui.push(await timeUiJoin(lid, roomUrl));
      console.log(`join ${i + 1}: UI ${ui.at(-1)?.toFixed(0)} ms, bare ${baseline.at(-1)?.toFixed(0)} ms`);
    }
    const [u, b] = [stats(ui), stats(baseline)];
    const row = (name: string, s: ReturnType<typeof stats>) =>
      `| ${name} | ${joins} | ${s.p50.toFixed(0)} | ${s.p90.toFixed(0)} | ${s.min.toFixed(0)} | ${s.max.toFixed(0)} |`;
    console.log(`\nload average at the end: ${readFileSync("/proc/loadavg", "utf8").trim()}`);
    console.log("| path | joins | p50 ms | p90 ms | min ms | max ms |");
    console.log("|---|---|---|---|---|---|");
    console.log(row("bare livekit-client Room.connect", b));
    console.log(row('Reeks UI: click "Deelnemen" → connected', u));
    console.log(`ratio p50 UI / bare: ${(u.p50 / b.p50).toFixed(2)}`);
  } finally {
    await browser.close();
    await reeks.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
