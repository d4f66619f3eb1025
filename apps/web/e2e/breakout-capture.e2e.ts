import { randomUUID } from "node:crypto";
import { type CaptureWorld, callerFor, captureWorld } from "@reeks/api/testing";
import { BreakoutGroup, BreakoutMember, BreakoutRound } from "@reeks/db";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The item whose own text contains `text`, within `scope` (a page or one panel of it). */
function itemIn(scope: Page | Locator, text: string) {
  // A `has` locator is matched inside each item, so it must not start from the scope again.
  const page = "page" in scope ? scope.page() : scope;
  return scope.locator(".outcome").filter({ has: page.locator(".outcome-text", { hasText: text }) });
}

/**
 * Capture in a breakout group, seen from the session page: the group's own notes and items, kept
 * from the others until the rapporteur shares them, then everyone's with the group named on them.
 * The round is written into the database: placing people in groups is the breakout router's job.
 */
describe("capture in a breakout group", () => {
  let server: RunningReeks;
  let browser: Browser;
  let world: CaptureWorld;
  let sessionId: string;

  async function pageAs(person: { email: string }): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await signInBrowser(page, server, person.email);
    return page;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    world = await captureWorld(server.database);
    sessionId = world.sessions[0]?.id ?? "";
    const db = server.database.db;
    const [round] = await db
      .insert(BreakoutRound)
      .values({ sessionId, status: "closed", assignment: "manual", groupCount: 1, durationSeconds: 600 })
      .returning();
    if (!round) throw new Error("round");
    const [group] = await db
      .insert(BreakoutGroup)
      .values({
        roundId: round.id,
        sessionId,
        position: 1,
        name: "Tafel Noord",
        question: "Hoe houden we de uitvoering overzichtelijk?",
        roomName: `room-${randomUUID()}`,
        rapporteurId: world.member.participantId,
      })
      .returning();
    if (!group) throw new Error("group");
    await db.insert(BreakoutMember).values({
      roundId: round.id,
      groupId: group.id,
      participantId: world.member.participantId,
      placement: "manual",
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the rapporteur writes group notes, captures an action and shares it; the others then see it with its group", async () => {
    const rapporteur = await pageAs(world.member);
    await rapporteur.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    const group = rapporteur.getByRole("region", { name: "Jouw groep: Tafel Noord" });
    await expect.poll(() => rapporteur.getByRole("heading", { name: "De hele sessie" }).count()).toBe(1);
    await expect.poll(() => group.getByText("Hoe houden we de uitvoering overzichtelijk?").count()).toBe(1);

    await group.getByRole("tab", { name: "Notities" }).click();
    await group.getByLabel("Lopende notities van deze groep").fill("Groepsnotitie: één loket");
    await expect.poll(() => group.getByRole("status").allTextContents()).toContain("Opgeslagen");

    await group.getByRole("tab", { name: "Uitkomsten" }).click();
    await group.getByLabel("Soort", { exact: true }).selectOption("action");
    await group.getByLabel("Tekst", { exact: true }).fill("Eén loket voor vergunningen");
    await group.getByRole("button", { name: "Voorstellen" }).click();
    const captured = itemIn(group, "Eén loket voor vergunningen");
    await expect.poll(() => captured.locator(".badge").allTextContents()).toContain("Voorgesteld");
    const badges = async () => (await captured.locator(".badge").allTextContents()).map((b) => b.trim());
    await expect.poll(badges).toContain("Nog niet gedeeld");
    expect(await axeViolations(rapporteur)).toEqual([]);

    // Someone who was not in the group: not the item, not the group's notes, no group panel.
    const other = await pageAs(world.member2);
    await other.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    await expect
      .poll(() => other.getByRole("tab", { name: "Uitkomsten" }).getAttribute("aria-selected"))
      .toBe("true");
    expect(await other.getByRole("region", { name: /Jouw groep/ }).count()).toBe(0);
    expect(await other.getByRole("heading", { name: "De hele sessie" }).count()).toBe(0);
    expect(await itemIn(other, "Eén loket voor vergunningen").count()).toBe(0);
    await other.getByRole("tab", { name: "Notities" }).click();
    await expect.poll(() => other.locator(".notes-readonly").count()).toBe(1);
    expect(await other.locator(".notes-readonly").textContent()).not.toContain("Groepsnotitie");
    await other.getByRole("tab", { name: "Uitkomsten" }).click();

    await group.getByRole("button", { name: "Deel met de sessie" }).click();
    await expect
      .poll(() => group.getByRole("status").allTextContents())
      .toContain("1 item gedeeld met de sessie.");

    // The other member never reloaded: the shared item arrives live, naming its group and question.
    const shared = itemIn(other, "Eén loket voor vergunningen");
    await expect.poll(() => shared.count(), { timeout: 10_000 }).toBe(1);
    expect(await shared.locator(".outcome-group-provenance").textContent()).toBe(
      "Uit de groep Tafel Noord — vraag: Hoe houden we de uitvoering overzichtelijk?",
    );
    expect(await axeViolations(other)).toEqual([]);

    // The theme page gathers it too, with the same provenance.
    await other.goto(`${server.url}/themas/${world.sessions[0]?.themeId}`);
    const onTheme = itemIn(other, "Eén loket voor vergunningen");
    await expect.poll(() => onTheme.count()).toBe(1);
    expect(await onTheme.locator(".outcome-group-provenance").textContent()).toContain("Tafel Noord");
  });

  it("someone placed in a group later sees what the group captured before, without reloading", async () => {
    const db = server.database.db;
    const now = Date.now();
    const [round] = await db
      .insert(BreakoutRound)
      .values({
        sessionId,
        status: "open",
        assignment: "manual",
        groupCount: 1,
        durationSeconds: 600,
        openedAt: new Date(now),
        endsAt: new Date(now + 600_000),
      })
      .returning();
    if (!round) throw new Error("round");
    const [group] = await db
      .insert(BreakoutGroup)
      .values({
        roundId: round.id,
        sessionId,
        position: 1,
        name: "Tafel Zuid",
        roomName: `room-${randomUUID()}`,
      })
      .returning();
    if (!group) throw new Error("group");
    await db.insert(BreakoutMember).values({
      roundId: round.id,
      groupId: group.id,
      participantId: world.member.participantId,
      placement: "manual",
    });
    await callerFor(server.database, world.member).capture.outcome.capture({
      sessionId,
      kind: "problem",
      text: "Zuid: wachtlijsten bij de schuldhulp",
      breakoutGroupId: group.id,
    });

    const late = await pageAs(world.member2);
    await late.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    await expect.poll(() => late.getByRole("tab", { name: "Uitkomsten" }).first().isVisible()).toBe(true);
    const region = late.getByRole("region", { name: "Jouw groep: Tafel Zuid" });
    expect(await region.count()).toBe(0);

    await callerFor(server.database, world.moderator).breakout.assign({
      sessionId,
      roundId: round.id,
      participantId: world.member2.participantId,
      groupId: group.id,
    });
    await expect.poll(() => region.count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => itemIn(region, "Zuid: wachtlijsten bij de schuldhulp").count(), { timeout: 10_000 })
      .toBe(1);
  });
});
