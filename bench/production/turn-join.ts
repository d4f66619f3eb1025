/**
 * Joining through TURN/TLS against a direct UDP join, in the same run: Reeks deployed as in the
 * network tests (reeks setup, Caddy, livekit-server with TURN, the app on PostgreSQL, in a server
 * network namespace) and Chromium in a member namespace. A moderator sits in the room throughout; a
 * speaker joins N times from a network that is open, then from one that lets only TCP 443 out,
 * alternating. The clock runs from the click on "Deelnemen" to the first bytes of the moderator's
 * audio and video arriving (getStats, polled every 50 ms); each join's path is checked.
 *
 *   pnpm --filter @reeks/web build
 *   REEKS_TEST_PG_PORT=9350 pnpm exec tsx bench/production/turn-join.ts [joins per path=5]
 * (as root: it makes network namespaces)
 */
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import type { Page } from "playwright-core";
import { ORIGIN, signInThroughMail, startCrossNetworkReeks } from "../../e2e/network/harness";
import { mediaStats, recordPeerConnections } from "../../e2e/network/media";
import type { MemberFirewall } from "../../e2e/network/namespaces";

const joins = Number(process.argv[2] ?? 5);

async function join(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Deelnemen" }).click();
  await page.locator('[data-connection-state="connected"]').waitFor({ timeout: 60_000 });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const reeks = await startCrossNetworkReeks();
try {
  const { series, session } = await firstDemoSession(reeks.db);
  const roomUrl = `${ORIGIN}/sessies/${session.id}`;
  await createParticipant(reeks.db, {
    email: "mo@vgs.test",
    name: "Mo",
    seriesId: series.id,
    role: "moderator",
  });
  await createParticipant(reeks.db, {
    email: "lotte@gemeente.test",
    name: "Lotte",
    seriesId: series.id,
    role: "speaker",
  });
  const pages: Page[] = [];
  for (const email of ["mo@vgs.test", "lotte@gemeente.test"]) {
    const context = await reeks.browser.newContext();
    await recordPeerConnections(context);
    const page = await context.newPage();
    await signInThroughMail(reeks, page, email);
    pages.push(page);
  }
  const [mo, lotte] = pages as [Page, Page];
  // The moderator joins through TURN/TLS, which stays allowed in both cases: only the joiner's path changes.
  reeks.lab.setMemberFirewall("tcp-443-only");
  await mo.goto(roomUrl);
  await mo.getByRole("button", { name: "Sessie starten" }).click();
  await join(mo);

  const times: Record<"udp" | "turn-tls", number[]> = { udp: [], "turn-tls": [] };
  const order: Array<["udp" | "turn-tls", MemberFirewall]> = [
    ["udp", "open"],
    ["turn-tls", "tcp-443-only"],
  ];
  // One warm-up join of each, not counted.
  for (let round = 0; round <= joins; round++) {
    for (const [path, firewall] of order) {
      reeks.lab.setMemberFirewall(firewall);
      await lotte.goto(roomUrl);
      await lotte.getByRole("button", { name: "Deelnemen" }).waitFor();
      const started = Date.now();
      await join(lotte);
      for (;;) {
        const stats = await mediaStats(lotte);
        if (stats.audioBytesReceived > 0 && stats.videoBytesReceived > 0) {
          const used = stats.paths.map((p) => p.local.relayProtocol ?? p.local.protocol);
          const expected = path === "udp" ? "udp" : "tls";
          if (!used.every((u) => u === expected)) throw new Error(`${path} join took ${used.join(",")}`);
          break;
        }
        if (Date.now() - started > 60_000) throw new Error(`no media on the ${path} join`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const ms = Date.now() - started;
      if (round > 0) times[path].push(ms);
      console.log(`${round === 0 ? "warm-up " : ""}${path}: ${ms} ms`);
    }
  }
  console.log(
    "\n| path | joins | p50 ms | p90 ms | min ms | max ms |\n| --- | --- | --- | --- | --- | --- |",
  );
  for (const [path, values] of Object.entries(times)) {
    console.log(
      `| ${path} | ${values.length} | ${percentile(values, 50)} | ${percentile(values, 90)} | ${Math.min(...values)} | ${Math.max(...values)} |`,
    );
  }
  console.log(
    `\nRatio p50 TURN/TLS / UDP: ${(percentile(times["turn-tls"], 50) / percentile(times.udp, 50)).toFixed(2)}`,
  );
} finally {
  await reeks.stop();
}
