import { AuthVerification, DEMO_SERIES_SLUG, eq, Person, sql } from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { extractSignInLink, requestSignInLink, signInBrowser, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SERIES = `/reeksen/${DEMO_SERIES_SLUG}`;
const HOSTILE_MOTIVATION = `<img src=x onerror="window.__pwned=1"> Ik wil leren.`;

async function expectAxeClean(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

async function newPage(browser: Browser, language: "nl" | "en" = "nl") {
  const context = await browser.newContext();
  // The starting language; a switch in the page is kept across reloads, as for a real person.
  await context.addInitScript((lang) => {
    if (!window.localStorage.getItem("reeks.language")) window.localStorage.setItem("reeks.language", lang);
  }, language);
  return context.newPage();
}

describe("accounts: register, confirm, approve", () => {
  let server: RunningReeks;
  let browser: Browser;
  let firstLink = "";
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    await createParticipant(server.database.db, {
      email: "olga@vgs.test",
      name: "Olga Organisator",
      seriesSlug: DEMO_SERIES_SLUG,
      role: "organiser",
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("takes a new person from the home page to member of the series", async () => {
    const page = await newPage(browser);
    await page.goto(server.url);
    await page.getByRole("link", { name: "Aanmelden voor deze reeks" }).click();
    await page.getByRole("heading", { level: 1, name: /Aanmelden voor/ }).waitFor();
    await expectAxeClean(page);

    await page.getByLabel("Naam").fill("Anne de Vries");
    await page.getByLabel("E-mailadres").fill("Anne@Zuidhorn.test");
    await page.getByLabel("Organisatie").fill("Gemeente Zuidhorn");
    await page.getByLabel("Functie").fill("Gemeentesecretaris");
    await page.getByLabel("Motivatie (optioneel)").fill(HOSTILE_MOTIVATION);
    await page.getByLabel("Ik doe mee aan alle vier de webinars.").check();
    await page.getByLabel(/Ik geef toestemming/).check();
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await page
      .getByRole("status")
      .getByText(/We hebben een e-mail gestuurd naar anne@zuidhorn\.test/)
      .waitFor();
    await expectAxeClean(page);

    const mail = await server.mailSink?.waitFor((m) => m.to.includes("anne@zuidhorn.test"));
    expect(mail?.subject).toBe("Bevestig je aanmelding voor “Uitvoering op z'n Kop”");
    firstLink = extractSignInLink(mail?.text ?? "");
    await page.goto(firstLink);
    await page.waitForURL(`${server.url}${SERIES}`);
    await page.getByRole("heading", { name: "Wacht op goedkeuring" }).waitFor();
    await page.getByText("Je aanmelding wacht op goedkeuring door de organisatie.").waitFor();
    await expectAxeClean(page);
    // Switching the app to English also makes her mails English from now on.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Awaiting approval" }).waitFor();
    await page.getByText("Your registration is awaiting approval by the organisers.").waitFor();
    await expectAxeClean(page);
    await expect
      .poll(
        async () =>
          (await server.database.db.query.Person.findFirst({ where: eq(Person.email, "anne@zuidhorn.test") }))
            ?.locale,
      )
      .toBe("en");

    const organiser = await newPage(browser);
    await signInBrowser(organiser, server, "olga@vgs.test", { callbackPath: `${SERIES}/aanmeldingen` });
    await organiser.getByRole("heading", { level: 1, name: /Aanmeldingen/ }).waitFor();
    const row = organiser.locator('tr[data-email="anne@zuidhorn.test"]');
    await row.waitFor();
    // Free text is shown as text: the markup arrives literally and never runs.
    await expect.poll(() => row.locator("td.motivation").textContent()).toBe(HOSTILE_MOTIVATION);
    expect(
      await organiser.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    await expectAxeClean(organiser);
    await organiser.getByRole("button", { name: "Goedkeuren: Anne de Vries" }).click();
    await organiser.getByText("Opgeslagen: Anne de Vries — Goedgekeurd.").waitFor();
    const approvalMail = await server.mailSink?.waitFor(
      (m) => m.to.includes("anne@zuidhorn.test") && m.subject.includes("has been approved"),
    );
    expect(approvalMail?.text).toContain(`${server.url}${SERIES}`);

    await page.reload();
    await page.getByText("You are a participant in this series.").waitFor();
    await page.getByRole("heading", { name: "Participants" }).waitFor();
    await page.getByRole("listitem").filter({ hasText: "Anne de Vries" }).waitFor();
    await expectAxeClean(page);
    await page.context().close();
    await organiser.context().close();
  });

  it("words registration and sign-in errors per field, in the reader's language, and focuses the first", async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}${SERIES}/aanmelden`);
    await page.getByRole("heading", { level: 1, name: /Aanmelden voor/ }).waitFor();
    await page.getByLabel("E-mailadres").fill("anne@");
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await page.getByText("Vul je naam in", { exact: true }).waitFor();
    await page.getByText("Vul een e-mailadres in zoals naam@gemeente.nl").waitFor();
    await page.getByText("Vul je organisatie in", { exact: true }).waitFor();
    await page.getByText("Vul je functie in", { exact: true }).waitFor();
    await page.getByText("Geef toestemming om je aan te melden").waitFor();
    await page.getByRole("alert").getByText("Er zijn 5 velden die nog aandacht nodig hebben.").waitFor();
    expect(await page.locator("body").textContent()).not.toMatch(/Te kort|Ongeldig|verwacht dat/);
    // The first field at fault has the focus, and says why to a screen reader.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("reg-name");
    await expect
      .poll(() => page.getByRole("textbox", { name: /Naam/ }).getAttribute("aria-invalid"))
      .toBe("true");
    await page.getByLabel("E-mailadres").fill("");
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await page.getByText("Vul je e-mailadres in", { exact: true }).waitFor();
    await expectAxeClean(page);
    // A language switch rewords the errors already shown.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByText("Enter your name", { exact: true }).waitFor();
    await page.getByText("Enter your e-mail address", { exact: true }).waitFor();

    await page.goto(`${server.url}/inloggen`);
    await page.getByRole("button", { name: /Send/ }).click();
    await page.getByText("Enter your e-mail address", { exact: true }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("email");
    await page.context().close();
  });

  it("refuses a second use of the same link with a clear message", async () => {
    const page = await newPage(browser);
    await page.goto(firstLink);
    await page.waitForURL(/\/inloggen\?error=INVALID_TOKEN/);
    await page
      .getByRole("alert")
      .getByText("Deze inloglink is al gebruikt of verlopen. Vraag hieronder een nieuwe aan.")
      .waitFor();
    const cookies = await page.context().cookies(server.url);
    expect(cookies.filter((c) => c.name.endsWith("session_token"))).toEqual([]);
    await expectAxeClean(page);
    await page.context().close();
  });

  it("refuses an expired link, in English for an English visitor", async () => {
    const link = await requestSignInLink(server, "anne@zuidhorn.test");
    await server.database.db
      .update(AuthVerification)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(sql`${AuthVerification.value} like '%anne@zuidhorn.test%'`);
    const page = await newPage(browser, "en");
    await page.goto(link);
    await page.waitForURL(/\/inloggen\?error=INVALID_TOKEN/);
    await page
      .getByRole("alert")
      .getByText("This sign-in link has already been used or has expired.", { exact: false })
      .waitFor();
    await expectAxeClean(page);
    await page.context().close();
  });

  it("is axe clean on every new page in both languages", async () => {
    for (const language of ["nl", "en"] as const) {
      const visitor = await newPage(browser, language);
      for (const path of ["/inloggen", `${SERIES}/aanmelden`, SERIES, "/dev/outbox", "/mijn-gegevens"]) {
        await visitor.goto(`${server.url}${path}`);
        await visitor.getByRole("heading", { level: 1 }).waitFor();
        await visitor.waitForLoadState("networkidle");
        expect(await visitor.locator("html").getAttribute("lang")).toBe(language);
        expect(await axeViolations(visitor), `${language} ${path} (anonymous)`).toEqual([]);
      }
      await visitor.context().close();

      const organiser = await newPage(browser, language);
      await signInBrowser(organiser, server, "olga@vgs.test");
      for (const path of [SERIES, `${SERIES}/aanmeldingen`, "/mijn-gegevens"]) {
        await organiser.goto(`${server.url}${path}`);
        await organiser.getByRole("heading", { level: 1 }).waitFor();
        await organiser.waitForLoadState("networkidle");
        expect(await axeViolations(organiser), `${language} ${path} (organiser)`).toEqual([]);
      }
      await organiser.context().close();
    }
  });

  it("lets a person download their data and erase their account", async () => {
    await createParticipant(server.database.db, {
      email: "erik@zuidhorn.test",
      name: "Erik Weg",
      seriesSlug: DEMO_SERIES_SLUG,
    });
    const page = await newPage(browser);
    await signInBrowser(page, server, "erik@zuidhorn.test", { callbackPath: "/mijn-gegevens" });
    await page.getByRole("heading", { level: 1, name: "Mijn gegevens" }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download mijn gegevens (JSON)" }).click(),
    ]);
    const path = await download.path();
    const { readFile } = await import("node:fs/promises");
    const data = JSON.parse(await readFile(path, "utf8")) as {
      readme: { summary: string };
      profile: { email: string };
    };
    expect(data.profile.email).toBe("erik@zuidhorn.test");
    expect(data.readme.summary).toMatch(/alle gegevens die Reeks over jou bewaart/);

    // The same, as a page to read and print.
    await page.getByRole("link", { name: "Samenvatting bekijken en afdrukken" }).click();
    await page.getByRole("heading", { level: 1, name: "Samenvatting van mijn gegevens" }).waitFor();
    await page.getByText("erik@zuidhorn.test").waitFor();
    await page.getByRole("button", { name: "Afdrukken" }).waitFor();
    await expectAxeClean(page);
    // Printed, the page is the summary alone: no site header, no buttons.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Afdrukken" }).isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("link", { name: "Terug naar Mijn gegevens" }).click();

    await page.getByLabel("Ik begrijp dat dit definitief is.").check();
    await page.getByRole("button", { name: "Wis mijn account" }).click();
    await page.getByText("Je account is gewist.").waitFor();
    await page.goto(`${server.url}/mijn-gegevens`);
    await page.getByRole("link", { name: "Log in om je gegevens te zien." }).waitFor();
    await page.context().close();

    // The organiser sees the erased account counted but not named, with nothing to act on.
    const organiser = await newPage(browser);
    await signInBrowser(organiser, server, "olga@vgs.test", { callbackPath: `${SERIES}/aanmeldingen` });
    await organiser.getByRole("heading", { level: 1, name: /Aanmeldingen/ }).waitFor();
    const erased = organiser.locator("tr").filter({ hasText: "Verwijderd account" });
    await erased.first().waitFor();
    expect(await erased.count()).toBe(1);
    expect(await erased.getByRole("button").count()).toBe(0);
    expect(await erased.getByRole("combobox").count()).toBe(0);
    expect(await organiser.locator("body").textContent()).not.toContain("erased.invalid");
    await organiser.context().close();
  });
});
