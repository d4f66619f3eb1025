import { randomUUID } from "node:crypto";
import { scheduling } from "@reeks/api";
import { DEMO_SERIES_SLUG, eq, Participant, Person, Series, Session, seedDemoSeries } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { describe, expect, it } from "vitest";
import { formatScheduleSuggestion } from "./schedule-suggest";
import { createTestApp } from "./test-app";

const DATES = ["2027-10-02", "2027-11-03", "2027-12-04", "2028-01-05"];

describe("scheduling on the server", () => {
  it("prints the recommended plan for the CLI and serves the private calendar feed", async () => {
    const database = await createTestDatabase();
    const db = database.db;
    await seedDemoSeries(db);
    const series = await db.query.Series.findFirst({ where: eq(Series.slug, DEMO_SERIES_SLUG) });
    const seriesId = series?.id ?? "";
    expect(await formatScheduleSuggestion(db, DEMO_SERIES_SLUG)).toMatch(
      /Nog geen tijdsloten voor sessie 1, 2, 3, 4/,
    );
    expect(await formatScheduleSuggestion(db, "bestaat-niet")).toBeNull();

    const personId = randomUUID();
    await db.insert(Person).values({ id: personId, name: "Anne", email: "anne@gemeente.test" });
    const [participant] = await db
      .insert(Participant)
      .values({ seriesId, personId, organisation: "Gemeente", role: "organiser", status: "approved" })
      .returning();
    if (!participant) throw new Error("no participant");
    const sessions = await db.query.Session.findMany({ where: eq(Session.seriesId, seriesId) });
    sessions.sort((a, b) => a.position - b.position);
    const actor = { personId };
    const slotIds: string[] = [];
    for (const [i, session] of sessions.entries()) {
      const [slot] = await scheduling.addCandidateSlots(
        db,
        { seriesId, sessionId: session.id, slots: [{ date: DATES[i] ?? "", start: "10:00", end: "11:30" }] },
        actor,
      );
      slotIds.push(slot?.id ?? "");
    }
    await scheduling.savePollSettings(
      db,
      {
        seriesId,
        deadline: "2099-01-01",
        minGapDays: 14,
        maxGapDays: null,
        showAnswersToMembers: false,
        requiredParticipantIds: [],
      },
      actor,
    );
    await scheduling.saveAvailability(
      db,
      { seriesId, answers: slotIds.map((slotId, i) => ({ slotId, answer: i === 3 ? "no" : "yes" })) },
      { participantId: participant.id },
    );
    const text = await formatScheduleSuggestion(db, DEMO_SERIES_SLUG);
    expect(text).toContain("Aanbevolen plan: 0 van 1 bij alle sessies");
    expect(text).toContain("1. 2027-10-02 10:00–11:30");
    expect(text).toContain("mist: Anne");

    await scheduling.confirmSchedule(db, { seriesId, slotIds }, actor);
    const token = await scheduling.ensureCalendarFeedToken(db, personId);
    // The feed needs no mail: the test app's mailer points nowhere and is never used here.
    const connection = { url: "ws://127.0.0.1:1", apiKey: "k", apiSecret: "s".repeat(32) };
    const app = createTestApp(database, connection, {
      publicUrl: "http://reeks.test",
      organizerEmail: "noreply@reeks.test",
    });
    const feed = await app.request(`/calendar/${token}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toMatch(/^text\/calendar/);
    const body = await feed.text();
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    expect(body).toContain("DTSTART:20271002T080000Z");
    expect((await app.request("/calendar/wrong-token.ics")).status).toBe(404);

    // One session alone, to open as a file ("add to calendar"): the same event as in the feed.
    const one = await app.request(`/calendar/${token}/${sessions[1]?.id}.ics`);
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toMatch(/^text\/calendar/);
    expect(one.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]+\.ics"$/);
    const oneBody = await one.text();
    expect(oneBody.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(oneBody).toContain(`UID:${scheduling.sessionUid(sessions[1]?.id ?? "")}`);
    // A session no longer theirs (put back on the waitlist), a wrong token, or no id: not found, never a 500.
    await db.update(Participant).set({ status: "waitlisted" }).where(eq(Participant.id, participant.id));
    expect((await app.request(`/calendar/${token}/${sessions[1]?.id}.ics`)).status).toBe(404);
    expect((await app.request(`/calendar/wrong-token/${sessions[1]?.id}.ics`)).status).toBe(404);
    expect((await app.request(`/calendar/${token}/zzzzzzzz-0000-0000-0000-000000000000.ics`)).status).toBe(
      404,
    );
    await database.close();
  });
});
