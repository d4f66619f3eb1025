import { eq, Session } from "@reeks/db";
import { createParticipant, firstDemoSession } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinFromPreJoin, openPanelTab, signedInPage } from "./room-fixture";

const DAY = 24 * 60 * 60_000;

/**
 * The room's smaller promises: a start far from the plan is asked about first; a session that ran
 * shows when it really ran; the live region never names someone who is gone, and speaks the language
 * the person switched to.
 */
describe("starting early, the times a session really ran", () => {
  let server: RunningReeks;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({}, { ownLivekit: true }), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("asks in a dialog before starting six weeks early, and afterwards shows the real start and end", async () => {
    const db = server.database.db;
    const { series, session } = await firstDemoSession(db);
    // Six weeks ahead, at 14:00 in Amsterdam's winter (13:00 UTC) or summer (12:00 UTC) alike.
    const day = new Date(Date.now() + 42 * DAY);
    const planned = new Date(`${day.toISOString().slice(0, 10)}T12:00:00Z`);
    await db
      .update(Session)
      .set({ startsAt: planned, status: "scheduled" })
      .where(eq(Session.id, session.id));
    await createParticipant(db, {
      email: "mia@vgs.test",
      name: "Mia Moderator",
      seriesId: series.id,
      role: "moderator",
    });
    const mod = await signedInPage(browser, server, "mia@vgs.test");
    await mod.goto(`${server.url}/sessies/${session.id}`);

    await mod.getByRole("button", { name: "Sessie starten" }).click();
    const dialog = mod.getByRole("alertdialog", { name: "Sessie nu al starten?" });
    await dialog.waitFor();
    const when = new Intl.DateTimeFormat("nl-NL", {
      weekday: "short",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "Europe/Amsterdam",
    }).format(planned);
    expect(await dialog.getByText(`Deze sessie staat gepland op ${when}. Nu toch starten?`).isVisible()).toBe(
      true,
    );
    // The safe answer has the focus; axe is clean with the dialog open.
    expect(await mod.evaluate(() => document.activeElement?.textContent)).toBe("Niet starten");
    expect(await axeViolations(mod)).toEqual([]);
    await mod.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    const [still] = await db.select().from(Session).where(eq(Session.id, session.id));
    expect(still?.status).toBe("scheduled");

    await mod.getByRole("button", { name: "Sessie starten" }).click();
    await dialog.getByRole("button", { name: "Nu starten" }).click();
    await joinFromPreJoin(mod);
    await openPanelTab(mod, "Mensen");
    await mod.getByRole("button", { name: "Sessie beëindigen voor iedereen" }).click();
    await mod.getByRole("button", { name: "Ja, beëindig de sessie" }).click();

    // What happened, with the plan beside it: not "Afgelopen" next to a date six weeks away.
    const held = mod.getByTestId("session-held");
    await held.waitFor({ timeout: 20_000 });
    const plannedText = new Intl.DateTimeFormat("nl-NL", {
      dateStyle: "full",
      timeStyle: "short",
      timeZone: "Europe/Amsterdam",
    }).format(planned);
    expect(await held.textContent()).toMatch(
      new RegExp(
        `^Gehouden op \\S+ \\d+ \\S+ \\d{4}, van \\d{2}:\\d{2} tot \\d{2}:\\d{2} \\(gepland: ${plannedText}\\)$`,
      ),
    );
    // In the agenda of "Mijn sessies" too, and in English after a switch.
    await mod.goto(server.url);
    const facts = mod.locator(".agenda-item").first();
    await facts.getByText("Afgelopen").waitFor();
    expect(await facts.locator(".session-when").textContent()).toMatch(
      /^Gehouden op .+, van \d{2}:\d{2} tot \d{2}:\d{2}/,
    );
    await mod.getByRole("button", { name: "English" }).click();
    expect(await facts.locator(".session-when").textContent()).toMatch(
      /^Held on .+, from \d{2}:\d{2} to \d{2}:\d{2} \(planned: /,
    );
  }, 150_000);
});

describe("the live region after a removal and a language switch", () => {
  let server: RunningReeks;
  let browser: Browser;
  let mod: Page;
  let carla: Page;
  let lid: Page;
  beforeAll(async () => {
    // Carla's fake microphone talks; the moderator joins muted so that only Carla speaks.
    [server, browser] = await Promise.all([
      startTestServer({}, { ownLivekit: true }),
      launchChromium({ fakeVoice: true }),
    ]);
    const db = server.database.db;
    const { series, session } = await firstDemoSession(db);
    await createParticipant(db, {
      email: "mo@vgs.test",
      name: "Mo Moderator",
      seriesId: series.id,
      role: "moderator",
    });
    await createParticipant(db, {
      email: "carla@vgs.test",
      name: "Carla Spreker",
      seriesId: series.id,
      role: "speaker",
    });
    await createParticipant(db, { email: "lotte@gemeente.test", name: "Lotte Lid", seriesId: series.id });
    const roomUrl = `${server.url}/sessies/${session.id}`;
    [mod, carla, lid] = await Promise.all([
      signedInPage(browser, server, "mo@vgs.test"),
      signedInPage(browser, server, "carla@vgs.test"),
      signedInPage(browser, server, "lotte@gemeente.test"),
    ]);
    await mod.goto(roomUrl);
    await mod.getByRole("button", { name: "Sessie starten" }).click();
    await mod.getByRole("checkbox", { name: "Microfoon aan bij deelnemen" }).uncheck();
    await joinFromPreJoin(mod);
    await lid.goto(roomUrl);
    await joinFromPreJoin(lid);
    await carla.goto(roomUrl);
    await joinFromPreJoin(carla);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("stops saying that Carla speaks once she is removed, and rewords it in English", async () => {
    const announcer = lid.getByTestId("announcer");
    await expect.poll(() => announcer.textContent(), { timeout: 30_000 }).toBe("Carla Spreker spreekt.");

    await openPanelTab(mod, "Mensen");
    await mod.getByRole("button", { name: "Carla Spreker verwijderen" }).click();
    await mod.getByRole("button", { name: "Carla Spreker definitief verwijderen?" }).click();
    await carla.getByText("Een moderator heeft je uit deze sessie verwijderd.").waitFor({ timeout: 20_000 });
    await expect
      .poll(() => announcer.textContent(), { timeout: 15_000 })
      .toBe("Carla Spreker is uit de sessie verwijderd.");

    // The room keeps a language switch (the site's header steps aside there); the region follows it.
    await lid.getByRole("button", { name: "EN English" }).click();
    await expect
      .poll(() => announcer.textContent(), { timeout: 5_000 })
      .toBe("Carla Spreker was removed from the session.");
    expect(await lid.getByRole("button", { name: "Hand opsteken" }).count()).toBe(0);
    await lid.getByRole("button", { name: "Raise hand" }).waitFor();
    expect(await axeViolations(lid)).toEqual([]);
  }, 120_000);
});
