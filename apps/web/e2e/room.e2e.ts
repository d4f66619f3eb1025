import { addParticipant, createPerson, firstDemoSession } from "@reeks/db/testing";
import { createRoomService } from "@reeks/livekit";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium, recordCspViolations } from "@reeks/testing";
import { TrackSource } from "livekit-server-sdk";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinFromPreJoin, openPanelTab, seatIdentity, signedInPage } from "./room-fixture";

describe("a live session in Chromium with fake media", () => {
  let server: RunningReeks;
  let browser: Browser;
  beforeAll(async () => {
    // Its own livekit-server with webhooks to this server: "in the room" comes from them, as in production.
    [server, browser] = await Promise.all([startTestServer({}, { ownLivekit: true }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("moderator starts; member joins from pre-join, raises a hand, is promoted, publishes, is removed for good", async () => {
    const db = server.database.db;
    const { series, session } = await firstDemoSession(db);
    const moderator = await createPerson(db, { email: "mia@vgs.test", name: "Mia Moderator" });
    await addParticipant(db, { personId: moderator.id, seriesId: series.id, role: "moderator" });
    const member = await createPerson(db, { email: "lars@gemeente.test", name: "Lars Lid" });
    const memberParticipant = await addParticipant(db, {
      personId: member.id,
      seriesId: series.id,
      role: "member",
    });
    const roomUrl = `${server.url}/sessies/${session.id}`;

    // Before the start: the waiting page, for the moderator with a start button.
    const mod = await signedInPage(browser, server, "mia@vgs.test");
    // Our CSP must let the room work: LiveKit's signalling, media, the components' styles.
    const modCsp = recordCspViolations(mod);
    await mod.goto(roomUrl);
    await mod.getByText("De moderator start zo").waitFor();
    expect(await mod.getByText("Deze sessie wordt niet opgenomen.").isVisible()).toBe(true);
    expect(await axeViolations(mod)).toEqual([]);
    await mod.getByRole("button", { name: "Sessie starten" }).click();
    await joinFromPreJoin(mod);

    // The member: pre-join (axe clean), join, raise a hand.
    const lid = await signedInPage(browser, server, "lars@gemeente.test");
    const lidCsp = recordCspViolations(lid);
    await lid.goto(roomUrl);
    await lid.getByRole("heading", { name: "Klaar om deel te nemen?" }).waitFor();
    expect(await lid.getByText("Je neemt deel als Lars Lid.").isVisible()).toBe(true);
    expect(await axeViolations(lid)).toEqual([]);
    await joinFromPreJoin(lid);
    // Members cannot publish until promoted: no microphone control.
    expect(await lid.getByRole("button", { name: "Microfoon", exact: true }).count()).toBe(0);
    await lid.getByRole("button", { name: /Hand opsteken/ }).click();
    expect(await axeViolations(lid)).toEqual([]);

    // The moderator sees the hand (and hears it announced) and brings Lars on stage.
    await mod.getByTestId("hands").getByText("Lars Lid").waitFor({ timeout: 15_000 });
    await expect
      .poll(() => mod.getByTestId("announcer").textContent(), { timeout: 15_000 })
      .toContain("Lars Lid");
    await mod.getByRole("button", { name: "Lars Lid op het podium zetten" }).click();

    // Lars can now turn his microphone on; the server sees the published microphone track.
    const mic = lid.getByRole("button", { name: "Microfoon", exact: true });
    await mic.waitFor({ timeout: 15_000 });
    await mic.click();
    const identity = await seatIdentity(db, session.id, memberParticipant.id);
    const rooms = createRoomService(server.livekit.connection);
    await expect
      .poll(
        async () => {
          const info = await rooms.getParticipant(session.roomName, identity).catch(() => null);
          return info?.tracks.some((t) => t.source === TrackSource.MICROPHONE) ?? false;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(await axeViolations(mod)).toEqual([]);
    expect([...modCsp, ...lidCsp]).toEqual([]);

    // Chat and roster come on the session's live stream: a message reaches the other browser at once,
    // and neither browser asks for the chat or the roster again while it waits.
    const polls: string[] = [];
    for (const page of [mod, lid]) {
      page.on("request", (request) => {
        const path = new URL(request.url()).pathname;
        if (/room\.(chat|roster)/.test(path)) polls.push(path);
      });
    }
    await openPanelTab(mod, "Chat");
    const chatInput = lid.getByRole("textbox", { name: "Bericht" });
    await chatInput.fill("Goedemiddag vanuit Testdorp");
    const sent = lid.waitForResponse((r) => r.url().includes("room.sendChat"));
    await lid.getByRole("button", { name: "Versturen" }).click();
    await sent;
    await mod.locator(".chat-log").getByText("Goedemiddag vanuit Testdorp").waitFor({ timeout: 1_000 });
    await mod.waitForTimeout(15_000);
    expect(polls).toEqual([]);
    // A hand raised meanwhile still reaches the moderator (the roster event, not a poll).
    await lid.getByRole("button", { name: /Hand opsteken/ }).click();
    await openPanelTab(mod, "Mensen");
    await mod.getByTestId("hands").getByText("Lars Lid").waitFor({ timeout: 5_000 });

    // Removed: out of the room at once, and no way back in.
    await mod.getByRole("button", { name: "Lars Lid verwijderen" }).click();
    await mod.getByRole("button", { name: "Lars Lid definitief verwijderen?" }).click();
    await lid.getByText("Een moderator heeft je uit deze sessie verwijderd.").waitFor({ timeout: 20_000 });
    await lid.reload();
    await lid.getByText("Een moderator heeft je uit deze sessie verwijderd.").waitFor();
    expect(await lid.getByRole("button", { name: "Deelnemen" }).count()).toBe(0);
    await expect
      .poll(
        async () => (await rooms.listParticipants(session.roomName)).some((p) => p.identity === identity),
        {
          timeout: 10_000,
        },
      )
      .toBe(false);
  }, 150_000);
});
