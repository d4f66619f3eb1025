import { AgendaTimer, type Database, eq } from "@reeks/db";
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import { type Postgres, startPostgres } from "@reeks/testing/postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinFromPreJoin, signedInPage } from "./room-fixture";

/** Both instances sign sessions with this, so a cookie from one is good on the other. */
const AUTH_SECRET = "agenda-e2e-secret-agenda-e2e-secret-42";

/**
 * The agenda's timer in Chromium, with the moderator on one app instance and a member on a second
 * instance of the same PostgreSQL: the server keeps the clock and both browsers show the same time
 * left, also after a reload. The tests build on each other in order.
 */
describe("the agenda timer across two app instances", () => {
  let postgres: Postgres;
  let a: RunningReeks;
  let b: RunningReeks;
  let browser: Browser;
  let db: Database;
  let mod: Page;
  let member: Page;
  let sessionId: string;

  const secondsLeft = async (page: Page) =>
    Number(await page.getByTestId("agenda-clock").getAttribute("data-seconds-left"));
  /** Both pages read at (nearly) the same moment. */
  const bothLeft = () => Promise.all([secondsLeft(mod), secondsLeft(member)]);

  beforeAll(async () => {
    postgres = startPostgres(Number(process.env.REEKS_TEST_PG_PORT ?? 54329) + 23);
    const env = { DATABASE_URL: postgres.url, AUTH_SECRET };
    [a, browser] = await Promise.all([startTestServer(env), launchChromium()]);
    db = a.database.db;
    const { series, session } = await firstDemoSession(db);
    sessionId = session.id;
    await createParticipant(db, {
      email: "mo@vgs.test",
      name: "Mo Moderator",
      seriesId: series.id,
      role: "moderator",
    });
    await createParticipant(db, { email: "anne@gemeente.test", name: "Anne de Vries", seriesId: series.id });
    // Signed in before the second instance runs, whose mail worker could otherwise take the link's mail.
    mod = await signedInPage(browser, a, "mo@vgs.test");
    member = await signedInPage(browser, a, "anne@gemeente.test");
    b = await startTestServer(env);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await b?.stop();
    await a?.stop();
    postgres?.stop();
  });

  it("lets the moderator write the agenda on the waiting page, with keyboard reordering", async () => {
    await mod.goto(`${a.url}/sessies/${sessionId}`);
    const add = mod.getByRole("button", { name: "Onderdeel toevoegen" });
    for (const [title, minutes, kind] of [
      ["Gesprek", "10", "plenary"],
      ["Welkom", "3", "welcome"],
    ] as const) {
      await add.click();
      await mod.getByLabel("Titel (Nederlands)").last().fill(title);
      await mod.getByLabel("Geplande minuten").last().fill(minutes);
      await mod.getByLabel("Soort").last().selectOption(kind);
    }
    // "Welkom" goes first, by keyboard: focus stays on the moved segment's button.
    await mod.getByRole("button", { name: "Onderdeel 2 omhoog" }).focus();
    await mod.keyboard.press("Enter");
    expect(await mod.getByLabel("Titel (Nederlands)").first().inputValue()).toBe("Welkom");
    await mod.getByRole("button", { name: "Agenda opslaan" }).click();
    await mod.getByRole("status").getByText("Agenda opgeslagen.").waitFor();
    const list = mod.getByTestId("agenda-list");
    await list.getByText("Welkom", { exact: true }).waitFor();
    expect(await list.locator("li").allTextContents()).toEqual([
      "3 minWelkom · Welkom",
      "10 minGesprek · Plenair gesprek",
    ]);
    expect(await axeViolations(mod)).toEqual([]);
  }, 60_000);

  it("starts: both browsers, on two instances, show the same time left", async () => {
    const start = mod.getByRole("button", { name: "Sessie starten" });
    await start.click();
    const confirm = mod.getByRole("button", { name: "Nu starten" });
    const join = mod.getByRole("button", { name: "Deelnemen", exact: true });
    await confirm.or(join).first().waitFor();
    if (await confirm.isVisible()) await confirm.click();
    await joinFromPreJoin(mod);
    await member.goto(`${b.url}/sessies/${sessionId}`);
    await joinFromPreJoin(member);

    await mod.getByRole("button", { name: "Agenda starten" }).click();
    await member.getByTestId("agenda-current").getByText("Nu: Welkom").waitFor();
    await mod.waitForTimeout(2_500);
    const [m, n] = await bothLeft();
    expect(m).toBeLessThanOrEqual(178);
    expect(m).toBeGreaterThan(160);
    expect(Math.abs(m - n)).toBeLessThanOrEqual(1);
    // Members see no controls and no plan drift.
    expect(await member.getByRole("button", { name: "Volgend onderdeel" }).count()).toBe(0);
    expect(await member.getByTestId("agenda-drift").count()).toBe(0);
  }, 120_000);

  it("pauses: the time stands still for both", async () => {
    await mod.getByRole("button", { name: "Pauzeren" }).click();
    await member.getByTestId("agenda-clock").getByText("Gepauzeerd").waitFor();
    const [m1, n1] = await bothLeft();
    await mod.waitForTimeout(2_000);
    const [m2, n2] = await bothLeft();
    expect(m2).toBe(m1);
    expect(n2).toBe(n1);
    expect(Math.abs(m1 - n1)).toBeLessThanOrEqual(1);
  }, 60_000);

  it("gives the moderator a gentle notice at two minutes left, in the polite live region", async () => {
    // Move the paused clock on to 2:04 left, then resume: the notice comes as the time crosses 2:00.
    await db
      .update(AgendaTimer)
      .set({ elapsedMs: 3 * 60_000 - 124_000 })
      .where(eq(AgendaTimer.sessionId, sessionId));
    await mod.getByRole("button", { name: "Hervatten" }).click();
    await mod
      .getByTestId("announcer")
      .getByText("Nog twee minuten voor ‘Welkom’.")
      .waitFor({ timeout: 15_000 });
    expect(await mod.getByTestId("agenda-bar").getAttribute("data-warning")).toBe("true");
    // Anne neither leads this segment nor moderates: no notice for her.
    expect(await member.getByTestId("agenda-bar").getAttribute("data-warning")).toBe("false");
    const [m, n] = await bothLeft();
    expect(Math.abs(m - n)).toBeLessThanOrEqual(1);
  }, 60_000);

  it("advances: both see the next segment, and the moderator sees the run against the plan", async () => {
    await mod.getByRole("button", { name: "Volgend onderdeel" }).click();
    await member.getByTestId("agenda-current").getByText("Nu: Gesprek").waitFor();
    await mod.getByTestId("agenda-current").getByText("Nu: Gesprek").waitFor();
    // Welkom ran about a minute of its planned 3 (the clock was moved on to 2:04 left above).
    expect(await mod.getByTestId("agenda-drift").textContent()).toMatch(/^(1:5\d|2:0\d) voor op schema$/);
    await mod.waitForTimeout(1_500);
    const [m, n] = await bothLeft();
    expect(m).toBeLessThanOrEqual(600);
    expect(Math.abs(m - n)).toBeLessThanOrEqual(1);
    expect(await axeViolations(mod)).toEqual([]);
    expect(await axeViolations(member)).toEqual([]);
  }, 60_000);

  it("shows the same time left after a reload", async () => {
    await member.reload();
    await joinFromPreJoin(member);
    await member.getByTestId("agenda-current").getByText("Nu: Gesprek").waitFor();
    const [m, n] = await bothLeft();
    expect(Math.abs(m - n)).toBeLessThanOrEqual(1);
  }, 90_000);

  it("is axe clean in English too", async () => {
    for (const page of [mod, member]) {
      await page.getByRole("button", { name: "EN English" }).click();
      await page.locator("html[lang='en']").waitFor({ state: "attached" });
      await page.getByTestId("agenda-clock").getByText(/left$/).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    }
    expect(await mod.getByTestId("agenda-drift").textContent()).toMatch(/ahead of plan$/);
  }, 60_000);

  it("after the last segment, the session page shows planned against actual per segment", async () => {
    await mod.getByRole("button", { name: "Finish agenda" }).click();
    await member.getByTestId("agenda-clock").getByText("The agenda is finished.").waitFor();
    await mod.goto(`${a.url}/sessies/${sessionId}/overzicht`);
    const table = mod.getByRole("table", { name: "Planned and actual time" });
    await table.waitFor();
    const rows = await table.locator("tbody tr").allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^Welkom3:001:0\d−1:5\d$/);
    expect(rows[1]).toMatch(/^Gesprek10:000:\d\d−9:\d\d$/);
    expect(await axeViolations(mod)).toEqual([]);
  }, 60_000);
});
