import { DEMO_SERIES_SLUG } from "@reeks/db";
import type { RunningReeks } from "@reeks/server";
import { extractSignInLink, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("the one-time setup link", () => {
  let server: RunningReeks;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("makes the person who opens it the first administrator, and then works no more", async () => {
    const link = server.setupLink;
    expect(link).toMatch(/\/setup\/[A-Za-z0-9_-]{43}$/);
    const context = await browser.newContext();
    await context.addInitScript(() => window.localStorage.setItem("reeks.language", "en"));
    const page = await context.newPage();
    await page.goto(link ?? "");
    await page.getByRole("heading", { level: 1, name: "Set up Reeks" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // An invalid address is refused in place, on its field.
    await page.getByLabel("Name").fill("Bea Beheer");
    await page.getByLabel("E-mail address").fill("not-an-address");
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await expect.poll(() => page.getByLabel("E-mail address").getAttribute("aria-invalid")).toBe("true");
    await page.getByText("Enter a valid e-mail address.").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("setup-email");

    const sink = server.mailSink;
    if (!sink) throw new Error("no mail sink");
    await page.getByLabel("E-mail address").fill("Bea@Gemeente.test");
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await page
      .getByRole("status")
      .getByText(/A sign-in link is in the mailbox of Bea@Gemeente\.test/)
      .waitFor();
    const mail = await sink.waitFor((m) => m.to.includes("bea@gemeente.test"));

    await page.goto(extractSignInLink(mail.text));
    await page.getByText("You are signed in as Bea Beheer.", { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Become administrator" }).click();
    await page.getByRole("status").getByText("You are now the administrator of Reeks.").waitFor();

    await page.getByRole("link", { name: `Review registrations of ${DEMO_SERIES_SLUG}` }).click();
    await page.waitForURL(`**/reeksen/${DEMO_SERIES_SLUG}/aanmeldingen`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);

    // The link is spent.
    await page.goto(link ?? "");
    await page
      .getByRole("alert")
      .getByText("Reeks already has an administrator.", { exact: false })
      .waitFor();
    await context.close();
  });
});
