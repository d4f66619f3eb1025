import { asc, eq, RoomSeat, Series, Session } from "@reeks/db";
import { createRoomService } from "@reeks/livekit";
import type { RunningReeks } from "@reeks/server";
import {
  addParticipant,
  axeViolations,
  createPerson,
  launchChromium,
  signInBrowser,
  startTestServer,
} from "@reeks/testing";
import { TrackSource } from "livekit-server-sdk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

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

  async function signedInPage(email: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInBrowser(page, server, email);
    return page;
  }

  it("moderator starts; member joins from pre-join, raises a hand, is promoted, publishes, is removed for good", async () => {
    const db = server.database.db;
    const [series] = await db.select().from(Series).limit(1);
    if (!series) throw new Error("no demo series");
    const [session] = await db
      .select()
      .from(Session)
      .where(eq(Session.seriesId, series.id))
      .orderBy(asc(Session.position))
      .limit(1);
    if (!session) throw new Error("no session");
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
    const mod = await signedInPage("mia@vgs.test");
    await mod.goto(roomUrl);
    await mod.getByText("De moderator start zo").waitFor();
    expect(await mod.getByText("Deze sessie wordt niet opgenomen.").isVisible()).toBe(true);
    expect(await axeViolations(mod)).toEqual([]);
    await mod.getByRole("button", { name: "Sessie starten" }).click();
    await mod.getByRole("button", { name: "Deelnemen" }).click();
    await mod.getByRole("toolbar", { name: "Bediening" }).waitFor({ timeout: 30_000 });

    // The member: pre-join (axe clean), join, raise a hand.
    const lid = await signedInPage("lars@gemeente.test");
    await lid.goto(roomUrl);
    await lid.getByRole("heading", { name: "Klaar om deel te nemen?" }).waitFor();
    expect(await lid.getByText("Je neemt deel als Lars Lid.").isVisible()).toBe(true);
    expect(await axeViolations(lid)).toEqual([]);
    await lid.getByRole("button", { name: "Deelnemen" }).click();
    await lid.getByRole("toolbar", { name: "Bediening" }).waitFor({ timeout: 30_000 });
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
    const [seat] = await db.select().from(RoomSeat).where(eq(RoomSeat.participantId, memberParticipant.id));
    if (!seat) throw new Error("no seat");
    const rooms = createRoomService(server.livekit.connection);
    await expect
      .poll(
        async () => {
          const info = await rooms.getParticipant(session.roomName, seat.identity).catch(() => null);
          return info?.tracks.some((t) => t.source === TrackSource.MICROPHONE) ?? false;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(await axeViolations(mod)).toEqual([]);

    // Removed: out of the room at once, and no way back in.
    await mod.getByRole("button", { name: "Lars Lid verwijderen" }).click();
    await mod.getByRole("button", { name: "Lars Lid definitief verwijderen?" }).click();
    await lid.getByText("Een moderator heeft je uit deze sessie verwijderd.").waitFor({ timeout: 20_000 });
    await lid.reload();
    await lid.getByText("Een moderator heeft je uit deze sessie verwijderd.").waitFor();
    expect(await lid.getByRole("button", { name: "Deelnemen" }).count()).toBe(0);
    await expect
      .poll(
        async () =>
          (await rooms.listParticipants(session.roomName)).some((p) => p.identity === seat.identity),
        {
          timeout: 10_000,
        },
      )
      .toBe(false);
  });
});
