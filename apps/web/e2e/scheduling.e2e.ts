import { DEMO_SERIES_SLUG } from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PLANNING = `/reeksen/${DEMO_SERIES_SLUG}/planning`;
const AVAILABILITY = `/reeksen/${DEMO_SERIES_SLUG}/beschikbaarheid`;

/** Candidate dates: two for session 1 (before the end of DST on 31 October 2027), one for the others. */
const SLOTS: Array<[number, string]> = [
  [1, "2027-10-26"],
  [1, "2027-10-28"],
  [2, "2027-11-16"],
  [3, "2027-12-07"],
  [4, "2028-01-11"],
];

describe("scheduling the series", () => {
  let server: RunningReeks;
  let browser: Browser;
  const members = ["anne", "bart", "carla"].map((name) => ({ name, email: `${name}@gemeente.test` }));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const db = server.database.db;
    await createParticipant(db, {
      email: "olga@vgs.test",
      name: "Olga Organisator",
      seriesSlug: DEMO_SERIES_SLUG,
      role: "organiser",
    });
    for (const m of members)
      await createParticipant(db, { email: m.email, name: m.name, seriesSlug: DEMO_SERIES_SLUG });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedInPage(email: string, path: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInBrowser(page, server, email);
    await page.goto(`${server.url}${path}`);
    return page;
  }

  async function answerWithMouse(email: string, answers: string[]) {
    const page = await signedInPage(email, AVAILABILITY);
    const groups = page.locator("fieldset.slot-answer");
    await expect.poll(() => groups.count()).toBe(SLOTS.length);
    for (const [i, answer] of answers.entries()) {
      await groups.nth(i).getByRole("radio", { name: answer, exact: true }).check();
    }
    await page.getByRole("button", { name: "Antwoorden opslaan" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "opgeslagen" }).count()).toBe(1);
    await page.context().close();
  }

  it("goes from candidate dates to four confirmed sessions with invitations in the mail", async () => {
    // The organiser sets the constraints and proposes dates.
    const organiser = await signedInPage("olga@vgs.test", PLANNING);
    await organiser.getByRole("heading", { level: 1, name: "Data plannen" }).waitFor();
    await organiser.getByLabel("Deadline voor antwoorden").fill("2099-01-01");
    await organiser.getByLabel("Minimaal aantal dagen tussen sessies").fill("14");
    await organiser.getByRole("button", { name: "Voorwaarden opslaan" }).click();
    await organiser.getByText("De voorwaarden zijn opgeslagen.").waitFor();
    for (const [index, [position, date]] of SLOTS.entries()) {
      const section = organiser.locator("section.session-slots").nth(position - 1);
      await section.getByLabel("Datum", { exact: true }).fill(date);
      await section.getByLabel("Begintijd").fill("15:00");
      await section.getByLabel("Eindtijd").fill("16:30");
      await section.getByRole("button", { name: `Datum toevoegen aan sessie ${position}` }).click();
      const addedSoFar = SLOTS.slice(0, index + 1).filter(([p]) => p === position).length;
      await expect.poll(() => section.locator("li").count()).toBe(addedSoFar);
    }
    // Shown in Amsterdam time although the browser runs elsewhere.
    await organiser.getByText("donderdag 28 oktober 2027, 15:00–16:30").first().waitFor();
    expect(await axeViolations(organiser)).toEqual([]);

    // Two members answer with the mouse…
    await answerWithMouse("anne@gemeente.test", ["Ja", "Ja", "Ja", "Ja", "Ja"]);
    await answerWithMouse("bart@gemeente.test", ["Nee", "Ja", "Als het moet", "Ja", "Ja"]);

    // …and one only with the keyboard: Tab into each radio group, Space/arrows to answer.
    const carla = await signedInPage("carla@gemeente.test", AVAILABILITY);
    await carla.locator("fieldset.slot-answer").first().waitFor();
    // The deadline in words, not as an ISO date.
    await carla.getByText("Je kunt je antwoorden wijzigen tot en met 1 januari 2099.").waitFor();
    expect(await axeViolations(carla)).toEqual([]);
    const focusedName = () =>
      carla.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? "");
    for (let i = 0; i < 40 && !(await focusedName()).startsWith("answer-"); i++)
      await carla.keyboard.press("Tab");
    expect(await focusedName()).toMatch(/^answer-/);
    for (let slot = 0; slot < SLOTS.length; slot++) {
      if (slot === 0) {
        await carla.keyboard.press("ArrowDown"); // "Als het moet"
        await carla.keyboard.press("ArrowDown"); // "Nee"
      } else {
        await carla.keyboard.press("Space"); // "Ja"
      }
      await carla.keyboard.press("Tab"); // the comment field
      if (slot === 0) await carla.keyboard.type("Dan zit ik in de raad");
      await carla.keyboard.press("Tab"); // the next slot, or the save button after the last
    }
    await carla.keyboard.press("Enter");
    await expect.poll(() => carla.getByRole("status").filter({ hasText: "opgeslagen" }).count()).toBe(1);
    const checked = await carla
      .locator("input[type=radio]:checked")
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(checked).toEqual(["no", "yes", "yes", "yes", "yes"]);

    // The organiser sees everyone's answers and the recommended plan, and confirms it.
    await organiser.reload();
    const heatmap = organiser.locator("table.heatmap");
    await expect.poll(() => heatmap.locator("tbody tr").count()).toBe(4);
    await heatmap.getByText("Dan zit ik in de raad").waitFor();
    const plan = organiser.locator("article.plan").first();
    await plan.getByText("3 van 3 kunnen bij alle sessies").waitFor();
    expect(await plan.locator("li").first().textContent()).toContain(
      "donderdag 28 oktober 2027, 15:00–16:30",
    );
    expect(await axeViolations(organiser)).toEqual([]);
    // Confirming asks first, saying who will be mailed; cancelling sends nothing.
    await plan.getByRole("button", { name: "Bevestig dit plan" }).click();
    const dialog = organiser.getByRole("dialog", { name: "Dit plan bevestigen?" });
    await dialog
      .getByText("Alle 4 deelnemers krijgen per sessie een uitnodiging per e-mail", { exact: false })
      .waitFor();
    expect(await axeViolations(organiser)).toEqual([]);
    await dialog.getByRole("button", { name: "Annuleren" }).click();
    await dialog.waitFor({ state: "detached" });
    await plan.getByRole("button", { name: "Bevestig dit plan" }).click();
    await dialog.getByRole("button", { name: "Bevestigen en uitnodigingen versturen" }).click();
    await organiser.getByText("De sessies zijn ingepland.").waitFor();

    // After a reload the plan still reads as confirmed, with nothing left to confirm or remove on it.
    await organiser.reload();
    const confirmedPlan = organiser.locator("section.confirmed-plan");
    await confirmedPlan.getByRole("heading", { name: "Bevestigd plan" }).waitFor();
    expect(await confirmedPlan.locator("li").first().textContent()).toContain("28 oktober 2027");
    expect(await organiser.getByRole("button", { name: "Bevestig dit plan" }).count()).toBe(0);
    expect(
      await organiser.getByRole("button", { name: /^Verwijder donderdag 28 oktober 2027/ }).count(),
    ).toBe(0);

    // Every approved participant gets an invitation per session, with the .ics attached.
    const sink = server.mailSink;
    if (!sink) throw new Error("the test server has no mail sink");
    for (const address of [
      "anne@gemeente.test",
      "bart@gemeente.test",
      "carla@gemeente.test",
      "olga@vgs.test",
    ]) {
      const invite = await sink.waitFor(
        (m) =>
          m.to.includes(address) && m.subject.startsWith("Uitnodiging:") && m.subject.includes("Sessie 1"),
        20_000,
      );
      const ics = invite.attachments.find((a) => a.filename.endsWith(".ics"))?.content ?? "";
      expect(ics).toContain("METHOD:REQUEST");
      expect(ics).toContain("DTSTART:20271028T130000Z");
    }
    await expect
      .poll(() => sink.messages().filter((m) => m.subject.startsWith("Uitnodiging:")).length, {
        timeout: 20_000,
      })
      .toBe(16);

    // The dev outbox lists the .ics with its name and type, on the page and in its JSON, and serves it.
    const outbox = await (await fetch(`${server.url}/api/dev/outbox`)).json();
    const invitation = (
      outbox as { mails: Array<{ subject: string; attachments: Array<{ name: string; type: string }> }> }
    ).mails.find((m) => m.subject.startsWith("Uitnodiging:"));
    expect(invitation?.attachments).toEqual([
      expect.objectContaining({
        name: expect.stringMatching(/\.ics$/),
        type: expect.stringContaining("text/calendar"),
      }),
    ]);
    await organiser.goto(`${server.url}/dev/outbox`);
    const firstInvitation = organiser.locator("article").filter({ hasText: "Uitnodiging:" }).first();
    const icsLink = firstInvitation.getByRole("link", { name: /\.ics$/ });
    await firstInvitation.getByRole("heading", { name: "Bijlagen" }).waitFor();
    await firstInvitation.getByText(/text\/calendar/).waitFor();
    const icsHref = (await icsLink.getAttribute("href")) ?? "";
    expect(await (await fetch(`${server.url}${icsHref}`)).text()).toContain("BEGIN:VCALENDAR");

    // Carla's private calendar feed now carries the four sessions.
    await carla.reload();
    const subscribe = carla.getByRole("link", { name: "Abonneren in je agenda-app" });
    expect(await subscribe.getAttribute("href")).toMatch(/^webcal:\/\/.+\/calendar\/[\w-]+\.ics$/);
    const feedUrl = await carla.getByLabel("Of kopieer de link").inputValue();
    const feed = await (await fetch(feedUrl)).text();
    expect(feed.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    expect(feed).toContain("DTSTART:20271028T130000Z");
    expect(await axeViolations(carla)).toEqual([]);
    await organiser.context().close();
    await carla.context().close();
  });
});
