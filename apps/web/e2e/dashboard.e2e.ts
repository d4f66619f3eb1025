import type { RunningReeks } from "@reeks/server";
import { axeViolations, launchChromium, startTestServer } from "@reeks/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DASHBOARD = "/reeksen/uitvoering-op-zn-kop/dashboard";

describe("organiser dashboard", () => {
  let server: RunningReeks;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
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
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("is reachable from the series on the home page", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole("link", { name: "Dashboard voor organisatoren" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(DASHBOARD);
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
});
