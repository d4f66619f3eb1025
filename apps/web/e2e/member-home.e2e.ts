import { readFile } from "node:fs/promises";
import { CandidateSlot, DEMO_SERIES_SLUG, eq, Outcome, SchedulingPoll, Series, Session } from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ZONE = "Europe/Amsterdam";
const MINUTE = 60_000;
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

/** "14:45" as the page writes it for a reader in Amsterdam. */
function clockTime(date: Date): string {
  return new Intl.DateTimeFormat("nl-NL", { timeZone: ZONE, hour: "2-digit", minute: "2-digit" }).format(
    date,
  );
}

describe("home: a member's sessions and an organiser's to-do list", () => {
  let server: RunningReeks;
  let browser: Browser;
  let sessions: Array<typeof Session.$inferSelect>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const db = server.database.db;
    const demo = { seriesSlug: DEMO_SERIES_SLUG };
    await createParticipant(db, { ...demo, email: "olga@vgs.test", name: "Olga", role: "organiser" });
    await createParticipant(db, { ...demo, email: "anne@gemeente.test", name: "Anne" });
    await createParticipant(db, { ...demo, email: "bart@gemeente.test", name: "Bart" });
    await createParticipant(db, { ...demo, email: "wim@gemeente.test", name: "Wim", status: "waitlisted" });
    await createParticipant(db, { ...demo, email: "ilse@gemeente.test", name: "Ilse", status: "interested" });
    await createParticipant(db, { ...demo, email: "ivo@gemeente.test", name: "Ivo", status: "interested" });
    const [series] = await db.select().from(Series).where(eq(Series.slug, DEMO_SERIES_SLUG));
    sessions = await db.select().from(Session).orderBy(Session.position);
    const [first, second, third] = sessions;
    if (!series || !first || !second || !third) throw new Error("no demo series");
    // Session 1 is over, with two items; session 2 starts in 16 minutes; session 3 in three weeks.
    await db
      .update(Session)
      .set({ status: "ended", startsAt: new Date(Date.now() - 20 * 24 * 60 * MINUTE) })
      .where(eq(Session.id, first.id));
    await db.insert(Outcome).values(
      (["problem", "action"] as const).map((kind) => ({
        seriesId: series.id,
        sessionId: first.id,
        themeId: first.themeId,
        kind,
        text: "x",
        attribution: "named" as const,
        status: "confirmed" as const,
      })),
    );
    await db
      .update(Session)
      .set({ status: "scheduled", startsAt: new Date(Date.now() + 16 * MINUTE) })
      .where(eq(Session.id, second.id));
    await db
      .update(Session)
      .set({ status: "scheduled", startsAt: new Date(Date.now() + 21 * 24 * 60 * MINUTE) })
      .where(eq(Session.id, third.id));
    // An open availability poll with dates for session 4 only: nobody has answered it.
    await db
      .insert(SchedulingPoll)
      .values({ seriesId: series.id, deadline: new Date("2099-01-01T00:00:00Z") });
    const fourth = sessions[3];
    if (!fourth) throw new Error("no fourth session");
    await db.insert(CandidateSlot).values({
      sessionId: fourth.id,
      startsAt: new Date("2099-03-01T13:00:00Z"),
      endsAt: new Date("2099-03-01T14:30:00Z"),
    });
    sessions = await db.select().from(Session).orderBy(Session.position);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A reader in Amsterdam, signed in; the page's clock can be moved forward when `clock` is set. */
  async function homeOf(email: string, options: { clock?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ timezoneId: ZONE, acceptDownloads: true });
    const page = await context.newPage();
    if (options.clock) await page.clock.install({ time: new Date() });
    await signInBrowser(page, server, email);
    await page.goto(server.url);
    return page;
  }

  async function axeEverywhere(page: Page): Promise<string[]> {
    const problems: string[] = [];
    for (const language of ["nl", "en"]) {
      await page.evaluate((lang) => localStorage.setItem("reeks.language", lang), language);
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.reload();
        await page.locator("h2").first().waitFor();
        expect(await page.locator("html").getAttribute("lang")).toBe(language);
        const violations = await axeViolations(page);
        if (violations.length) problems.push(`${language} ${viewport.width}: ${JSON.stringify(violations)}`);
      }
    }
    await page.evaluate(() => localStorage.setItem("reeks.language", "nl"));
    return problems;
  }

  it("shows the next session with a countdown; joining opens 15 minutes before the start", async () => {
    const second = sessions[1];
    if (!second?.id) throw new Error("no session");
    const page = await homeOf("anne@gemeente.test", { clock: true });
    await page.getByRole("heading", { level: 1, name: "Mijn sessies" }).waitFor();
    // Approved: no offer to register for the series she is in.
    expect(await page.getByRole("link", { name: "Aanmelden voor deze reeks" }).count()).toBe(0);

    const next = page.locator("section.next-session");
    await next.getByText("Sessie 2: Werken als één overheid").waitFor();
    expect(await next.getByTestId("countdown").textContent()).toBe("Begint over 16 minuten");
    // The countdown is no live region: only the announcement that joining opened is.
    expect(await next.getByTestId("countdown").getAttribute("aria-live")).toBeNull();
    const join = next.getByRole("button", { name: "Deelnemen" });
    expect(await join.isDisabled()).toBe(true);
    const startsAt = second.startsAt ?? new Date();
    const hint = `Deelnemen kan vanaf ${clockTime(new Date(startsAt.getTime() - 15 * MINUTE))}, een kwartier voor de start.`;
    expect(await next.locator(".join-hint").textContent()).toBe(hint);
    // The button names when it opens, for those who cannot see the text beside it.
    expect(await join.getAttribute("aria-describedby")).toBe(
      await next.locator(".join-hint").getAttribute("id"),
    );
    expect(await page.locator("[aria-live]").allTextContents()).not.toContain(hint);

    // Two minutes later (the page's own clock): the button has become a link into the room, and that
    // change (only that) is announced.
    await page.clock.fastForward("02:00");
    const joinLink = next.getByRole("link", { name: "Deelnemen" });
    await joinLink.waitFor();
    expect(await joinLink.getAttribute("href")).toBe(`/sessies/${second.id}`);
    await expect
      .poll(() => next.locator("[aria-live=polite]").textContent())
      .toBe("Deelnemen aan sessie 2 kan nu.");
    expect(await next.getByRole("button", { name: "Deelnemen" }).count()).toBe(0);
    await page.context().close();
  });

  it("opens the join button for a session moved to start within 15 minutes (in the database)", async () => {
    const db = server.database.db;
    const [, second, third] = sessions;
    if (!second || !third) throw new Error("no session");
    // Session 3 moves to in 40 minutes: the home page shows it disabled, then 10 minutes ahead: enabled.
    await db.update(Session).set({ status: "cancelled" }).where(eq(Session.id, second.id));
    await db
      .update(Session)
      .set({ startsAt: new Date(Date.now() + 40 * MINUTE) })
      .where(eq(Session.id, third.id));
    const page = await homeOf("anne@gemeente.test");
    try {
      const next = page.locator("section.next-session");
      await next.getByText("Sessie 3: Maatwerk als regel").waitFor();
      expect(await next.getByRole("button", { name: "Deelnemen" }).isDisabled()).toBe(true);
      await db
        .update(Session)
        .set({ startsAt: new Date(Date.now() + 10 * MINUTE) })
        .where(eq(Session.id, third.id));
      await page.reload();
      await next.getByRole("link", { name: "Deelnemen" }).waitFor();
      expect(await next.getByTestId("countdown").textContent()).toMatch(/^Begint over (10|9) minuten$/);
    } finally {
      // The next tests expect the plan as it was.
      await db.update(Session).set({ status: "scheduled" }).where(eq(Session.id, second.id));
      await db.update(Session).set({ startsAt: third.startsAt }).where(eq(Session.id, third.id));
      await page.context().close();
    }
  });

  it("lists the agenda with add-to-calendar (.ics), input in advance and past sessions' overviews; axe clean", async () => {
    const [first, second] = sessions;
    if (!first || !second) throw new Error("no session");
    const page = await homeOf("anne@gemeente.test");
    const agenda = page.locator("ol.agenda");
    await agenda.locator("li").first().waitFor();
    expect(await agenda.locator("li").count()).toBe(4);
    // A session without a confirmed date has nothing to put in a calendar.
    expect(await agenda.locator("li").nth(3).textContent()).toContain("Datum nog niet bekend");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Toevoegen aan agenda voor sessie 2" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const ics = await readFile((await download.path()) ?? "", "utf8");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    expect(ics).toContain("VERSION:2.0");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain(`UID:session-${second.id}@reeks`);
    const start = (second.startsAt ?? new Date()).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    expect(ics).toContain(`DTSTART:${start}`);

    const input = page.getByRole("link", { name: "Inbreng vooraf sturen voor sessie 2" });
    expect(await input.getAttribute("href")).toBe(`/sessies/${second.id}/overzicht`);
    const past = page.locator("ul.past-sessions li");
    expect(await past.count()).toBe(1);
    expect(await past.first().textContent()).toContain("2 uitkomsten, 1 actie, 0 vragen");
    expect(await past.getByRole("link", { name: "Overzicht van sessie 1" }).getAttribute("href")).toBe(
      `/sessies/${first.id}/overzicht`,
    );

    expect(await axeEverywhere(page)).toEqual([]);

    // The link leads to the session page, where input can be sent before the session starts.
    await page.goto(server.url);
    await input.click();
    await page
      .getByLabel("Wat wil je in deze sessie besproken zien?", { exact: false })
      .fill("Graag over de Omgevingswet");
    await page.getByRole("button", { name: "Inbreng versturen" }).click();
    await page.getByText("Graag over de Omgevingswet").waitFor();
    await page.context().close();
  });

  it("shows waitlisted and pending people their state instead of a registration button", async () => {
    for (const [email, state] of [
      ["wim@gemeente.test", "Je staat op de wachtlijst voor deze reeks."],
      ["ilse@gemeente.test", "Je aanmelding wacht op goedkeuring door de organisatie."],
    ] as const) {
      const page = await homeOf(email);
      await page.getByText(state).waitFor();
      expect(await page.getByRole("link", { name: "Aanmelden voor deze reeks" }).count()).toBe(0);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Webinarreeksen");
      await page.context().close();
    }
  });

  it("shows an organiser the series' state and what needs doing, each with a link; axe clean", async () => {
    const page = await homeOf("olga@vgs.test");
    const home = page.locator("section.organiser-home");
    await home.getByRole("heading", { name: "Organiseren: Uitvoering op z'n Kop" }).waitFor();
    expect(await page.getByRole("link", { name: "Aanmelden voor deze reeks" }).count()).toBe(0);
    const todo = (key: string) => home.locator(`li[data-todo=${key}]`);
    const base = `/reeksen/${DEMO_SERIES_SLUG}`;
    const review = todo("review").getByRole("link", { name: "2 aanmeldingen te beoordelen" });
    expect(await review.getAttribute("href")).toBe(`${base}/aanmeldingen`);
    // Anne and Bart (members) have not answered; Olga herself is not asked.
    const availability = todo("availability").getByRole("link", {
      name: "2 deelnemers hebben de beschikbaarheid nog niet doorgegeven",
    });
    expect(await availability.getAttribute("href")).toBe(`${base}/planning`);
    // Sessions 1–3 have dates but no candidate dates: there is no plan to confirm yet.
    expect(await todo("plan").textContent()).toBe("Planning bekijken");
    const start = todo("start").getByRole("link", { name: "Sessie 2 starten" });
    expect(await start.getAttribute("href")).toBe(`/sessies/${sessions[1]?.id}`);
    expect(
      await todo("exports").getByRole("link", { name: "Dashboard en exports" }).getAttribute("href"),
    ).toBe(`${base}/dashboard`);
    expect(await todo("review").getAttribute("data-attention")).toBe("true");
    expect(await todo("exports").getAttribute("data-attention")).toBe("false");
    // Published: editing is there, but nothing to finish.
    const edit = todo("edit").getByRole("link", { name: "Reeks bewerken" });
    expect(await edit.getAttribute("href")).toBe(`${base}/bewerken`);
    expect(await todo("edit").getAttribute("data-attention")).toBe("false");
    expect(await axeEverywhere(page)).toEqual([]);
    await page.context().close();
  });
});
