import { type CaptureWorld, captureWorld, insertCaptionLines } from "@reeks/api/testing";
import { eq, Series, Session } from "@reeks/db";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** After the session: the transcript on the session page, searched, and a passage made an item. */
describe("the transcript after a session", () => {
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
    const startsAt = new Date("2026-03-12T14:00:00Z");
    await db.update(Session).set({ status: "ended", startsAt }).where(eq(Session.id, sessionId));
    await db.update(Series).set({ defaultAttribution: "chatham_house" }).where(eq(Series.id, world.seriesId));
    const at = (minute: number) => new Date(startsAt.getTime() + minute * 60_000);
    await insertCaptionLines(db, sessionId, [
      {
        text: "Welkom bij de sessie over uitvoering.",
        spokenAt: at(1),
        speakerParticipantId: world.moderator.participantId,
      },
      {
        text: "De begroting van het sociaal domein loopt uit de hand.",
        spokenAt: at(2),
        speakerParticipantId: world.member2.participantId,
      },
      {
        text: "Daarom willen we eerder met inwoners in gesprek.",
        spokenAt: at(3),
        speakerParticipantId: world.member2.participantId,
      },
      { text: "[applaus]", spokenAt: at(4) },
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a member searches the transcript without speaker names; axe clean in nl and en", async () => {
    const member = await pageAs(world.member);
    await member.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    const transcript = member.getByRole("region", { name: "Transcript" });
    const lines = transcript.getByRole("list", { name: "Regels van het transcript" }).getByRole("listitem");
    await expect.poll(() => lines.count()).toBe(4);
    // Chatham House: a member reads what was said, not who said it.
    expect(await transcript.textContent()).not.toContain(world.member2.person.name);
    expect(await lines.first().locator("time").textContent()).toBe("15:01:00");
    await transcript.getByLabel("Zoeken in het transcript").fill("begroting");
    await expect.poll(() => lines.count()).toBe(1);
    expect(await transcript.getByRole("status").first().textContent()).toBe("1 regel");
    expect(await lines.first().locator("mark").textContent()).toBe("begroting");
    // A member cannot make items of passages or correct lines.
    expect(await transcript.getByRole("checkbox").count()).toBe(0);
    expect(await transcript.getByRole("button", { name: /corrigeren/i }).count()).toBe(0);
    expect(await axeViolations(member)).toEqual([]);

    await member.getByRole("button", { name: "English", exact: true }).click();
    await member.locator("html[lang='en']").waitFor({ state: "attached" });
    await member.getByRole("region", { name: "Transcript" }).getByText("1 line", { exact: true }).waitFor();
    expect(await axeViolations(member)).toEqual([]);
    await member.context().close();
  });

  it("a moderator turns a passage of two lines into one item in one action; it appears among the outcomes", async () => {
    const moderator = await pageAs(world.moderator);
    await moderator.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    const transcript = moderator.getByRole("region", { name: "Transcript" });
    // React Aria's checkbox input is visually hidden inside its label: a person clicks the label.
    const choose = (time: string) =>
      transcript
        .getByRole("checkbox", { name: `Regel van ${time} kiezen voor een passage` })
        .locator("xpath=ancestor::label[1]")
        .click();
    await choose("15:02:00");
    await choose("15:03:00");
    const bar = transcript.getByRole("group", { name: "Passage van 2 regels gekozen" });
    await bar.getByLabel("Soort item").selectOption("problem");
    expect(await axeViolations(moderator)).toEqual([]);
    await bar.getByRole("button", { name: "Maak er een item van" }).click();
    await transcript.getByText("Item gemaakt van de passage van 15:02:00 tot 15:03:00.").waitFor();
    const item = moderator.locator(".outcome").filter({
      hasText:
        "De begroting van het sociaal domein loopt uit de hand. Daarom willen we eerder met inwoners in gesprek.",
    });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    // Linked to its time: the item says where in the transcript it came from.
    await expect.poll(() => item.textContent()).toContain("Uit het transcript, 15:02:00–15:03:00");
    await moderator.context().close();
  });

  it("an organiser corrects a line and reads its history", async () => {
    const organiser = await pageAs(world.organiser);
    await organiser.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    const transcript = organiser.getByRole("region", { name: "Transcript" });
    // Organisers see who spoke, even in a Chatham House session.
    await transcript.getByText(`${world.member2.person.name}:`).first().waitFor();
    await transcript.getByRole("button", { name: "Regel van 15:04:00 corrigeren" }).click();
    const field = transcript.getByLabel("Gecorrigeerde tekst");
    await field.fill("");
    await transcript.getByRole("button", { name: "Correctie opslaan" }).click();
    // An empty correction is refused in words, on the field.
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    await field.fill("[applaus en gelach]");
    await transcript.getByRole("button", { name: "Correctie opslaan" }).click();
    await transcript.getByText("[applaus en gelach]").waitFor();
    await transcript.getByText("(gecorrigeerd)").waitFor();
    await transcript.getByRole("button", { name: "Geschiedenis van de regel van 15:04:00" }).click();
    const history = transcript.getByRole("region", { name: "Eerdere versies" });
    await history.getByText("[applaus]", { exact: true }).waitFor();
    expect(await history.textContent()).toContain(`gecorrigeerd door ${world.organiser.person.name}`);
    expect(await axeViolations(organiser)).toEqual([]);
    await organiser.context().close();
  });
});
