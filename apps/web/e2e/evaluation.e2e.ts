import { evaluation } from "@reeks/api";
import {
  AttendanceInterval,
  DEMO_SERIES_SLUG,
  EvaluationInvitation,
  eq,
  Outcome,
  RoomState,
  Series,
  Session,
} from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("evaluation after a session", () => {
  let server: RunningReeks;
  let browser: Browser;
  let sessionId = "";

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
      email: "anne@zuidhorn.test",
      name: "Anne de Vries",
      seriesSlug: DEMO_SERIES_SLUG,
      role: "member",
    });
    await createParticipant(db, {
      email: "bart@zwolle.test",
      name: "Bart Jansen",
      seriesSlug: DEMO_SERIES_SLUG,
      role: "member",
    });
    const series = await db.query.Series.findFirst({ where: eq(Series.slug, DEMO_SERIES_SLUG) });
    const sessions = await db
      .select()
      .from(Session)
      .where(eq(Session.seriesId, series?.id ?? ""))
      .orderBy(Session.position);
    sessionId = sessions[0]?.id ?? "";
    // The first session was held, with Anne there for an hour, and has ended.
    const start = new Date(Date.now() - 2 * 3600_000);
    await db.update(Session).set({ status: "ended", startsAt: start }).where(eq(Session.id, sessionId));
    await db
      .insert(RoomState)
      .values({ sessionId, openedAt: start, endedAt: new Date(start.getTime() + 90 * 60_000) });
    await db.insert(AttendanceInterval).values({
      sessionId,
      participantId: anne.participantId,
      joinedAt: start,
      leftAt: new Date(start.getTime() + 60 * 60_000),
      source: "webhook",
    });
    // What the job queue does when a moderator ends the session.
    expect(await evaluation.inviteAttendees(db, { appUrl: server.url }, sessionId)).toBe(1);
    expect(await db.select().from(EvaluationInvitation)).toHaveLength(1);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets an attendee answer in the app, told it is anonymous before answering; axe clean in nl and en", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInBrowser(page, server, "anne@zuidhorn.test");
    await page.goto(`${server.url}/`);
    await page.evaluate(() => localStorage.setItem("reeks.language", "en"));
    await page.goto(`${server.url}/sessies/${sessionId}/evaluatie`);
    await page.getByRole("radiogroup", { name: "How useful was this session to you?" }).waitFor();
    expect(await page.getByText(/^Anonymous: your answers are stored without your name/).isVisible()).toBe(
      true,
    );
    expect(await axeViolations(page)).toEqual([]);

    await page.evaluate(() => localStorage.setItem("reeks.language", "nl"));
    await page.goto(`${server.url}/`);
    const pending = page.getByRole("region", { name: "Evaluaties om in te vullen" });
    await pending.getByRole("link", { name: /^Sessie 1:/ }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/sessies/${sessionId}/evaluatie`);
    const form = page.locator("form.evaluation-form");
    await form.waitFor();
    // The notice comes before the first question, and the form points to it.
    const notice = page.locator(".evaluation-mode");
    expect(await notice.textContent()).toMatch(/^Anoniem: je antwoorden worden bewaard zonder je naam/);
    expect(await form.getAttribute("aria-describedby")).toBe(await notice.getAttribute("id"));

    // Sent without a score: the error is said, and the focus goes to the scale.
    await page.getByRole("button", { name: "Evaluatie versturen" }).click();
    await page.getByText("Kies hoe nuttig de sessie was.").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("radio");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("radio", { name: "4" }).check({ force: true });
    await page
      .getByLabel("Wat moet het essay zeker zeggen?")
      .fill("Dat de raad eerder aan tafel moet — ook in Zuidhorn 🙂");
    await page
      .getByLabel("Wat zou je veranderen in de volgende sessie?")
      .fill("Meer tijd voor de groepsgesprekken");
    await page.getByRole("button", { name: "Evaluatie versturen" }).click();
    await page.getByRole("status").getByText("Dank je wel! Je evaluatie is ontvangen.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Answered: no longer on the home page, and a second visit says so.
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("region", { name: "Evaluaties om in te vullen" }).count()).toBe(0);
    await page.goto(`${server.url}/sessies/${sessionId}/evaluatie`);
    await page.getByText("Je hebt deze evaluatie al ingevuld. Dank je wel!").waitFor();
    await context.close();
  });

  it("shows the organiser the result on the dashboard, with its table, and turns an answer into an outcome", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInBrowser(page, server, "olga@vgs.test");
    await page.goto(`${server.url}/reeksen/${DEMO_SERIES_SLUG}/dashboard`);
    const section = page.getByRole("region", { name: "Evaluaties" });
    await section.getByText("1 van 1 uitgenodigde aanwezige heeft geantwoord.").first().waitFor();
    expect(await section.getByText("Gemiddelde nuttigheid: 4 van 5").count()).toBe(2);
    const session = section.getByRole("region", { name: /^Sessie 1:/ });
    await session.getByText("Toon de gegevens als tabel").click();
    const table = session.getByRole("table");
    expect(await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.textContent))).toEqual([
      "10",
      "20",
      "30",
      "41",
      "50",
    ]);
    expect(await session.locator("blockquote").allTextContents()).toEqual([
      "Dat de raad eerder aan tafel moet — ook in Zuidhorn 🙂",
      "Meer tijd voor de groepsgesprekken",
    ]);
    expect(await session.getByText("anoniem", { exact: false }).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    await session.getByRole("button", { name: /^Maak er een resultaat van: Meer tijd/ }).click();
    await session.getByText("Is een resultaat").waitFor();
    const outcomes = await server.database.db.select().from(Outcome).where(eq(Outcome.sessionId, sessionId));
    expect(outcomes.map((o) => [o.text, o.kind, o.attribution, o.provenance[0]?.source])).toEqual([
      ["Meer tijd voor de groepsgesprekken", "recommendation", "anonymous", "evaluation"],
    ]);

    await page.evaluate(() => localStorage.setItem("reeks.language", "en"));
    await page.reload();
    await page.getByRole("region", { name: "Evaluations" }).getByText("Is an outcome").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
