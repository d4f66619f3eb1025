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

  /** What has focus, as a person hears it: role, name, checked state, and the radio group it is in. */
  function focused(page: Page) {
    return page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const input = el instanceof HTMLInputElement ? el : null;
      const group = el?.closest("[role=radiogroup]");
      return {
        tag: el?.tagName.toLowerCase() ?? "",
        type: input?.type ?? "",
        name: (
          el?.getAttribute("aria-label") ??
          input?.closest("label")?.textContent ??
          el?.textContent ??
          ""
        )
          .replace(/[✓~✗]/g, "")
          .trim(),
        checked: input?.checked ?? false,
        group: group?.getAttribute("aria-label") ?? "",
        inDialog: Boolean(el?.closest("dialog, [role=dialog], [role=alertdialog]")),
      };
    });
  }
  type Focus = Awaited<ReturnType<typeof focused>>;

  /** Presses Tab until what has focus matches, as a keyboard user would; fails after 80 presses. */
  async function tabTo(page: Page, matches: (f: Focus) => boolean): Promise<Focus> {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const now = await focused(page);
      if (matches(now)) return now;
    }
    throw new Error(`Tab never reached it; focus is on ${JSON.stringify(await focused(page))}`);
  }
  const isRadio = (f: Focus) => f.type === "radio";
  const isButton = (name: string) => (f: Focus) => f.tag === "button" && f.name === name;

  /** Per date (radio group, in order): the chosen answer's name, or "" when none is chosen. */
  function chosen(page: Page) {
    return page
      .getByRole("radiogroup")
      .evaluateAll((groups) =>
        groups.map(
          (g) =>
            (g.querySelector("input:checked") as HTMLInputElement | null)
              ?.closest("label")
              ?.textContent?.replace(/[✓~✗]/g, "")
              .trim() ?? "",
        ),
      );
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

    // Anne answers with the mouse: everything yes in one go.
    const anne = await signedInPage("anne@gemeente.test", AVAILABILITY);
    await anne.getByRole("button", { name: "Alles op ja" }).click();
    await anne.getByText("5 van 5 data beantwoord").waitFor();
    await anne.getByRole("button", { name: "Antwoorden opslaan" }).click();
    await anne.getByRole("status").filter({ hasText: "opgeslagen" }).waitFor();
    await anne.context().close();

    // Bart only with the keyboard: "Alles op ja", then arrow keys change two dates, Enter saves.
    const bart = await signedInPage("bart@gemeente.test", AVAILABILITY);
    await bart.getByRole("radiogroup").first().waitFor();
    await tabTo(bart, isButton("Alles op ja"));
    await bart.keyboard.press("Enter");
    await bart.getByText("5 van 5 data beantwoord").waitFor();
    // Tab enters a date's group on its chosen answer; one Tab stop per date.
    expect(await tabTo(bart, isRadio)).toMatchObject({
      group: "dinsdag 26 oktober 2027, 15:00–16:30",
      name: "Ja",
      checked: true,
    });
    await bart.keyboard.press("ArrowRight");
    await bart.keyboard.press("ArrowRight");
    expect(await focused(bart)).toMatchObject({ name: "Nee", checked: true });
    expect(await tabTo(bart, isRadio)).toMatchObject({ group: "donderdag 28 oktober 2027, 15:00–16:30" });
    expect(await tabTo(bart, isRadio)).toMatchObject({ group: "dinsdag 16 november 2027, 15:00–16:30" });
    await bart.keyboard.press("ArrowRight");
    expect(await focused(bart)).toMatchObject({ name: "Als het moet", checked: true });
    await tabTo(bart, isButton("Antwoorden opslaan"));
    await bart.keyboard.press("Enter");
    await bart.getByRole("status").filter({ hasText: "opgeslagen" }).waitFor();
    await bart.reload();
    await bart.getByRole("radiogroup").first().waitFor();
    await expect.poll(() => chosen(bart)).toEqual(["Nee", "Ja", "Als het moet", "Ja", "Ja"]);
    await bart.context().close();

    // Carla too, with a comment: arrows to "Nee", Enter opens the comment field, Space says "Ja".
    const carla = await signedInPage("carla@gemeente.test", AVAILABILITY);
    await carla.getByRole("radiogroup").first().waitFor();
    // The deadline in words, not as an ISO date.
    await carla
      .getByText("Je kunt je antwoorden wijzigen tot en met 1 januari 2099.", { exact: false })
      .waitFor();
    expect(await axeViolations(carla)).toEqual([]);
    for (let slot = 0; slot < SLOTS.length; slot++) {
      await tabTo(carla, isRadio);
      if (slot === 0) {
        await carla.keyboard.press("ArrowRight"); // "Als het moet"
        await carla.keyboard.press("ArrowRight"); // "Nee"
        expect(await focused(carla)).toMatchObject({ name: "Nee", checked: true });
        await carla.keyboard.press("Tab");
        expect(await focused(carla)).toMatchObject({
          name: "Opmerking bij dinsdag 26 oktober 2027, 15:00–16:30",
        });
        await carla.keyboard.press("Enter");
        await expect.poll(() => focused(carla)).toMatchObject({ tag: "input", type: "text" });
        await carla.keyboard.type("Dan zit ik in de raad");
      } else {
        await carla.keyboard.press("Space"); // "Ja"
        expect(await focused(carla)).toMatchObject({ name: "Ja", checked: true });
      }
    }
    await tabTo(carla, isButton("Antwoorden opslaan"));
    await carla.keyboard.press("Enter");
    await carla.getByRole("status").filter({ hasText: "opgeslagen" }).waitFor();
    expect(await chosen(carla)).toEqual(["Nee", "Ja", "Ja", "Ja", "Ja"]);

    // The organiser sees everyone's answers and the recommended plan, and confirms it by keyboard.
    await organiser.reload();
    const grid = organiser.locator("table.answers-grid");
    await expect.poll(() => grid.locator("tbody tr").count()).toBe(4);
    // Each cell names its answer in words; the row and column headers name the person and the date.
    const bartRow = grid
      .locator("tbody tr")
      .filter({ has: organiser.getByRole("rowheader", { name: "bart" }) });
    expect(await bartRow.locator("td").first().textContent()).toContain("✗");
    expect(await bartRow.locator("td .visually-hidden").allTextContents()).toEqual([
      "Nee",
      "Ja",
      "Als het moet",
      "Ja",
      "Ja",
    ]);
    // The heatmap counts per date, in text.
    expect(await grid.locator("tr.grid-count-yes td").allTextContents()).toEqual(["1", "3", "2", "3", "3"]);
    expect(await grid.locator("tr.grid-count-no td").allTextContents()).toEqual(["2", "0", "0", "0", "0"]);
    await organiser
      .locator(".grid-comments")
      .getByText("carla, dinsdag 26 oktober 2027, 15:00–16:30: Dan zit ik in de raad")
      .waitFor();
    const plan = organiser.locator("article.plan").first();
    await plan.getByText("3 van 3 kunnen bij alle sessies").waitFor();
    await plan.getByText("Iedereen die antwoordde kan bij alle sessies.").waitFor();
    await plan.getByText("Alleen als het moet: bart bij sessie 2.").waitFor();
    expect(await plan.locator("li").first().textContent()).toContain(
      "donderdag 28 oktober 2027, 15:00–16:30",
    );
    // An alternative says who would miss what, in a sentence.
    await organiser
      .locator("article.plan")
      .getByText(/^Bij dit plan mist (bart sessie 1 en carla|carla sessie 1 en bart) sessie 1\.$/)
      .first()
      .waitFor();
    expect(await axeViolations(organiser)).toEqual([]);
    // Confirming asks first, saying who will be mailed; Escape cancels, sends nothing, and gives
    // focus back to the button.
    await tabTo(organiser, isButton("Bevestig dit plan"));
    await organiser.keyboard.press("Enter");
    const dialog = organiser.getByRole("alertdialog", { name: "Dit plan bevestigen?" });
    await dialog
      .getByText("Alle 4 deelnemers krijgen per sessie een uitnodiging per e-mail", { exact: false })
      .waitFor();
    expect(await focused(organiser)).toMatchObject({ inDialog: true });
    expect(await axeViolations(organiser)).toEqual([]);
    await organiser.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await focused(organiser)).toMatchObject({ tag: "button", name: "Bevestig dit plan" });
    await organiser.keyboard.press("Enter");
    await dialog.waitFor();
    // Focus starts on the choice that sends nothing; the mails go only on a deliberate step.
    expect(await focused(organiser)).toMatchObject({ name: "Annuleren" });
    await organiser.keyboard.press("Shift+Tab");
    expect(await focused(organiser)).toMatchObject({ name: "Bevestigen en uitnodigingen versturen" });
    await organiser.keyboard.press("Enter");
    await organiser.getByText("De sessies zijn ingepland.").waitFor();
    // Focus continues at the confirmed plan, not at the top of the page.
    await expect.poll(() => focused(organiser)).toMatchObject({ tag: "h2", name: "Bevestigd plan" });

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
