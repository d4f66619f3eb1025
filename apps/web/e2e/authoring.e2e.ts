import { Administrator, eq, Participant, Person, Series } from "@reeks/db";
import { createPerson } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

async function newPage(browser: Browser, language: "nl" | "en") {
  const context = await browser.newContext();
  await context.addInitScript((lang) => {
    if (!window.localStorage.getItem("reeks.language")) window.localStorage.setItem("reeks.language", lang);
  }, language);
  return context.newPage();
}

/** Types into the focused field, then Tab to the next one: the form is used by keyboard only. */
async function typeAndTab(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press("Tab");
}

describe("an administrator sets up a series by keyboard", () => {
  let server: RunningReeks;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const admin = await createPerson(server.database.db, { email: "beheer@reeks.test", name: "Bea Beheer" });
    await server.database.db.insert(Administrator).values({ personId: admin.id });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("creates “Digitale overheid 2027” in two languages and appoints an organiser (nl), axe clean", async () => {
    const page = await newPage(browser, "nl");
    await signInBrowser(page, server, "beheer@reeks.test");
    await page.goto(`${server.url}/beheer`);
    await page.getByRole("heading", { level: 1, name: "Beheer" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel("Webadres (slug)").focus();
    // The demo's slug is taken: the form says so while typing.
    await page.keyboard.type("uitvoering-op-zn-kop");
    await page.getByText("Dit webadres is al in gebruik.").waitFor();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("digitale-overheid-2027");
    await page.getByText("Dit webadres is vrij.").waitFor();
    await page.keyboard.press("Tab");
    await typeAndTab(page, "Digitale overheid 2027");
    await typeAndTab(page, "Digital government 2027");
    await typeAndTab(page, "Vereniging Digitaal");
    // The language radios: "Nederlands en Engels" is the default; submit with Enter.
    await page.getByRole("button", { name: "Reeks aanmaken" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("Reeks digitale-overheid-2027 is aangemaakt als concept.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const series = await server.database.db.query.Series.findFirst({
      where: eq(Series.slug, "digitale-overheid-2027"),
    });
    expect(series).toMatchObject({
      status: "draft",
      languages: "both",
      title: { nl: "Digitale overheid 2027", en: "Digital government 2027" },
    });

    const entry = page.getByRole("form", { name: "Organisator aanstellen: Digitale overheid 2027" });
    await entry.getByLabel("E-mailadres").focus();
    await typeAndTab(page, "olga@digitaal.test");
    await typeAndTab(page, "Olga Organisator");
    await page.keyboard.type("Vereniging Digitaal");
    await page.keyboard.press("Enter");
    await page.getByText("olga@digitaal.test is organisator.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const [organiser] = await server.database.db
      .select({ role: Participant.role, status: Participant.status })
      .from(Participant)
      .innerJoin(Person, eq(Person.id, Participant.personId))
      .where(eq(Person.email, "olga@digitaal.test"));
    expect(organiser).toEqual({ role: "organiser", status: "approved" });
    // Nobody else sees the draft: the public home page does not list it.
    await page.goto(server.url);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByText("Digitale overheid 2027").count()).toBe(0);
  });

  it("is axe clean in English, and refuses someone who is not an administrator", async () => {
    const page = await newPage(browser, "en");
    await signInBrowser(page, server, "beheer@reeks.test");
    await page.goto(`${server.url}/beheer`);
    await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
    await page.getByRole("heading", { name: /Digital government 2027/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await createPerson(server.database.db, { email: "anne@gemeente.test" });
    const other = await newPage(browser, "en");
    await signInBrowser(other, server, "anne@gemeente.test");
    await other.goto(`${server.url}/beheer`);
    await other.getByText("Only administrators can use this page.").waitFor();
  });
});
