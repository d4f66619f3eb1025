import { DEMO_SERIES_SLUG } from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { launchChromium, recordCspViolations } from "@reeks/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("running on the machine itself, without PUBLIC_URL", () => {
  let server: RunningReeks;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    await createParticipant(server.database.db, {
      email: "lotte@gemeente.test",
      name: "Lotte Localhost",
      seriesSlug: DEMO_SERIES_SLUG,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("signs in from http://localhost, with the link from the dev outbox, and no CSP violation", async () => {
    // The README sends people to localhost; the server listens on (and names itself) 127.0.0.1.
    const localhost = `http://localhost:${server.port}`;
    const page = await (await browser.newContext()).newPage();
    const csp = recordCspViolations(page);

    await page.goto(`${localhost}/inloggen`);
    await page.getByLabel("E-mailadres").fill("lotte@gemeente.test");
    await page.getByRole("button", { name: "Stuur mij een inloglink" }).click();
    await page.getByText(/staat er nu een inloglink in je mailbox/).waitFor();

    await page.goto(`${localhost}/dev/outbox`);
    await page
      .getByRole("link", { name: /\/api\/auth\/magic-link\/verify/ })
      .first()
      .click();
    await page.getByText("Ingelogd als Lotte Localhost").waitFor();
    await page.goto(`${localhost}/reeksen/${DEMO_SERIES_SLUG}`);
    await page.getByText("Ingelogd als Lotte Localhost").waitFor();
    // One origin throughout: the one links and cookies are for.
    expect(new URL(page.url()).origin).toBe(server.url);

    for (const path of ["/", "/verbinding-testen", "/mijn-gegevens"]) {
      await page.goto(`${server.url}${path}`);
      await page.locator("h1").first().waitFor();
    }
    expect(csp).toEqual([]);
  });
});
