import { type CaptureWorld, captureWorld } from "@reeks/api/testing";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The whole app (built SPA, real magic-link sign-in) with one browser context per person. */
/** The item whose own text (not a link to it) contains `text`. */
function itemOn(page: Page, text: string) {
  return page.locator(".outcome").filter({ has: page.locator(".outcome-text", { hasText: text }) });
}

describe("live capture in a session", () => {
  let server: RunningReeks;
  let browser: Browser;
  let world: CaptureWorld;
  let sessionId: string;
  let themeId: string;

  /** A page signed in as this person, once per test: each sign-in sends a mail and is rate limited. */
  async function pageAs(person: { email: string }): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await signInBrowser(page, server, person.email);
    return page;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    world = await captureWorld(server.database);
    sessionId = world.sessions[0]?.id ?? "";
    themeId = world.sessions[0]?.themeId ?? "";
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a member proposes a problem, a moderator confirms it and links an action, another member sees both live", async () => {
    const watcher = await pageAs(world.member2);
    await watcher.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    await expect
      .poll(() => watcher.getByRole("tab", { name: "Uitkomsten" }).getAttribute("aria-selected"))
      .toBe("true");
    expect(await axeViolations(watcher)).toEqual([]);

    const proposer = await pageAs(world.member);
    await proposer.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    await proposer.getByLabel("Soort", { exact: true }).selectOption("problem");
    await proposer.getByLabel("Tekst", { exact: true }).fill("Inwoners vallen tussen loketten");
    await proposer.getByRole("button", { name: "Voorstellen" }).click();
    // Optimistic: it is there at once, and then saved as a proposal.
    const proposed = itemOn(proposer, "Inwoners vallen tussen loketten");
    await expect.poll(() => proposed.count()).toBe(1);
    await expect.poll(() => proposed.locator(".badge").allTextContents()).toContain("Voorgesteld");

    const moderator = await pageAs(world.moderator);
    await moderator.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    const problem = itemOn(moderator, "Inwoners vallen tussen loketten");
    await problem.getByRole("button", { name: "Bevestigen" }).click();
    await expect.poll(() => problem.locator(".badge").allTextContents()).toContain("Bevestigd");
    await moderator.getByLabel("Soort", { exact: true }).selectOption("action");
    await moderator.getByLabel("Tekst", { exact: true }).fill("Eén aanspreekpunt per huishouden");
    await moderator.getByLabel("Eigenaar (organisatie)").fill("Gemeente Zwolle");
    await moderator.getByRole("button", { name: "Toevoegen" }).click();
    await expect.poll(() => itemOn(moderator, "Eén aanspreekpunt").count()).toBe(1);
    await problem.getByRole("button", { name: "Koppelen aan…" }).click();
    const pick = problem.getByLabel(/Koppel “Inwoners vallen/);
    const actionOption = pick.locator("option", { hasText: "Eén aanspreekpunt" });
    await pick.selectOption(await actionOption.getAttribute("value"));
    await problem.getByRole("button", { name: "Koppel", exact: true }).click();
    await expect
      .poll(() => problem.locator(".links").textContent())
      .toContain("Eén aanspreekpunt per huishouden");
    expect(await axeViolations(moderator)).toEqual([]);

    // The second member never reloaded: both items, the confirmation and the link arrived live.
    const seenProblem = itemOn(watcher, "Inwoners vallen tussen loketten");
    await expect
      .poll(() => seenProblem.locator(".badge").allTextContents(), { timeout: 10_000 })
      .toContain("Bevestigd");
    await expect
      .poll(() => seenProblem.locator(".links").textContent())
      .toContain("Eén aanspreekpunt per huishouden");
    const seenAction = itemOn(watcher, "Eén aanspreekpunt per huishouden");
    await expect.poll(() => seenAction.textContent()).toContain("Eigenaar: Gemeente Zwolle");
    // Screen readers heard about it too.
    await expect.poll(() => watcher.locator("[aria-live=polite]").first().textContent()).toMatch(/Nieuw: /);
    expect(await axeViolations(watcher)).toEqual([]);

    // The theme page lists them.
    await watcher.goto(`${server.url}/themas/${themeId}`);
    await expect
      .poll(() => watcher.locator(".outcome").allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining("Inwoners vallen tussen loketten"),
          expect.stringContaining("Eén aanspreekpunt per huishouden"),
        ]),
      );
    expect(await axeViolations(watcher)).toEqual([]);
    await Promise.all([watcher, proposer, moderator].map((p) => p.context().close()));
  });

  it("tells plainly who sees the name on a Chatham House item: the moderator, and nobody else", async () => {
    const writer = await pageAs(world.member);
    await writer.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    await writer.getByLabel("Soort", { exact: true }).selectOption("insight");
    await writer.getByLabel("Tekst", { exact: true }).fill("Regie ontbreekt bij de keten");
    await writer.getByLabel("Naamsvermelding").selectOption("chatham_house");
    // Said before sending, and read out with the choice.
    const note = writer.getByText("Bij Chatham House ziet alleen de moderator je naam.", { exact: false });
    await note.waitFor();
    expect(await writer.getByLabel("Naamsvermelding").getAttribute("aria-describedby")).toBe(
      await note.locator("xpath=..").getAttribute("id"),
    );
    await writer.getByRole("button", { name: "Voorstellen" }).click();
    await expect
      .poll(() => itemOn(writer, "Regie ontbreekt").textContent())
      .toContain("je naam is alleen zichtbaar voor moderatoren");
    expect(await axeViolations(writer)).toEqual([]);

    const moderator = await pageAs(world.moderator);
    await moderator.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    await moderator.getByRole("button", { name: "English" }).click();
    await moderator
      .getByText("as a moderator you see who wrote a Chatham House item", { exact: false })
      .waitFor();
    const seen = itemOn(moderator, "Regie ontbreekt");
    await expect.poll(() => seen.textContent()).toContain("only moderators see this name");
    expect(await seen.textContent()).toContain(world.member.name);
    expect(await axeViolations(moderator)).toEqual([]);

    const other = await pageAs(world.member2);
    await other.goto(`${server.url}/sessies/${sessionId}/overzicht`);
    const otherView = itemOn(other, "Regie ontbreekt");
    await expect.poll(() => otherView.count()).toBe(1);
    expect(await otherView.textContent()).not.toContain(world.member.name);
    expect(await other.getByText("als moderator zie jij", { exact: false }).count()).toBe(0);
    await Promise.all([writer, moderator, other].map((p) => p.context().close()));
  });

  it("questions and polls work with the keyboard, and stay accessible", async () => {
    const member = await pageAs(world.member);
    const moderator = await pageAs(world.moderator);
    await Promise.all([member, moderator].map((p) => p.goto(`${server.url}/sessies/${sessionId}/overzicht`)));
    // Tabs follow the WAI-ARIA pattern: arrow keys move between them.
    await member.getByRole("tab", { name: "Uitkomsten" }).focus();
    await member.keyboard.press("ArrowRight");
    await expect
      .poll(() => member.getByRole("tab", { name: "Vragen" }).getAttribute("aria-selected"))
      .toBe("true");
    await member.getByLabel("Tekst", { exact: true }).fill("Wie houdt regie?");
    await member.getByLabel("Anoniem stellen").check();
    await member.getByRole("button", { name: "Vraag stellen" }).click();

    await moderator.getByRole("tab", { name: "Vragen" }).click();
    const question = moderator.locator(".question", { hasText: "Wie houdt regie?" });
    await expect.poll(() => question.textContent(), { timeout: 10_000 }).toContain("Anoniem");
    await question.getByRole("button", { name: /Steun deze vraag/ }).click();
    await expect.poll(() => member.locator(".question .upvote").first().textContent()).toContain("1");
    await question.getByRole("button", { name: "Uitlichten" }).click();
    await question.getByRole("button", { name: "Maak er een uitkomst van" }).click();
    await expect.poll(() => question.textContent()).toContain("Is een uitkomst geworden");
    expect(await axeViolations(moderator)).toEqual([]);

    await moderator.getByRole("tab", { name: "Peilingen" }).click();
    await moderator.getByLabel("Vraag", { exact: true }).fill("Hoe urgent is dit?");
    await moderator.getByLabel("Soort peiling").selectOption("scale");
    await moderator.getByRole("button", { name: "Peiling aanmaken" }).click();
    const poll = moderator.locator(".poll", { hasText: "Hoe urgent is dit?" });
    await poll.getByRole("button", { name: "Openen" }).click();

    await member.getByRole("tab", { name: "Peilingen" }).click();
    const memberPoll = member.locator(".poll", { hasText: "Hoe urgent is dit?" });
    await expect.poll(() => memberPoll.count(), { timeout: 10_000 }).toBe(1);
    await memberPoll.getByRole("radio", { name: "4" }).check();
    await memberPoll.getByRole("button", { name: "Stem" }).click();
    await expect
      .poll(() => poll.locator(".poll-results").textContent(), { timeout: 10_000 })
      .toContain("4: 1");
    expect(await axeViolations(member)).toEqual([]);
    await Promise.all([member, moderator].map((p) => p.context().close()));
  });
  it("a moderator designates a member as note-taker, who can then write in the notes", async () => {
    const member = await pageAs(world.member2);
    const moderator = await pageAs(world.moderator);
    await Promise.all([member, moderator].map((p) => p.goto(`${server.url}/sessies/${sessionId}/overzicht`)));
    await member.getByRole("tab", { name: "Notities" }).click();
    // Not yet a note-taker: reading along only, and no say over who writes.
    await expect.poll(() => member.getByText("jij kunt meelezen").count()).toBe(1);
    expect(await member.getByRole("textbox", { name: "Lopende notities van deze sessie" }).count()).toBe(0);
    expect(await member.getByRole("heading", { name: "Notulisten" }).count()).toBe(0);

    // The moderator works the picker with the keyboard only.
    await moderator.getByRole("tab", { name: "Uitkomsten" }).focus();
    await moderator.keyboard.press("End");
    await expect
      .poll(() => moderator.getByRole("tab", { name: "Notities" }).getAttribute("aria-selected"))
      .toBe("true");
    const takers = moderator.locator("section.note-takers");
    await expect.poll(() => takers.textContent()).toContain("Nog geen notulisten aangewezen.");
    const picker = moderator.getByLabel("Deelnemer", { exact: true });
    const option = picker.locator("option", { hasText: world.member2.name });
    await picker.selectOption(await option.getAttribute("value"));
    await moderator.getByRole("button", { name: "Aanwijzen als notulist" }).focus();
    await moderator.keyboard.press("Enter");
    await expect
      .poll(() => takers.getByRole("status").textContent())
      .toBe(`${world.member2.name} is nu notulist en kan in de notities schrijven.`);
    await expect
      .poll(() => takers.locator(".note-taker-list li").allTextContents())
      .toEqual([expect.stringContaining(world.member2.name)]);
    expect(await axeViolations(moderator)).toEqual([]);

    // The member's open panel switches to writing without a reload, and says so.
    const editor = member.getByRole("textbox", { name: "Lopende notities van deze sessie" });
    await expect.poll(() => editor.count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => member.locator("[aria-live=polite]").first().textContent())
      .toContain("Je bent aangewezen als notulist");
    await editor.click();
    await member.keyboard.type("Marit notuleert: regie ligt bij de gemeente.");
    await expect
      .poll(() => member.locator(".capture [role=status]").allTextContents())
      .toContain("Opgeslagen");
    await expect
      .poll(() => moderator.getByRole("textbox", { name: "Lopende notities van deze sessie" }).inputValue(), {
        timeout: 10_000,
      })
      .toContain("Marit notuleert: regie ligt bij de gemeente.");
    expect(await axeViolations(member)).toEqual([]);

    // Removing works by keyboard too, and takes the pen away again.
    await takers.getByRole("button", { name: `Verwijderen als notulist: ${world.member2.name}` }).focus();
    await moderator.keyboard.press("Enter");
    await expect
      .poll(() => takers.getByRole("status").textContent())
      .toBe(`${world.member2.name} is geen notulist meer.`);
    await expect.poll(() => editor.count(), { timeout: 10_000 }).toBe(0);
    await expect
      .poll(() => member.locator(".notes-readonly").textContent())
      .toContain("Marit notuleert: regie ligt bij de gemeente.");
    expect(await axeViolations(moderator)).toEqual([]);
    await Promise.all([member, moderator].map((p) => p.context().close()));
  });
});
