import { CandidateSlot, DEMO_SERIES_SLUG, eq, Series, Session } from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import type { RunningReeks } from "@reeks/server";
import { signInBrowser, startTestServer } from "@reeks/server/testing";
import { axeViolations, launchChromium } from "@reeks/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REVIEW = `/reeksen/${DEMO_SERIES_SLUG}/aanmeldingen`;
const SIZES = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

describe("the organiser's review page: bulk approval, the log in sentences, messages to participants", () => {
  let server: RunningReeks;
  let browser: Browser;
  let organiser: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const db = server.database.db;
    const series = { seriesSlug: DEMO_SERIES_SLUG };
    await createParticipant(db, {
      ...series,
      email: "olga@vgs.test",
      name: "Olga de Vries",
      role: "organiser",
    });
    await createParticipant(db, {
      ...series,
      email: "anna@gemeente.test",
      name: "Anna Jansen",
      status: "interested",
    });
    await createParticipant(db, {
      ...series,
      email: "bram@gemeente.test",
      name: "Bram Bos",
      status: "interested",
      locale: "en",
    });
    await createParticipant(db, {
      ...series,
      email: "cees@gemeente.test",
      name: "Cees Smit",
      status: "interested",
      emailVerified: false,
    });
    await createParticipant(db, { ...series, email: "dirk@gemeente.test", name: "Dirk Dam" });
    // A date to answer, so that asking for availability makes sense.
    const row = await db.query.Series.findFirst({ where: eq(Series.slug, DEMO_SERIES_SLUG) });
    const session = await db.query.Session.findFirst({ where: eq(Session.seriesId, row?.id ?? "") });
    await db.insert(CandidateSlot).values({
      sessionId: session?.id ?? "",
      startsAt: new Date("2027-03-01T09:00:00Z"),
      endsAt: new Date("2027-03-01T11:00:00Z"),
    });
    organiser = await (await browser.newContext()).newPage();
    await signInBrowser(organiser, server, "olga@vgs.test", { callbackPath: REVIEW });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rowOf = (email: string) => organiser.locator(`tr[data-email="${email}"]`);

  it("offers no decisions on the organiser's own row or on people already approved, and approves a selection at once", async () => {
    await organiser.getByRole("heading", { level: 1, name: /Aanmeldingen/ }).waitFor();
    await rowOf("anna@gemeente.test").waitFor();
    for (const email of ["olga@vgs.test", "dirk@gemeente.test"]) {
      expect(await rowOf(email).getByRole("button").count(), email).toBe(0);
      expect(await rowOf(email).getByRole("checkbox").count(), email).toBe(0);
    }
    expect(await rowOf("olga@vgs.test").textContent()).toContain("(Jij)");
    expect(await rowOf("olga@vgs.test").getByRole("combobox").count()).toBe(0);
    // An unconfirmed address can be decided on alone, but not approved in bulk.
    expect(await rowOf("cees@gemeente.test").getByRole("checkbox").count()).toBe(0);
    expect(await axeViolations(organiser)).toEqual([]);

    // By keyboard, as anyone may: Space ticks the focused box.
    for (const name of ["Kies Anna Jansen", "Kies Bram Bos"]) {
      await organiser.getByRole("checkbox", { name }).focus();
      await organiser.keyboard.press("Space");
      await expect.poll(() => organiser.getByRole("checkbox", { name }).isChecked()).toBe(true);
    }
    await organiser.getByRole("button", { name: "2 aanmeldingen goedkeuren" }).click();
    const dialog = organiser.getByRole("alertdialog", { name: "2 aanmeldingen goedkeuren?" });
    await dialog.getByText(/Anna Jansen en Bram Bos worden deelnemer/).waitFor();
    expect(await axeViolations(organiser)).toEqual([]);
    await dialog.getByRole("button", { name: "Ja, goedkeuren" }).click();
    await organiser.getByRole("status").getByText("2 aanmeldingen goedgekeurd.").waitFor();
    await expect.poll(() => rowOf("bram@gemeente.test").textContent()).toContain("Goedgekeurd");
    expect(await rowOf("anna@gemeente.test").getByRole("button").count()).toBe(0);

    // Each in their own language, through the job queue.
    const bram = await server.mailSink?.waitFor((m) => m.to.includes("bram@gemeente.test"));
    expect(bram?.subject).toMatch(/has been approved/);
    const anna = await server.mailSink?.waitFor((m) => m.to.includes("anna@gemeente.test"));
    expect(anna?.subject).toMatch(/is goedgekeurd/);
  });

  it("writes the log in sentences, with names, in the reader's language", async () => {
    await organiser.getByRole("combobox", { name: "Rol van Anna Jansen" }).selectOption("moderator");
    const log = organiser.locator(".audit-lines");
    await expect.poll(() => log.textContent()).toContain("Olga de Vries maakte Anna Jansen moderator");
    expect(await log.textContent()).toMatch(
      /Olga de Vries keurde 2 aanmeldingen goed: (Anna Jansen en Bram Bos|Bram Bos en Anna Jansen)/,
    );
    expect(await log.textContent()).not.toMatch(/participant[:.]|registration\.|[0-9a-f]{8}-[0-9a-f]{4}/);

    await organiser.getByRole("button", { name: "English" }).click();
    await expect.poll(() => log.textContent()).toContain("Olga de Vries made Anna Jansen moderator");
    expect(await log.textContent()).toMatch(
      /Olga de Vries approved 2 registrations: (Anna Jansen and Bram Bos|Bram Bos and Anna Jansen)/,
    );
    for (const size of SIZES) {
      await organiser.setViewportSize(size);
      expect(await axeViolations(organiser), `en ${size.width}`).toEqual([]);
    }
    await organiser.getByRole("button", { name: "Nederlands" }).click();
    await organiser.getByRole("heading", { level: 1, name: /Aanmeldingen/ }).waitFor();
    for (const size of SIZES) {
      await organiser.setViewportSize(size);
      expect(await axeViolations(organiser), `nl ${size.width}`).toEqual([]);
    }
    await organiser.setViewportSize(SIZES[0] ?? { width: 1366, height: 768 });
  });

  it("previews a message in both languages with its recipients, and sends it once, each in their language", async () => {
    const section = organiser.getByRole("region", { name: "Berichten aan deelnemers" });
    await section.getByRole("radio", { name: /Vraag om beschikbaarheid/ }).check();
    await section.getByLabel("Eigen toevoeging (niet verplicht)").fill("Graag voor vrijdag.");
    await section.getByRole("button", { name: "Voorbeeld bekijken" }).click();
    const dialog = organiser.getByRole("dialog", { name: "Voorbeeld van het bericht" });
    // Anna, Bram and Dirk; not the organiser herself, not those still waiting.
    await dialog.getByText("3 ontvangers: 2 in het Nederlands, 1 in het Engels.").waitFor();
    await dialog.getByText(/Wanneer kun je\? Geef je beschikbaarheid door/).waitFor();
    await dialog.getByText(/When can you come\? Give your availability/).waitFor();
    expect(await dialog.textContent()).toContain("Graag voor vrijdag.");
    for (const size of SIZES) {
      await organiser.setViewportSize(size);
      expect(await axeViolations(organiser), `preview ${size.width}`).toEqual([]);
    }
    await organiser.setViewportSize(SIZES[0] ?? { width: 1366, height: 768 });

    // A double click sends once.
    await dialog.getByRole("button", { name: "Versturen naar 3 ontvangers" }).dblclick();
    await organiser.getByRole("status").getByText("Verstuurd: 3 mails staan klaar in de wachtrij.").waitFor();
    const bram = await server.mailSink?.waitFor(
      (m) => m.to.includes("bram@gemeente.test") && m.subject.includes("availability"),
    );
    expect(bram?.text).toContain("Dear Bram Bos");
    expect(bram?.text).toContain(`${server.url}/reeksen/${DEMO_SERIES_SLUG}/beschikbaarheid`);
    const anna = await server.mailSink?.waitFor(
      (m) => m.to.includes("anna@gemeente.test") && m.subject.includes("beschikbaarheid"),
    );
    expect(anna?.text).toContain("Graag voor vrijdag.");
    await server.mailSink?.waitFor(
      (m) => m.to.includes("dirk@gemeente.test") && m.subject.includes("beschikbaarheid"),
    );
    // Give a second send every chance to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const asked = (server.mailSink?.messages() ?? []).filter((m) =>
      /beschikbaarheid|availability/i.test(m.subject),
    );
    expect(asked.map((m) => String(m.to)).sort()).toEqual([
      "anna@gemeente.test",
      "bram@gemeente.test",
      "dirk@gemeente.test",
    ]);
    await expect
      .poll(() => organiser.locator(".audit-lines").textContent())
      .toContain("Olga de Vries vroeg 3 deelnemers om beschikbaarheid");

    // The same mails in the dev outbox.
    const outbox = (await (await fetch(`${server.url}/api/dev/outbox`)).json()) as {
      mails: Array<{ to: string[] | string; subject: string }>;
    };
    expect(outbox.mails.filter((m) => /When can you come/.test(m.subject))).toHaveLength(1);
  });
});
