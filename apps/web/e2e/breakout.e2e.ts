import { BreakoutGroup, BreakoutRound, type Database, desc, eq } from "@reeks/db";
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import { createRoomService } from "@reeks/livekit";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import { TrackSource } from "livekit-server-sdk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinFromPreJoin, openPanelTab, seatIdentity, signedInPage } from "./room-fixture";

const MEMBERS = [
  { email: "anne@gemeente.test", name: "Anne de Vries" },
  { email: "bart@gemeente.test", name: "Bart Jansen" },
  { email: "carla@gemeente.test", name: "Carla Bakker" },
  { email: "daan@gemeente.test", name: "Daan Visser" },
] as const;

/**
 * A round of breakout groups in Chromium on a real livekit-server: a moderator (camera and
 * microphone on) and four participants. They are moved into two groups' rooms (checked with
 * ListParticipants per room), hear the move, an extension, a broadcast and the last-minute warning,
 * the moderator visits a group, a reload lands in the same group, and the countdown brings everyone
 * back with the moderator's camera still published. The tests build on each other in order.
 */
describe("breakout groups in the live room", () => {
  let server: RunningReeks;
  let browser: Browser;
  let db: Database;
  let mod: Page;
  let members: Page[];
  let sessionId: string;
  let roomName: string;
  let moIdentity: string;
  let memberIdentities: string[];
  let rooms: ReturnType<typeof createRoomService>;
  let groups: Array<{ id: string; roomName: string; name: string }>;
  /** Which group each member (by index) landed in. */
  let groupOf: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({}, { ownLivekit: true }), launchChromium()]);
    db = server.database.db;
    rooms = createRoomService(server.livekit.connection);
    const { series, session } = await firstDemoSession(db);
    sessionId = session.id;
    roomName = session.roomName;
    const moderator = await createParticipant(db, {
      email: "mo@vgs.test",
      name: "Mo Moderator",
      seriesId: series.id,
      role: "moderator",
    });
    const created = [];
    for (const m of MEMBERS) created.push(await createParticipant(db, { ...m, seriesId: series.id }));
    const roomUrl = `${server.url}/sessies/${session.id}`;
    mod = await signedInPage(browser, server, "mo@vgs.test");
    members = [];
    for (const m of MEMBERS) members.push(await signedInPage(browser, server, m.email));
    await mod.goto(roomUrl);
    await mod.getByRole("button", { name: "Sessie starten" }).click();
    await joinFromPreJoin(mod);
    for (const page of members) {
      await page.goto(roomUrl);
      await joinFromPreJoin(page);
    }
    moIdentity = await seatIdentity(db, sessionId, moderator.participant.id);
    memberIdentities = [];
    for (const c of created) memberIdentities.push(await seatIdentity(db, sessionId, c.participant.id));
    // Everyone counts as present (webhooks processed) before the groups open: open places those present.
    await mod.getByTestId("live-count").getByText("5 deelnemers").waitFor({ timeout: 30_000 });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openGroupsTab(page: Page, tab: "Groepen" | "Groups" = "Groepen") {
    const toggle = page.getByRole("button", {
      name: tab === "Groepen" ? "Zijpaneel" : "Side panel",
      exact: true,
    });
    if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
    await page.getByRole("tab", { name: tab }).click();
  }

  async function identitiesIn(room: string): Promise<string[]> {
    return (await rooms.listParticipants(room)).map((p) => p.identity).sort();
  }

  function roomOf(page: Page) {
    return page.locator(".room-app[data-connection-state='connected']").getAttribute("data-room");
  }

  it("plans two groups with the form (a wrong number is named and focused), and members cannot publish in the main room", async () => {
    await openGroupsTab(mod);
    const count = mod.getByRole("spinbutton", { name: "Aantal groepen" });
    await count.fill("0");
    await mod.getByRole("button", { name: "Plan opslaan" }).click();
    await mod.getByText("Kies een getal van 1 tot en met 50.").waitFor();
    expect(await count.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await count.getAttribute("aria-invalid")).toBe("true");
    await count.fill("2");
    // Two rows of name and question, named by default; the second gets a question of its own.
    await mod.getByRole("textbox", { name: "Naam van groep 2" }).fill("Tafel Oost");
    await mod.getByRole("textbox", { name: "Vraag van groep 2" }).fill("Wat houdt de uitvoering tegen?");
    await mod.getByRole("button", { name: "Plan opslaan" }).click();
    await mod.getByTestId("breakout-summary").getByText("Gepland: 2 groepen, 20 minuten.").waitFor();
    expect(await axeViolations(mod)).toEqual([]);
    // A member in the main room listens: no microphone or camera to switch on.
    expect(await members[0]?.getByRole("button", { name: "Camera", exact: true }).count()).toBe(0);
  });

  it("opens the groups: members land in two groups, by ListParticipants per room, and hear where they are", async () => {
    await mod.getByRole("button", { name: "Groepen openen" }).click();
    const [round] = await db
      .select()
      .from(BreakoutRound)
      .where(eq(BreakoutRound.sessionId, sessionId))
      .orderBy(desc(BreakoutRound.createdAt))
      .limit(1);
    if (!round) throw new Error("no round");
    groups = (await db.select().from(BreakoutGroup).where(eq(BreakoutGroup.roundId, round.id))).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    expect(groups.map((g) => g.name).sort()).toEqual(["Groep 1", "Tafel Oost"]);

    groupOf = [];
    for (const page of members) {
      await expect.poll(() => roomOf(page), { timeout: 30_000 }).not.toBe("main");
      const here = await roomOf(page);
      expect(groups.map((g) => g.id)).toContain(here);
      groupOf.push(here ?? "");
    }
    // Balanced: two and two.
    for (const group of groups) expect(groupOf.filter((g) => g === group.id)).toHaveLength(2);
    // The server agrees: each group's room holds exactly its two members, the main room only Mo.
    for (const group of groups) {
      const expected = memberIdentities.filter((_, i) => groupOf[i] === group.id).sort();
      await expect.poll(() => identitiesIn(group.roomName), { timeout: 20_000 }).toEqual(expected);
    }
    await expect.poll(() => identitiesIn(roomName), { timeout: 20_000 }).toEqual([moIdentity]);

    // The move is said, with the group's question; the bar shows the group and the time left.
    const anne = members[0] as Page;
    const anneGroup = groups.find((g) => g.id === groupOf[0]);
    await expect
      .poll(() => anne.getByTestId("announcer").textContent(), { timeout: 10_000 })
      .toContain(`Je bent nu in ${anneGroup?.name}.`);
    await anne.getByTestId("breakout-bar").getByText(`Je bent in ${anneGroup?.name}`).waitFor();
    expect(await anne.getByTestId("breakout-countdown").textContent()).toMatch(
      /Nog (19|20):\d\d in de groepen/,
    );
    expect(await axeViolations(anne)).toEqual([]);
  });

  it("lets a member publish their camera in the group", async () => {
    const anne = members[0] as Page;
    const anneGroup = groups.find((g) => g.id === groupOf[0]);
    if (!anneGroup) throw new Error("no group");
    await anne.getByRole("button", { name: "Camera", exact: true }).click();
    await expect
      .poll(
        async () => {
          const ps = await rooms.listParticipants(anneGroup.roomName);
          const me = ps.find((p) => p.identity === memberIdentities[0]);
          return me?.tracks.some((t) => t.source === TrackSource.CAMERA) ?? false;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
  });

  it("extends the round and broadcasts to all groups: members hear both", async () => {
    await mod.getByRole("button", { name: "Verlengen", exact: true }).click();
    for (const page of members) {
      await expect
        .poll(() => page.getByTestId("announcer").textContent(), { timeout: 15_000 })
        .toBe("De groepen duren 5 minuten langer.");
    }
    expect(await members[1]?.getByTestId("breakout-countdown").textContent()).toMatch(/Nog 2[45]:\d\d/);

    await mod.getByRole("textbox", { name: "Bericht aan alle groepen" }).fill("Kies een rapporteur, graag.");
    await mod.getByRole("button", { name: "Versturen" }).click();
    await mod.getByText("Verstuurd aan alle groepen.").waitFor();
    for (const page of members) {
      await expect
        .poll(() => page.getByTestId("announcer").textContent(), { timeout: 15_000 })
        .toBe("Bericht van de moderator aan alle groepen: Kies een rapporteur, graag.");
      await page.getByTestId("breakout-broadcast").getByText("Kies een rapporteur, graag.").waitFor();
    }
  });

  it("lets the moderator visit a group, with camera and microphone as they were", async () => {
    const target = groups.find((g) => g.id === groupOf[0]);
    if (!target) throw new Error("no group");
    await mod.getByRole("button", { name: `${target.name} bezoeken` }).click();
    await expect.poll(() => roomOf(mod), { timeout: 30_000 }).toBe(target.id);
    await expect
      .poll(
        async () => {
          const mo = (await rooms.listParticipants(target.roomName)).find((p) => p.identity === moIdentity);
          return mo?.tracks.map((t) => t.source).sort() ?? [];
        },
        { timeout: 20_000 },
      )
      .toEqual([TrackSource.CAMERA, TrackSource.MICROPHONE].sort());
    await expect.poll(() => identitiesIn(roomName), { timeout: 20_000 }).toEqual([]);
    await mod.getByTestId("breakout-bar").getByText(`Je bezoekt ${target.name}`).waitFor();
    expect(await axeViolations(mod)).toEqual([]);
  });

  it("moves a participant to another group by keyboard, and their browser follows", async () => {
    const index = groupOf.findIndex((g) => g !== groupOf[0]);
    const who = MEMBERS[index];
    const to = groups.find((g) => g.id === groupOf[0]);
    if (!who || !to) throw new Error("no one to move");
    const place = mod.getByRole("button", { name: new RegExp(`Groep van ${who.name}$`) });
    await place.focus();
    await mod.keyboard.press("Enter");
    const option = mod.getByRole("option", { name: to.name, exact: true });
    await option.waitFor();
    // The listbox opens on the current group; typing a name moves to that one (type-ahead).
    await mod.keyboard.type(to.name.slice(0, 5));
    await expect.poll(() => option.getAttribute("data-focused")).toBe("true");
    await mod.keyboard.press("Enter");
    await place.getByText(to.name).waitFor();
    const page = members[index] as Page;
    await expect.poll(() => roomOf(page), { timeout: 30_000 }).toBe(to.id);
    await expect
      .poll(() => identitiesIn(to.roomName), { timeout: 20_000 })
      .toContain(memberIdentities[index]);
    groupOf[index] = to.id;
  });

  it("brings a member who reloads back into the same group", async () => {
    const bart = members[1] as Page;
    await bart.reload();
    await joinFromPreJoin(bart);
    expect(await roomOf(bart)).toBe(groupOf[1]);
    const group = groups.find((g) => g.id === groupOf[1]);
    if (!group) throw new Error("no group");
    await expect.poll(() => identitiesIn(group.roomName), { timeout: 20_000 }).toContain(memberIdentities[1]);
    expect(await identitiesIn(roomName)).not.toContain(memberIdentities[1]);
  });

  it("shares the group's notes between its members, and keeps a captured action within the group", async () => {
    const anne = members[0] as Page;
    const partnerIndex = groupOf.findIndex((g, i) => i !== 0 && g === groupOf[0]);
    const partner = members[partnerIndex] as Page;
    for (const page of [anne, partner]) await openGroupsTab(page);
    const anneCapture = anne.getByRole("region", { name: "Vastleggen in de groep" });
    await anneCapture.getByRole("tab", { name: "Notities" }).click();
    await anneCapture
      .getByRole("textbox", { name: "Lopende notities van deze groep" })
      .fill("Tafel: één loket per wijk.");
    await expect.poll(() => anneCapture.locator("[role=status]").allTextContents()).toContain("Opgeslagen");
    const partnerCapture = partner.getByRole("region", { name: "Vastleggen in de groep" });
    await partnerCapture.getByRole("tab", { name: "Notities" }).click();
    await expect
      .poll(
        () => partnerCapture.getByRole("textbox", { name: "Lopende notities van deze groep" }).inputValue(),
        {
          timeout: 15_000,
        },
      )
      .toContain("Tafel: één loket per wijk.");

    await anneCapture.getByRole("tab", { name: "Uitkomsten" }).click();
    await anneCapture.getByLabel("Soort", { exact: true }).selectOption("action");
    await anneCapture.getByLabel("Tekst", { exact: true }).fill("Eén loket per wijk");
    await anneCapture.getByRole("button", { name: "Voorstellen" }).click();
    await anneCapture.locator(".outcome-text", { hasText: "Eén loket per wijk" }).waitFor();
    // Not in the session's own items until the rapporteur shares it.
    await openPanelTab(mod, "Vastleggen");
    // Mo visits this group: its panel (in the Groups tab) shows the item; the session's does not.
    const sessionCapture = mod.getByRole("region", { name: "Vastleggen", exact: true });
    await sessionCapture.getByRole("tab", { name: "Uitkomsten" }).waitFor();
    expect(await sessionCapture.locator(".outcome-text", { hasText: "Eén loket per wijk" }).count()).toBe(0);
    await openGroupsTab(mod);
    expect(await axeViolations(anne)).toEqual([]);
  });

  it("lets the group choose its rapporteur, warns a minute before the end and brings everyone back at zero", async () => {
    // The end comes near (set on the server), then the group's choice of rapporteur makes every
    // browser fetch the round again: the countdown is under a minute.
    const [round] = await db.select().from(BreakoutRound).where(eq(BreakoutRound.sessionId, sessionId));
    if (!round) throw new Error("no round");
    await db
      .update(BreakoutRound)
      .set({ endsAt: new Date(Date.now() + 25_000) })
      .where(eq(BreakoutRound.id, round.id));
    const anne = members[0] as Page;
    await openGroupsTab(anne);
    await anne.getByRole("button", { name: /Rapporteur van je groep/ }).click();
    await anne.getByRole("option", { name: MEMBERS[0].name }).click();
    await anne
      .getByTestId("breakout-mine")
      .getByRole("button", { name: new RegExp(MEMBERS[0].name) })
      .waitFor();

    for (const page of members) {
      await page.locator('.breakout-bar[data-warning="true"]').waitFor({ timeout: 15_000 });
      await expect
        .poll(() => page.getByTestId("announcer").textContent(), { timeout: 10_000 })
        .toBe("Nog één minuut in de groepen. Daarna gaat iedereen terug naar de hoofdruimte.");
    }
    // Frames the moderator's camera sent before the return, as a member's browser counts them.
    for (const page of [mod, ...members]) {
      await expect.poll(() => roomOf(page), { timeout: 60_000 }).toBe("main");
    }
    await expect
      .poll(() => identitiesIn(roomName), { timeout: 20_000 })
      .toEqual([moIdentity, ...memberIdentities].sort());
    for (const group of groups) expect(await identitiesIn(group.roomName)).toEqual([]);
    await expect
      .poll(() => anne.getByTestId("announcer").textContent(), { timeout: 10_000 })
      .toBe("Je bent terug in de hoofdruimte.");
    expect(await anne.getByTestId("breakout-bar").count()).toBe(0);

    // Devices unchanged: Mo's camera and microphone are published in the main room again, and the
    // picture moves (frames keep arriving in Anne's browser).
    await expect
      .poll(
        async () => {
          const mo = (await rooms.listParticipants(roomName)).find((p) => p.identity === moIdentity);
          return mo?.tracks.map((t) => t.source).sort() ?? [];
        },
        { timeout: 20_000 },
      )
      .toEqual([TrackSource.CAMERA, TrackSource.MICROPHONE].sort());
    const moTile = anne.locator(`.tile[data-identity="${moIdentity}"] video`);
    await moTile.waitFor({ timeout: 20_000 });
    const frames = () =>
      moTile.evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);
    await expect.poll(frames, { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await frames();
    await expect.poll(frames, { timeout: 10_000 }).toBeGreaterThan(before);
    // Back where members listen: Anne's camera is not published in the main room.
    const anneHere = (await rooms.listParticipants(roomName)).find((p) => p.identity === memberIdentities[0]);
    expect(anneHere?.tracks ?? []).toEqual([]);
  }, 120_000);

  it("lets the rapporteur share the group's items with the session after the return", async () => {
    const anne = members[0] as Page;
    const share = anne.getByRole("button", { name: "Deel met de sessie" });
    await share.waitFor({ timeout: 15_000 });
    await share.click();
    await anne.getByText("1 item gedeeld met de sessie.").waitFor();
    await openPanelTab(mod, "Vastleggen");
    await mod
      .getByRole("region", { name: "Vastleggen", exact: true })
      .locator(".outcome-text", { hasText: "Eén loket per wijk" })
      .waitFor({ timeout: 15_000 });
    await openGroupsTab(mod);
  });

  it("is axe clean in English too, for the moderator's panel and a member's group tab", async () => {
    for (const page of [mod, members[0] as Page]) {
      await page.getByRole("button", { name: "EN English" }).click();
      await openGroupsTab(page, "Groups");
      await page.locator("html[lang='en']").waitFor({ state: "attached" });
      expect(await axeViolations(page)).toEqual([]);
    }
    await mod.getByTestId("breakout-panel").getByText("The last round is closed.").waitFor();
  });

  it("lets participants choose their group themselves, and closes early on the moderator's word", async () => {
    // Mo reads English since the last test; Carla still Dutch.
    await mod.getByRole("button", { name: "Plan a new round" }).click();
    await mod.getByText("Participants choose", { exact: true }).click();
    expect(await mod.getByRole("radio", { name: "Participants choose" }).isChecked()).toBe(true);
    await mod.getByRole("button", { name: "Save plan" }).click();
    await mod.getByRole("button", { name: "Open the groups" }).click();
    // What the moderator sees once the server has opened the round; only then is it in the database.
    await mod.getByRole("button", { name: "Close the groups now" }).waitFor();
    const [round] = await db.select().from(BreakoutRound).where(eq(BreakoutRound.status, "open")).limit(1);
    if (!round) throw new Error("no open round");
    const chosen = (await db.select().from(BreakoutGroup).where(eq(BreakoutGroup.roundId, round.id))).find(
      (g) => g.position === 2,
    );
    if (!chosen) throw new Error("no group");

    const carla = members[2] as Page;
    // Not placed: Carla stays in the main room and is pointed to the list.
    await carla
      .getByTestId("breakout-bar")
      .getByText("Kies een groep bij Groepen in het zijpaneel.")
      .waitFor();
    expect(await roomOf(carla)).toBe("main");
    await openGroupsTab(carla);
    await carla.getByRole("button", { name: `Kiezen: ${chosen.name}` }).click();
    await expect.poll(() => roomOf(carla), { timeout: 30_000 }).toBe(chosen.id);
    await expect
      .poll(() => identitiesIn(chosen.roomName), { timeout: 20_000 })
      .toEqual([memberIdentities[2]]);
    expect(await axeViolations(carla)).toEqual([]);

    await mod.getByRole("button", { name: "Close the groups now" }).click();
    await mod.getByRole("button", { name: "Yes, everyone back" }).click();
    await expect.poll(() => roomOf(carla), { timeout: 30_000 }).toBe("main");
    await expect.poll(() => identitiesIn(chosen.roomName), { timeout: 20_000 }).toEqual([]);
  });
});
