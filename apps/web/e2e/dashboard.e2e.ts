import { readFile } from "node:fs/promises";
import { DEMO_SERIES_SLUG, eq, Series, Session } from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import { readDocx } from "@reeks/exports/test-readers";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser, signInCookie, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DASHBOARD = "/reeksen/uitvoering-op-zn-kop/dashboard";

describe("organiser dashboard", () => {
  let server: RunningReeks;
  let browser: Browser;
  let seriesId = "";
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const db = server.database.db;
    const people = [
      { email: "olga@vgs.test", name: "Olga Organisator", role: "organiser" as const },
      { email: "mo@vgs.test", name: "Mo Moderator", role: "moderator" as const },
      { email: "anne@zuidhorn.test", name: "Anne de Vries", role: "member" as const },
    ];
    for (const p of people) await createParticipant(db, { ...p, seriesSlug: DEMO_SERIES_SLUG });
    const series = await db.query.Series.findFirst({ where: eq(Series.slug, DEMO_SERIES_SLUG) });
    seriesId = series?.id ?? "";
    // The first webinar has been held (nobody's attendance is known yet, so everyone shows as absent).
    await db
      .update(Session)
      .set({ status: "ended", startsAt: new Date("2026-03-12T14:00:00Z") })
      .where(eq(Session.position, 1));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("tells a visitor who is not signed in to sign in as organiser, and offers no documents", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${DASHBOARD}`);
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("Log in als organisator van deze reeks om het dashboard te zien.");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Dashboard: Uitvoering op z'n Kop",
    );
    expect(await page.getByRole("button", { name: /als Word/ }).count()).toBe(0);
    expect(await page.getByRole("table").count()).toBe(0);
    expect(
      await page.locator("#main").getByRole("link", { name: "Inloggen", exact: true }).getAttribute("href"),
    ).toBe("/inloggen");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("refuses the export procedure over HTTP without a signed-in organiser", async () => {
    const response = await fetch(`${server.url}/api/trpc/exports.download`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        seriesId: "00000000-0000-4000-8000-000000000000",
        kind: "essay",
        format: "docx",
        locale: "nl",
      }),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain("base64");
  });

  it("lets the organiser see the matrix, mark an excusal and download the essay draft", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signInBrowser(page, server, "olga@vgs.test");
    // Organisers reach it from the series page.
    await page.goto(`${server.url}/reeksen/${DEMO_SERIES_SLUG}`);
    await page.getByRole("link", { name: "Dashboard en documenten" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(DASHBOARD);
    const matrix = page.getByRole("table", { name: /Minuten aanwezig en aandeel van de sessie/ });
    await matrix.waitFor();
    const rows = matrix.locator("tbody tr");
    expect(await rows.locator("th").allTextContents()).toEqual([
      "Anne de Vries",
      "Mo Moderator",
      "Olga Organisator",
    ]);
    expect(await rows.first().locator("td").allTextContents()).toEqual([
      "Gemeente Testdorp",
      "afwezig Afgemeld",
      "nog niet gehouden Afgemeld",
      "nog niet gehouden Afgemeld",
      "nog niet gehouden Afgemeld",
      "nee",
    ]);
    expect(await page.getByRole("heading", { name: "Afwezig zonder afmelding" }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    const excuse = page.getByRole("button", { name: "Afgemeld: Anne de Vries, sessie 1" });
    await excuse.click();
    await expect.poll(() => excuse.getAttribute("aria-pressed")).toBe("true");
    expect(await rows.first().locator("td").nth(1).textContent()).toBe("afgemeld Afgemeld");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Concept voor het essay als Word (DOCX)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("uitvoering-op-zn-kop-essay-concept.docx");
    const path = await download.path();
    const blocks = readDocx(await readFile(path));
    const headings = blocks.flatMap((b) =>
      b.type === "paragraph" && b.style === "Heading1" ? [b.text] : [],
    );
    expect(headings.filter((h) => h.startsWith("Thema "))).toHaveLength(4);
    const appendix = blocks.filter((b) => b.type === "table").at(-1);
    expect(appendix?.type === "table" && appendix.rows.find((r) => r[0] === "Anne de Vries")?.[2]).toBe(
      "afgemeld",
    );
    await page
      .getByRole("status")
      .getByText("uitvoering-op-zn-kop-essay-concept.docx is gedownload.")
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("shows a moderator that the dashboard is for organisers, without any document", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInBrowser(page, server, "mo@vgs.test");
    await page.goto(`${server.url}${DASHBOARD}`);
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("Alleen organisatoren van deze reeks kunnen het dashboard zien.");
    expect(await page.getByRole("button", { name: /als Word/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("refuses a member the export procedure over HTTP", async () => {
    const cookie = await signInCookie(server, "anne@zuidhorn.test");
    const response = await fetch(`${server.url}/api/trpc/exports.download`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: server.url },
      body: JSON.stringify({ seriesId, kind: "attendance", format: "csv", locale: "nl" }),
    });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("base64");
  });
});
