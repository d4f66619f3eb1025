import { execFileSync } from "node:child_process";
import { AttendanceInterval, DEMO_SERIES_SLUG, eq, Session } from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CERTIFICATES = `/reeksen/${DEMO_SERIES_SLUG}/certificaten`;

async function inLanguage(page: Page, server: RunningReeks, language: "nl" | "en", path: string) {
  await page.goto(`${server.url}/`);
  await page.evaluate((lang) => localStorage.setItem("reeks.language", lang), language);
  await page.goto(`${server.url}${path}`);
}

describe("certificates of attendance and the accessibility statement", () => {
  let server: RunningReeks;
  let browser: Browser;
  let verificationPath = "";
  let firstSessionId = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const db = server.database.db;
    await createParticipant(db, {
      email: "olga@vgs.test",
      name: "Olga Organisator",
      seriesSlug: DEMO_SERIES_SLUG,
      role: "organiser",
    });
    const anne = await createParticipant(db, {
      email: "umit@zuidhorn.test",
      name: "Ümit Çelik",
      seriesSlug: DEMO_SERIES_SLUG,
      locale: "nl",
    });
    const bart = await createParticipant(db, {
      email: "bart@zwolle.test",
      name: "Bart Jansen",
      seriesSlug: DEMO_SERIES_SLUG,
    });
    const start = new Date("2026-03-12T14:00:00Z");
    const [first] = await db
      .update(Session)
      .set({ status: "ended", startsAt: start, durationMinutes: 90 })
      .where(eq(Session.position, 1))
      .returning();
    firstSessionId = first?.id ?? "";
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const stay = (participantId: string, from: number, to: number) => ({
      sessionId: first?.id ?? "",
      participantId,
      joinedAt: at(from),
      leftAt: at(to),
      source: "webhook" as const,
    });
    // Ümit left for ten minutes and came back (75 of 90 minutes); Bart stayed half an hour.
    await db
      .insert(AttendanceInterval)
      .values([
        stay(anne.participantId, 0, 45),
        stay(anne.participantId, 55, 85),
        stay(bart.participantId, 0, 30),
      ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the organiser issues, the member downloads from Mijn gegevens, the public page says valid", async () => {
    const organiser = await browser.newPage();
    await signInBrowser(organiser, server, "olga@vgs.test");
    await organiser.goto(`${server.url}/reeksen/${DEMO_SERIES_SLUG}/dashboard`);
    await organiser.getByRole("link", { name: "Bewijzen van deelname" }).click();
    await expect.poll(() => new URL(organiser.url()).pathname).toBe(CERTIFICATES);
    await organiser.getByLabel("Voor").selectOption(firstSessionId);
    await organiser.getByLabel("Minimale aanwezigheid per sessie (%)").fill("75");
    await organiser.getByRole("button", { name: "Bekijk wie in aanmerking komt" }).click();
    const preview = organiser.getByRole("table", { name: /Aanwezigheid per deelnemer/ });
    await preview.waitFor();
    const row = (name: string) =>
      preview.getByRole("row").filter({ has: organiser.getByRole("rowheader", { name }) });
    expect(await row("Ümit Çelik").locator("td").allTextContents()).toEqual(["75 van 90 min", "ja"]);
    expect(await row("Bart Jansen").locator("td").allTextContents()).toEqual(["30 van 90 min", "nee"]);
    expect(await axeViolations(organiser)).toEqual([]);
    await organiser.getByRole("button", { name: "Geef de bewijzen uit" }).click();
    await expect
      .poll(() => organiser.getByRole("status").filter({ hasText: "uitgegeven" }).textContent())
      .toContain("1 bewijs uitgegeven");
    await organiser.getByRole("table", { name: "Uitgegeven bewijzen van deelname" }).waitFor();

    const mail = await server.mailSink?.waitFor((m) => m.to.includes("umit@zuidhorn.test"));
    expect(mail?.subject).toBe("Je bewijs van deelname aan “Uitvoering op z'n Kop”");
    expect(mail?.text).toContain(`${server.url}/mijn-gegevens`);

    const context = await browser.newContext({ acceptDownloads: true });
    const member = await context.newPage();
    await signInBrowser(member, server, "umit@zuidhorn.test");
    await member.goto(`${server.url}/mijn-gegevens`);
    const [download] = await Promise.all([
      member.waitForEvent("download"),
      member.getByRole("button", { name: /^Download PDF/ }).click(),
    ]);
    const text = execFileSync("pdftotext", ["-layout", await download.path(), "-"], { encoding: "utf8" });
    expect(text).toContain("Ümit Çelik");
    expect(text).toMatch(/90 min\s+75 min/);
    const url = text.match(/http:\/\/\S+\/verifieer\/[A-Za-z0-9_-]{24}/)?.[0] ?? "";
    expect(url.startsWith(server.url)).toBe(true);
    verificationPath = new URL(url).pathname;
    expect(await axeViolations(member)).toEqual([]);

    const visitor = await (await browser.newContext()).newPage();
    for (const language of ["nl", "en"] as const) {
      await inLanguage(visitor, server, language, verificationPath);
      const heading = language === "nl" ? "Geldig bewijs van deelname" : "Valid certificate of attendance";
      await visitor.getByRole("heading", { name: heading }).waitFor();
      expect(await visitor.locator(".verification-facts dd").allTextContents()).toEqual([
        "Ümit Çelik",
        language === "nl" ? "Uitvoering op z'n Kop" : "Uitvoering op z'n Kop (Execution turned upside down)",
      ]);
      expect(await axeViolations(visitor)).toEqual([]);
    }

    // The organiser revokes it; the public page then says so.
    await organiser.getByRole("button", { name: "Intrekken: het bewijs van Ümit Çelik" }).click();
    const dialog = organiser.getByRole("alertdialog");
    await dialog.getByLabel("Reden (optioneel, alleen voor de organisatie)").fill("Verkeerde sessie");
    await dialog.getByRole("button", { name: "Intrekken", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    await inLanguage(visitor, server, "nl", verificationPath);
    await visitor.getByRole("heading", { name: "Ingetrokken" }).waitFor();
    expect(await visitor.getByText("Dit bewijs van deelname is ingetrokken").isVisible()).toBe(true);
    expect(await axeViolations(visitor)).toEqual([]);
    await inLanguage(visitor, server, "nl", "/verifieer/AAAAAAAAAAAAAAAAAAAAAAAA");
    await visitor.getByRole("heading", { name: "Onbekend" }).waitFor();
    expect(await visitor.locator(".verification-facts").count()).toBe(0);
  });

  it("links the accessibility statement in the footer, in Dutch and English, axe clean", async () => {
    const page = await browser.newPage();
    for (const language of ["nl", "en"] as const) {
      await inLanguage(page, server, language, "/");
      const label = language === "nl" ? "Toegankelijkheidsverklaring" : "Accessibility statement";
      await page.getByRole("contentinfo").getByRole("link", { name: label }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe("/toegankelijkheid");
      await page.getByRole("heading", { level: 1, name: label }).waitFor();
      expect(await page.locator(".statement-status").textContent()).toBe(
        language === "nl" ? "Voldoet gedeeltelijk" : "Partially compliant",
      );
      expect(await page.getByRole("heading", { level: 3 }).count()).toBeGreaterThanOrEqual(4);
      expect(await axeViolations(page)).toEqual([]);
    }
  });
});
