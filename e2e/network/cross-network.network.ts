import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinFromPreJoin } from "../../apps/web/e2e/room-fixture";
import { type CrossNetworkReeks, ORIGIN, signInThroughMail, startCrossNetworkReeks } from "./harness";
import { type MediaStats, mediaStats, recordPeerConnections } from "./media";
import { type MemberFirewall, SERVER_MEDIA_IP } from "./namespaces";

/**
 * Members on another network than the server, as on the internet: Reeks deployed by `reeks setup`
 * behind Caddy on https://reeks.test, LiveKit with TURN on a second address; two people in Chromium in
 * the member's network sign in by magic link and talk, with audio and video both ways. Then again
 * from a network that drops all UDP, and from one that lets only TCP 443 out. What path the media
 * took is read from the browser's own stats.
 */
describe("members joining from another network, through firewalls", () => {
  let reeks: CrossNetworkReeks;
  let mo: Page;
  let lotte: Page;
  let roomUrl: string;
  /** Time from "Deelnemen" to the first bytes of the other's video, per firewall. */
  const joinMs: Partial<Record<MemberFirewall, number>> = {};

  async function signIn(page: Page, email: string) {
    await signInThroughMail(reeks, page, email);
    // Over https the session cookie is Secure: it would not be sent over plain http.
    const session = (await page.context().cookies(ORIGIN)).find((c) => c.name.endsWith("session_token"));
    expect(session?.secure).toBe(true);
  }

  beforeAll(async () => {
    reeks = await startCrossNetworkReeks();
    const { series, session } = await firstDemoSession(reeks.db);
    roomUrl = `${ORIGIN}/sessies/${session.id}`;
    await createParticipant(reeks.db, {
      email: "mo@vgs.test",
      name: "Mo Moderator",
      seriesId: series.id,
      role: "moderator",
    });
    await createParticipant(reeks.db, {
      email: "lotte@gemeente.test",
      name: "Lotte Spreker",
      seriesId: series.id,
      role: "speaker",
    });
    const pages: Page[] = [];
    for (const email of ["mo@vgs.test", "lotte@gemeente.test"]) {
      const context = await reeks.browser.newContext({ ignoreHTTPSErrors: false });
      await recordPeerConnections(context);
      const page = await context.newPage();
      await signIn(page, email);
      pages.push(page);
    }
    [mo, lotte] = pages as [Page, Page];
    await mo.goto(roomUrl);
    await mo.getByRole("button", { name: "Sessie starten" }).click();
  }, 300_000);

  afterAll(async () => {
    await reeks?.stop();
    console.log(`Join time (Deelnemen → first video bytes): ${JSON.stringify(joinMs)}`);
  }, 60_000);

  /** Both rejoin from the member network as it now is; resolves once media flows both ways. */
  async function joinBoth(firewall: MemberFirewall): Promise<[MediaStats, MediaStats]> {
    reeks.lab.setMemberFirewall(firewall);
    for (const page of [mo, lotte]) {
      if (page.url() !== roomUrl) await page.goto(roomUrl);
      else await page.reload();
    }
    await joinFromPreJoin(mo);
    const started = Date.now();
    await joinFromPreJoin(lotte);
    const flowing = async (page: Page) => {
      const deadline = Date.now() + 45_000;
      for (;;) {
        const stats = await mediaStats(page);
        if (stats.videoBytesReceived > 0 && stats.audioBytesReceived > 0) return stats;
        if (Date.now() > deadline) {
          throw new Error(`no media on ${firewall}: ${JSON.stringify(stats)}\n${await reeks.logs()}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await flowing(lotte);
    joinMs[firewall] = Date.now() - started;
    await flowing(mo);
    // Still flowing a moment later: bytes grow on both sides, and the other's picture decodes.
    const [moBefore, lotteBefore] = [await mediaStats(mo), await mediaStats(lotte)];
    await new Promise((r) => setTimeout(r, 2_000));
    const [moAfter, lotteAfter] = [await mediaStats(mo), await mediaStats(lotte)];
    for (const [before, after] of [
      [moBefore, moAfter],
      [lotteBefore, lotteAfter],
    ] as const) {
      expect(after.audioBytesReceived).toBeGreaterThan(before.audioBytesReceived);
      expect(after.videoBytesReceived).toBeGreaterThan(before.videoBytesReceived);
      expect(after.videoFramesDecoded).toBeGreaterThan(0);
      expect(after.paths.length).toBeGreaterThan(0);
    }
    return [moAfter, lotteAfter];
  }

  it("signs in over HTTPS and talks both ways, media over UDP to the server's media address", async () => {
    for (const stats of await joinBoth("open")) {
      for (const path of stats.paths) {
        expect(path.local).toMatchObject({ candidateType: "host", protocol: "udp" });
        // LiveKit's candidate, or the same one learnt from its first check (Chromium hides that address).
        expect(["host", "prflx"]).toContain(path.remote.candidateType);
        expect(path.remote).toMatchObject({ protocol: "udp", port: 7882 });
      }
    }
  }, 180_000);

  it("with all UDP dropped, media goes over ICE/TCP to port 7881", async () => {
    for (const stats of await joinBoth("no-udp")) {
      for (const path of stats.paths) {
        expect(path.local.protocol).toBe("tcp");
        expect(path.remote).toMatchObject({
          candidateType: "host",
          protocol: "tcp",
          address: SERVER_MEDIA_IP,
          port: 7881,
        });
      }
    }
  }, 180_000);

  it("with only TCP 443 let out, media goes through TURN over TLS on turn.reeks.test:443", async () => {
    for (const stats of await joinBoth("tcp-443-only")) {
      for (const path of stats.paths) {
        // Relayed by LiveKit's TURN on the media address, reached over TLS.
        expect(path.local).toMatchObject({
          candidateType: "relay",
          relayProtocol: "tls",
          address: SERVER_MEDIA_IP,
        });
        expect(path.remote).toMatchObject({ protocol: "udp", address: SERVER_MEDIA_IP, port: 7882 });
      }
    }
  }, 180_000);
});
