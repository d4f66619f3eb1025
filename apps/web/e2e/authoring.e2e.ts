import { callerFor } from "@reeks/api/testing";
import { Administrator, eq, Participant, Person, Series, Session } from "@reeks/db";
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

  it("the organiser publishes; a person registers answering a custom question; a changed date mails SEQUENCE 1", async () => {
    const db = server.database.db;
    const series = await db.query.Series.findFirst({ where: eq(Series.slug, "digitale-overheid-2027") });
    const olga = await db.query.Person.findFirst({ where: eq(Person.email, "olga@digitaal.test") });
    const seriesId = series?.id ?? "";
    const organiser = callerFor(server.database, { personId: olga?.id ?? "" });
    let edit = await organiser.authoring.get({ seriesId });
    for (const n of [1, 2, 3]) {
      edit = await organiser.authoring.addTheme({
        seriesId,
        expectedVersion: edit.version,
        texts: {
          title: { nl: `Thema ${n}`, en: `Theme ${n}` },
          guidingQuestion: { nl: `Vraag ${n}?`, en: `Question ${n}?` },
          description: { nl: `Over thema ${n}.`, en: `About theme ${n}.` },
        },
      });
    }
    edit = await organiser.authoring.update({
      seriesId,
      expectedVersion: edit.version,
      settings: { description: { nl: "Een reeks.", en: "A series." } },
      registration: {
        ...edit.registration,
        consentText: { nl: "Ik geef toestemming voor de verwerking.", en: "I consent to the processing." },
        consentPurpose: { nl: "Om je uit te nodigen.", en: "To invite you." },
        questions: [
          {
            id: "sector",
            kind: "choice",
            label: { nl: "In welke sector werk je?", en: "Which sector do you work in?" },
            required: true,
            choices: [
              { nl: "Gemeente", en: "Municipality" },
              { nl: "Rijk", en: "Central government" },
            ],
          },
        ],
      },
    });
    edit = await organiser.authoring.publish({ seriesId, expectedVersion: edit.version });

    const page = await newPage(browser, "nl");
    await page.goto(`${server.url}/reeksen/digitale-overheid-2027/aanmelden`);
    await page.getByRole("heading", { level: 1, name: /Digitale overheid 2027/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/^Naam/).focus();
    await typeAndTab(page, "Piet Pieters");
    await typeAndTab(page, "piet@gemeente.test");
    await typeAndTab(page, "Gemeente Ede");
    await typeAndTab(page, "Adviseur");
    await page.getByLabel("Rijk").focus();
    await page.keyboard.press("Space");
    await page.getByLabel(/Ik geef toestemming voor de verwerking/).focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .getByText(/piet@gemeente\.test/)
      .waitFor();
    const [piet] = await db
      .select({ id: Participant.id, answers: Participant.answers })
      .from(Participant)
      .innerJoin(Person, eq(Person.id, Participant.personId))
      .where(eq(Person.email, "piet@gemeente.test"));
    expect(piet?.answers).toEqual({ sector: "1" });

    // Approved, he gets the invitations; moving the date sends the update.
    await db
      .update(Participant)
      .set({ status: "approved" })
      .where(eq(Participant.id, piet?.id ?? ""));
    const sessionId = edit.sessions[0]?.id ?? "";
    edit = await organiser.authoring.setSessionDate({
      seriesId,
      expectedVersion: edit.version,
      sessionId,
      startsAt: "2031-03-04T14:00:00.000Z",
    });
    // The organiser moves it a week in the editor: 4 March 15:00 in Amsterdam becomes 11 March.
    const editor = await newPage(browser, "nl");
    await signInBrowser(editor, server, "olga@digitaal.test");
    await editor.goto(`${server.url}/reeksen/digitale-overheid-2027/bewerken`);
    const dates = editor.getByLabel("Datum en begintijd (Europe/Amsterdam)");
    await dates.first().waitFor();
    const values = await dates.evaluateAll((inputs) =>
      inputs.map((input) => (input as HTMLInputElement).value),
    );
    const field = dates.nth(values.indexOf("2031-03-04T15:00"));
    await field.fill("2031-03-11T15:00");
    await field.focus();
    await editor.keyboard.press("Enter");
    await expect
      .poll(async () => (await db.query.Session.findFirst({ where: eq(Session.id, sessionId) }))?.startsAt)
      .toEqual(new Date("2031-03-11T14:00:00.000Z"));
    const update = await server.mailSink?.waitFor(
      (m) => m.to.includes("piet@gemeente.test") && m.subject.startsWith("Gewijzigd"),
    );
    expect(update?.attachments[0]?.content).toContain("SEQUENCE:1");
  });
});
