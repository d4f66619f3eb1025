import { callerFor } from "@reeks/api/testing";
import { Administrator, asc, eq, Series, Session, Theme } from "@reeks/db";
import { createPerson } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SLUG = "digitale-overheid-2027";
const EDITOR = `/reeksen/${SLUG}/bewerken`;
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

async function newPage(browser: Browser, language: "nl" | "en") {
  const context = await browser.newContext({ viewport: LAPTOP });
  await context.addInitScript((lang) => {
    if (!window.localStorage.getItem("reeks.language")) window.localStorage.setItem("reeks.language", lang);
  }, language);
  const page = await context.newPage();
  // A page that breaks says why in the test output, not only by a timeout.
  page.on("pageerror", (error) => console.error(`[page] ${error.message}`));
  return page;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/** axe at a laptop's and a phone's size, back at the laptop's afterwards. */
async function axeAtBothSizes(page: Page) {
  const found: unknown[] = [];
  for (const size of [LAPTOP, PHONE]) {
    await page.setViewportSize(size);
    found.push(...(await axeViolations(page)));
  }
  await page.setViewportSize(LAPTOP);
  return found;
}

describe("an organiser makes a series ready and publishes it in the browser, by keyboard", () => {
  let server: RunningReeks;
  let browser: Browser;
  let seriesId = "";
  let themeIds: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const db = server.database.db;
    const admin = await createPerson(db, { email: "beheer@reeks.test", name: "Bea Beheer" });
    await db.insert(Administrator).values({ personId: admin.id });
    const asAdmin = callerFor(server.database, { personId: admin.id });
    const created = await asAdmin.administration.createSeries({
      slug: SLUG,
      title: { nl: "Digitale overheid 2027", en: "Digital government 2027" },
      organiser: "Vereniging Digitaal",
      languages: "both",
    });
    seriesId = created.id;
    for (const [email, name] of [
      ["olga@digitaal.test", "Olga Organisator"],
      ["oscar@digitaal.test", "Oscar Organisator"],
    ] as const) {
      await asAdmin.administration.appointOrganiser({
        seriesId,
        email,
        name,
        organisation: "Vereniging Digitaal",
        locale: "nl",
      });
    }
    // Three themes; theme 2 lacks its English guiding question, which the checklist must name.
    const olga = await db.query.Person.findFirst({
      where: (p, { eq: is }) => is(p.email, "olga@digitaal.test"),
    });
    const organiser = callerFor(server.database, { personId: olga?.id ?? "" });
    let edit = await organiser.authoring.get({ seriesId });
    for (const n of [1, 2, 3]) {
      edit = await organiser.authoring.addTheme({
        seriesId,
        expectedVersion: edit.version,
        texts: {
          title: { nl: `Thema ${n}`, en: `Theme ${n}` },
          guidingQuestion: { nl: `Vraag ${n}?`, en: n === 2 ? "" : `Question ${n}?` },
          description: { nl: `Over thema ${n}.`, en: `About theme ${n}.` },
        },
      });
    }
    await organiser.authoring.update({
      seriesId,
      expectedVersion: edit.version,
      settings: { description: { nl: "Een reeks over **digitale** overheid.", en: "A series." } },
      registration: {
        ...edit.registration,
        consentText: { nl: "Ik geef toestemming.", en: "I consent." },
        consentPurpose: { nl: "Om je uit te nodigen.", en: "To invite you." },
      },
    });
    themeIds = edit.themes.map((t) => t.id);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("edits a theme from the checklist, reorders themes, adds a session with a speaker and publishes (nl)", async () => {
    const db = server.database.db;
    const page = await newPage(browser, "nl");
    await signInBrowser(page, server, "olga@digitaal.test");
    await page.goto(`${server.url}${EDITOR}`);
    await page.getByRole("heading", { level: 1, name: "Digitale overheid 2027 bewerken" }).waitFor();

    // The checklist names what is missing, and its link leads to the field.
    const checklist = page.getByRole("list", { name: "Wat er nog ontbreekt" });
    const missing = checklist.getByRole("link", { name: "Thema 2: Leidende vraag ontbreekt (Engels)" });
    await missing.waitFor();
    expect(await checklist.getByRole("listitem").count()).toBe(1);
    await expect(page.getByRole("button", { name: "Publiceren" }).isDisabled()).resolves.toBe(true);
    expect(await page.getByText("Engels ontbreekt").count()).toBe(1);
    expect(await axeAtBothSizes(page)).toEqual([]);

    await missing.focus();
    await page.keyboard.press("Enter");
    expect(await focusedId(page)).toBe(`theme-${themeIds[1]}-guidingQuestion-en`);
    await page.keyboard.type("Question 2?");
    await page.keyboard.press("Enter");
    const theme2 = page.getByRole("form", { name: "Teksten van Thema 2" });
    await theme2.getByRole("status").getByText("Opgeslagen.").waitFor();
    await page.getByText("Alles is compleet. De reeks kan gepubliceerd worden.").waitFor();
    expect(await page.getByText("Engels ontbreekt").count()).toBe(0);
    const [stored] = await db
      .select()
      .from(Theme)
      .where(eq(Theme.id, themeIds[1] ?? ""));
    expect(stored?.guidingQuestion).toEqual({ nl: "Vraag 2?", en: "Question 2?" });

    // Theme 1 goes down twice by keyboard; focus stays on its button, and each move is announced.
    await page.getByRole("button", { name: "Omlaag: Thema 1" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("Thema 1 staat nu op plaats 2 van 3.").waitFor();
    expect(await focusedId(page)).toBe(`theme-${themeIds[0]}-move-down`);
    await page.keyboard.press("Space");
    await page.getByText("Thema 1 staat nu op plaats 3 van 3.").waitFor();
    // At the bottom "down" is disabled: focus moved to "up" of the same theme.
    expect(await focusedId(page)).toBe(`theme-${themeIds[0]}-move-up`);
    const order = await db
      .select({ id: Theme.id })
      .from(Theme)
      .where(eq(Theme.seriesId, seriesId))
      .orderBy(asc(Theme.position));
    expect(order.map((t) => t.id)).toEqual([themeIds[1], themeIds[2], themeIds[0]]);

    // A second session for theme 2 (now first), with a speaker required for scheduling.
    await page.getByRole("button", { name: "Sessie toevoegen aan Thema 2" }).focus();
    await page.keyboard.press("Enter");
    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Thema 2, sessie 2" }) });
    await card.waitFor();
    // A wrong duration is refused in words, with focus on the field.
    await card.getByLabel("Duur (minuten)").focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("5");
    await page.keyboard.press("Enter");
    await card.getByText("Vul een heel getal in van 15 tot 600").waitFor();
    expect(await card.getByLabel("Duur (minuten)").evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("75");

    await card.getByRole("button", { name: "Spreker of gast toevoegen" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focusedId(page)).toMatch(/^session-.+-speaker-0-name$/);
    for (const text of ["Sanne Spreker", "Gemeente Ede", "CIO", "Sanne leidt de digitale agenda."]) {
      await page.keyboard.type(text);
      await page.keyboard.press("Tab");
    }
    // The kind stays "Spreker"; Tab on to the checkbox.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    await card.getByRole("button", { name: "Sessie opslaan: Thema 2, sessie 2" }).focus();
    await page.keyboard.press("Enter");
    await card.getByRole("status").getByText("Opgeslagen.").first().waitFor();
    const sessions = await db
      .select()
      .from(Session)
      .where(eq(Session.themeId, themeIds[1] ?? ""));
    expect(sessions).toHaveLength(2);
    const added = sessions.find((s) => s.speakers.length > 0);
    expect(added?.durationMinutes).toBe(75);
    expect(added?.speakers).toEqual([
      {
        name: "Sanne Spreker",
        organisation: "Gemeente Ede",
        role: "CIO",
        bio: "Sanne leidt de digitale agenda.",
        kind: "speaker",
        requiredForScheduling: true,
      },
    ]);

    // A draft session moves to another theme: the first other theme in the list is theme 3.
    await card.getByRole("button", { name: "Verplaatsen: Thema 2, sessie 2" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Thema 3, sessie 2" }).waitFor();
    const [moved] = await db
      .select()
      .from(Session)
      .where(eq(Session.id, added?.id ?? ""));
    expect(moved?.themeId).toBe(themeIds[2]);

    // Complete: publish; the registration page is live.
    const publish = page.getByRole("button", { name: "Publiceren" });
    await expect(publish.isDisabled()).resolves.toBe(false);
    await publish.focus();
    await page.keyboard.press("Enter");
    await page.getByText("De reeks is gepubliceerd: de aanmeldpagina is open.").waitFor();
    const [series] = await db.select().from(Series).where(eq(Series.id, seriesId));
    expect(series?.status).toBe("published");
    expect(await axeAtBothSizes(page)).toEqual([]);
    await page.getByRole("link", { name: "Naar de aanmeldpagina" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: /Digitale overheid 2027/ }).waitFor();
    expect(page.url()).toBe(`${server.url}/reeksen/${SLUG}/aanmelden`);
  });

  it("duplicates in English, shows what the copy lacks, refuses a bad colour and logo, deletes the draft; axe clean", async () => {
    const db = server.database.db;
    const page = await newPage(browser, "en");
    await signInBrowser(page, server, "olga@digitaal.test");
    await page.goto(`${server.url}${EDITOR}`);
    await page.getByRole("heading", { level: 1, name: "Edit Digital government 2027" }).waitFor();
    await page.getByRole("button", { name: "Duplicate" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Duplicate the series" });
    await dialog.getByLabel("Web address (slug)").focus();
    await page.keyboard.type("digitale-overheid-2028");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/reeksen/digitale-overheid-2028/bewerken`);
    await page
      .getByText("This series is a draft.")
      .or(page.getByText("What is still missing"))
      .first()
      .waitFor();
    const [copy] = await db.select().from(Series).where(eq(Series.slug, "digitale-overheid-2028"));
    expect(copy?.status).toBe("draft");

    // Emptying the English description puts it on the checklist.
    const basics = page.getByRole("form", { name: "Basics" });
    await basics.getByLabel("Short description (English)").focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await basics.getByRole("button", { name: "Save basics" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: "Description of the series is missing (English)" }).waitFor();
    expect(await axeAtBothSizes(page)).toEqual([]);

    // Grey reads badly under white text and under black: refused while typing and on saving.
    await page.getByLabel("Accent colour", { exact: true }).focus();
    await page.keyboard.type("#808080");
    await page.getByText("Contrast 4.4:1, too low (at least 4.5:1).").waitFor();
    await page.keyboard.press("Enter");
    await page.getByText("Too little contrast (4.4:1); choose a colour with at least 4.5:1").waitFor();
    expect(await focusedId(page)).toBe("branding-accentColour");
    // The server's own check of a logo lands on the field, in the person's language.
    const logo = page.getByLabel("Logo (PNG or SVG)");
    await logo.setInputFiles({
      name: "logo.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from("not a picture"),
    });
    await page.getByText("The logo must be a PNG or SVG file.").waitFor();
    expect(await axeAtBothSizes(page)).toEqual([]);
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><script>alert(1)</script><rect width="80" height="40" fill="#154273"/></svg>';
    await logo.setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from(svg) });
    await page.getByText("Logo uploaded.").waitFor();
    await page.getByRole("img", { name: "Current logo" }).waitFor();

    // Deleting a draft asks first; Escape keeps it, confirming deletes it and leaves the page.
    await page.getByRole("button", { name: "Delete draft" }).focus();
    await page.keyboard.press("Enter");
    const confirm = page.getByRole("alertdialog", { name: "Delete the draft?" });
    await confirm.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await confirm.waitFor({ state: "detached" });
    expect(await db.select().from(Series).where(eq(Series.slug, "digitale-overheid-2028"))).toHaveLength(1);
    await page.getByRole("button", { name: "Delete draft" }).focus();
    await page.keyboard.press("Enter");
    await confirm.getByRole("button", { name: "Delete draft" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/`);
    expect(await db.select().from(Series).where(eq(Series.slug, "digitale-overheid-2028"))).toHaveLength(0);
  });

  it("a conflicting edit from a second organiser shows what changed and keeps what they typed", async () => {
    const db = server.database.db;
    const olga = await newPage(browser, "nl");
    const oscar = await newPage(browser, "nl");
    await signInBrowser(olga, server, "olga@digitaal.test");
    await signInBrowser(oscar, server, "oscar@digitaal.test");
    for (const page of [olga, oscar]) {
      await page.goto(`${server.url}${EDITOR}`);
      await page.getByLabel("Organiserende instantie").waitFor();
    }
    // Olga saves a new Dutch title first.
    await olga.getByRole("form", { name: "Basisgegevens" }).getByLabel("Titel (Nederlands)").focus();
    await olga.keyboard.press("Control+A");
    await olga.keyboard.type("Digitale overheid 2027–2028");
    await olga.keyboard.press("Enter");
    await olga.getByRole("form", { name: "Basisgegevens" }).getByText("Opgeslagen.").waitFor();

    // Oscar, on the version before, changes the organising body: refused, with Olga's change shown.
    await oscar.getByLabel("Organiserende instantie").focus();
    await oscar.keyboard.press("Control+A");
    await oscar.keyboard.type("Vereniging Digitaal Nederland");
    await oscar.keyboard.press("Enter");
    const alert = oscar
      .getByRole("alert")
      .filter({ hasText: "Iemand anders heeft deze reeks intussen gewijzigd" });
    await alert.waitFor();
    await alert.getByText("Reeks gewijzigd").waitFor();
    await alert.getByText("Digitale overheid 2027–2028").waitFor();
    expect(await alert.locator("del").allTextContents()).toContain("Digitale overheid 2027");
    expect(await oscar.getByLabel("Organiserende instantie").inputValue()).toBe(
      "Vereniging Digitaal Nederland",
    );
    expect(await axeViolations(oscar)).toEqual([]);

    // Saving again keeps both: his organising body and her title.
    await oscar.getByLabel("Organiserende instantie").focus();
    await oscar.keyboard.press("Enter");
    await oscar.getByRole("form", { name: "Basisgegevens" }).getByText("Opgeslagen.").waitFor();
    const [series] = await db.select().from(Series).where(eq(Series.id, seriesId));
    expect(series?.organiser).toBe("Vereniging Digitaal Nederland");
    expect(series?.title.nl).toBe("Digitale overheid 2027–2028");
  });
});
