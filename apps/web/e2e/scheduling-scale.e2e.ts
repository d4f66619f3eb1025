import {
  Availability,
  CandidateSlot,
  DEMO_SERIES_SLUG,
  eq,
  SchedulingPoll,
  Series,
  Session,
} from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInPage } from "./room-fixture";

/**
 * A full-size poll: 60 participants and 24 candidate dates (six per session), answered by all but
 * the member who looks. Her 24 dates must fit on one laptop screen, neither page may scroll
 * sideways, and both stay axe clean at a laptop's and a phone's size in Dutch and English.
 */
const SERIES = `/reeksen/${DEMO_SERIES_SLUG}`;
const PEOPLE = 60;
const SLOTS_PER_SESSION = 6;
const FIRST = ["Anna", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gerrit", "Hanna", "Ilse", "Joost"];
const LAST = ["de Vries", "Jansen", "van den Berg", "Bakker", "El Amrani", "Visser"];
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe("60 people × 24 dates", () => {
  let server: RunningReeks;
  let browser: Browser;
  let member: Page;
  let organiser: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const db = server.database.db;
    await createParticipant(db, {
      email: "olga@vgs.test",
      name: "Olga Organisator",
      seriesSlug: DEMO_SERIES_SLUG,
      role: "organiser",
    });
    const people = [];
    for (let i = 0; i < PEOPLE - 1; i++) {
      people.push(
        await createParticipant(db, {
          email: `deelnemer${i}@gemeente.test`,
          name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
          seriesSlug: DEMO_SERIES_SLUG,
        }),
      );
    }
    const [series] = await db.select().from(Series).where(eq(Series.slug, DEMO_SERIES_SLUG));
    if (!series) throw new Error("no series");
    await db.insert(SchedulingPoll).values({
      seriesId: series.id,
      deadline: new Date("2099-01-01T22:59:59Z"),
      showAnswersToMembers: true,
    });
    const sessions = await db.select().from(Session).where(eq(Session.seriesId, series.id));
    const answers = ["yes", "if_need_be", "no"] as const;
    for (const session of sessions) {
      const slots = await db
        .insert(CandidateSlot)
        .values(
          Array.from({ length: SLOTS_PER_SESSION }, (_, d) => {
            const start = new Date(Date.UTC(2027, 9 + session.position, 1 + d * 2, 13, 0));
            return {
              sessionId: session.id,
              startsAt: start,
              endsAt: new Date(start.getTime() + 90 * 60_000),
            };
          }),
        )
        .returning();
      // Everyone but the first member has answered (she is the one who looks at her own page).
      await db.insert(Availability).values(
        people.slice(1).flatMap((p, i) =>
          slots.map((slot, d) => ({
            participantId: p.participantId,
            slotId: slot.id,
            answer:
              answers[(i * 7 + d * 3 + session.position) % 5 === 0 ? 2 : (i + d) % 4 === 0 ? 1 : 0] ?? "yes",
          })),
        ),
      );
    }
    member = await signedInPage(browser, server, "deelnemer0@gemeente.test");
    organiser = await signedInPage(browser, server, "olga@vgs.test");
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(page: Page, path: string, language: string, viewport: typeof LAPTOP) {
    await page.setViewportSize(viewport);
    await page.goto(`${server.url}/`);
    await page.evaluate((lang) => localStorage.setItem("reeks.language", lang), language);
    await page.goto(`${server.url}${path}`);
  }
  const horizontalOverflow = (page: Page) =>
    page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

  it("the availability page shows all 24 dates on one laptop screen, never scrolls sideways, and is axe clean", async () => {
    const problems: string[] = [];
    for (const language of ["nl", "en"]) {
      for (const viewport of [LAPTOP, PHONE]) {
        await open(member, `${SERIES}/beschikbaarheid`, language, viewport);
        const groups = member.getByRole("radiogroup");
        await expect.poll(() => groups.count(), { timeout: 20_000 }).toBe(24);
        expect(await horizontalOverflow(member)).toBeLessThanOrEqual(0);
        if (viewport === LAPTOP) {
          // One screen: every date's three choices are in the first viewport, without scrolling.
          const bottoms = await groups.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
          expect(Math.max(...bottoms)).toBeLessThanOrEqual(LAPTOP.height);
          // The save button too.
          const save = member.getByRole("button", {
            name: language === "nl" ? "Antwoorden opslaan" : "Save answers",
          });
          expect((await save.boundingBox())?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(LAPTOP.height);
        }
        const violations = await axeViolations(member);
        if (violations.length)
          problems.push(`availability ${viewport.width} ${language}: ${JSON.stringify(violations)}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("the planning grid holds 60 rows and 24 columns inside the page, its headers stay in view, and it is axe clean", async () => {
    const problems: string[] = [];
    for (const language of ["nl", "en"]) {
      for (const viewport of [LAPTOP, PHONE]) {
        await open(organiser, `${SERIES}/planning`, language, viewport);
        const grid = organiser.locator("table.answers-grid");
        await expect.poll(() => grid.locator("tbody tr").count(), { timeout: 20_000 }).toBe(PEOPLE);
        expect(await grid.locator("thead th[scope=col]").count()).toBe(24 + 1);
        expect(await horizontalOverflow(organiser)).toBeLessThanOrEqual(0);
        const violations = await axeViolations(organiser);
        if (violations.length)
          problems.push(`planning ${viewport.width} ${language}: ${JSON.stringify(violations)}`);
      }
    }
    expect(problems).toEqual([]);

    // On a laptop all 24 dates fit beside the names: the grid needs no sideways scrolling either.
    await open(organiser, `${SERIES}/planning`, "nl", LAPTOP);
    const region = organiser.getByRole("region", { name: "Antwoorden per deelnemer en datum" });
    await region
      .locator("tbody tr")
      .nth(PEOPLE - 1)
      .waitFor({ state: "attached" });
    const fits = await region.evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
    // Scrolled down to the last person, the dates and the heatmap counts are still in view.
    await region.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const [regionBox, headBox, lastRow] = await Promise.all([
      region.boundingBox(),
      region.locator("thead").boundingBox(),
      region.locator("tbody tr").last().boundingBox(),
    ]);
    expect(headBox?.y).toBeCloseTo(regionBox?.y ?? -1, -1);
    expect((lastRow?.y ?? 0) + (lastRow?.height ?? 0)).toBeLessThanOrEqual(
      (regionBox?.y ?? 0) + (regionBox?.height ?? 0) + 1,
    );
    // The yes-count row tells how many of 59 answered yes for the first date, in text.
    const firstYes = await region.locator("thead tr.grid-count-yes td").first().textContent();
    expect(Number(firstYes)).toBeGreaterThan(0);
  }, 120_000);
});
