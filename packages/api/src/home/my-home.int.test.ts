import {
  Administrator,
  Availability,
  CandidateSlot,
  type DatabaseHandle,
  DEMO_SERIES_SLUG,
  eq,
  newRoomName,
  Outcome,
  Question,
  SchedulingPoll,
  Series,
  Session,
  seedDemoSeries,
  Theme,
} from "@reeks/db";
import { createParticipant, createPerson, createTestDatabase, type TestParticipant } from "@reeks/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailConfig, parseIcs } from "../router/scheduling-world";
import { calendarFeedForToken, sessionUid } from "../scheduling";
import { callerFor } from "../testing";

/** The token in a path of the person's calendar feed (/calendar/<token>.ics or /calendar/<token>/<id>.ics). */
function tokenOf(path: string): string {
  return path.split("/")[2]?.replace(/\.ics$/, "") ?? "";
}

describe("home.mine: each person's series, agenda and to-do list, and nothing of anyone else's", () => {
  let handle: DatabaseHandle;
  let seriesId: string;
  let sessionIds: string[];
  let otherSeriesId: string;
  let otherSessionId: string;
  const people = {} as Record<
    "olga" | "anne" | "mo" | "wim" | "ilse" | "bart" | "otto" | "dirk" | "dora",
    TestParticipant
  >;
  let administrator: { personId: string };

  beforeAll(async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    await seedDemoSeries(db);
    const series = await db.query.Series.findFirst({
      where: eq(Series.slug, DEMO_SERIES_SLUG),
      with: { sessions: true },
    });
    seriesId = series?.id ?? "";
    sessionIds = (series?.sessions ?? []).sort((a, b) => a.position - b.position).map((s) => s.id);

    // A second series (published) with one session, and a draft series.
    const [other] = await db
      .insert(Series)
      .values({ slug: "andere-reeks", title: { nl: "Andere reeks" }, organiser: "X", status: "published" })
      .returning();
    otherSeriesId = other?.id ?? "";
    const [theme] = await db
      .insert(Theme)
      .values({
        seriesId: otherSeriesId,
        position: 1,
        title: { nl: "Geheim thema" },
        guidingQuestion: { nl: "?" },
        description: { nl: "" },
      })
      .returning();
    const [otherSession] = await db
      .insert(Session)
      .values({
        seriesId: otherSeriesId,
        themeId: theme?.id ?? "",
        position: 1,
        status: "scheduled",
        startsAt: new Date("2027-05-01T08:00:00Z"),
        roomName: newRoomName(),
      })
      .returning();
    otherSessionId = otherSession?.id ?? "";
    const [draft] = await db
      .insert(Series)
      .values({ slug: "concept", title: { nl: "Concept" }, organiser: "X" })
      .returning();

    const demo = { seriesSlug: DEMO_SERIES_SLUG };
    people.olga = await createParticipant(db, { ...demo, email: "olga@vgs.test", role: "organiser" });
    people.anne = await createParticipant(db, { ...demo, email: "anne@gemeente.test" });
    people.mo = await createParticipant(db, { ...demo, email: "mo@vgs.test", role: "moderator" });
    people.bart = await createParticipant(db, { ...demo, email: "bart@gemeente.test" });
    people.wim = await createParticipant(db, { ...demo, email: "wim@gemeente.test", status: "waitlisted" });
    people.ilse = await createParticipant(db, { ...demo, email: "ilse@gemeente.test", status: "interested" });
    people.dirk = await createParticipant(db, { ...demo, email: "dirk@gemeente.test", status: "interested" });
    people.otto = await createParticipant(db, {
      seriesId: otherSeriesId,
      email: "otto@elders.test",
      role: "organiser",
    });
    // Dora is a member of the draft only: a draft is its organisers' alone.
    people.dora = await createParticipant(db, { seriesId: draft?.id ?? "", email: "dora@gemeente.test" });
    const admin = await createPerson(db, { email: "admin@vgs.test" });
    await db.insert(Administrator).values({ personId: admin.id });
    administrator = { personId: admin.id };

    // Session 1 is over, with outcomes (a rejected and a merged one that members do not see) and questions.
    const [first, second] = sessionIds;
    await db
      .update(Session)
      .set({ status: "ended", startsAt: new Date("2027-01-10T13:00:00Z") })
      .where(eq(Session.id, first ?? ""));
    await db
      .update(Session)
      .set({ status: "scheduled", startsAt: new Date("2027-02-10T13:00:00Z") })
      .where(eq(Session.id, second ?? ""));
    const themeOf = await db.query.Session.findFirst({ where: eq(Session.id, first ?? "") });
    const outcome = (kind: "problem" | "action", status: "confirmed" | "rejected" = "confirmed") => ({
      seriesId,
      sessionId: first ?? "",
      themeId: themeOf?.themeId ?? "",
      kind,
      text: "x",
      attribution: "named" as const,
      status,
    });
    const [kept] = await db.insert(Outcome).values(outcome("problem")).returning();
    await db
      .insert(Outcome)
      .values([
        outcome("action"),
        outcome("action"),
        outcome("problem", "rejected"),
        { ...outcome("problem"), mergedIntoId: kept?.id ?? null },
      ]);
    await db.insert(Question).values([
      { sessionId: first ?? "", text: "q1" },
      { sessionId: first ?? "", text: "q2" },
    ]);
  });
  afterAll(() => handle?.close());

  it("refuses anonymous callers", async () => {
    await expect(callerFor(handle, null).home.mine()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(handle, null).home.mine()).rejects.toBeInstanceOf(TRPCError);
  });

  it("a member sees their series' agenda with dates, calendar links and past overviews; no to-do list", async () => {
    const home = await callerFor(handle, people.anne).home.mine();
    expect(home.administrator).toBe(false);
    expect(home.series.map((s) => s.slug)).toEqual([DEMO_SERIES_SLUG]);
    const [mine] = home.series;
    expect(mine?.role).toBe("member");
    expect(mine?.registration).toBe("approved");
    expect(mine?.organiser).toBeNull();
    const sessions = mine?.sessions ?? [];
    expect(sessions.map((s) => s.position)).toEqual([1, 2, 3, 4]);
    expect(sessions.map((s) => s.status)).toEqual(["ended", "scheduled", "draft", "draft"]);
    expect(sessions[1]?.startsAt).toBe("2027-02-10T13:00:00.000Z");
    expect(sessions[0]?.overview).toEqual({ outcomes: 3, actions: 2, questions: 2 });
    expect(sessions[1]?.overview).toBeNull();
    // A draft session has no date yet, so nothing to put in a calendar.
    expect(sessions[2]?.calendarPath).toBeNull();

    // The per-session link is the person's own feed token and gives exactly that session.
    const path = sessions[1]?.calendarPath ?? "";
    expect(path).toBe(`/calendar/${tokenOf(home.calendarFeedPath)}/${sessions[1]?.id}.ics`);
    const ics = await calendarFeedForToken(handle.db, tokenOf(path), mailConfig, {
      sessionId: sessions[1]?.id ?? "",
    });
    const parsed = parseIcs(ics ?? "");
    expect(parsed.events.map((e) => e.uid)).toEqual([sessionUid(sessions[1]?.id ?? "")]);
    expect(parsed.events[0]?.start).toBe("2027-02-10T13:00:00.000Z");
    // Another series' session is not in Anne's feed, so her token does not open it.
    expect(
      await calendarFeedForToken(handle.db, tokenOf(path), mailConfig, { sessionId: otherSessionId }),
    ).toBeNull();
  });

  it("waitlisted and pending people see their state, but no agenda", async () => {
    const wim = await callerFor(handle, people.wim).home.mine();
    expect(wim.series).toMatchObject([
      { slug: DEMO_SERIES_SLUG, registration: "waitlisted", sessions: null },
    ]);
    const ilse = await callerFor(handle, people.ilse).home.mine();
    expect(ilse.series).toMatchObject([{ registration: "interested", sessions: null, organiser: null }]);
  });

  it("an organiser sees what needs doing: registrations, unanswered availability, a plan, the next session", async () => {
    const olga = callerFor(handle, people.olga);
    let todo = (await olga.home.mine()).series[0]?.organiser;
    // No poll yet: nobody can have failed to answer it.
    expect(todo).toEqual({
      toReview: 2,
      notAnswered: null,
      planToConfirm: false,
      nextToStart: {
        id: sessionIds[1],
        position: 2,
        startsAt: "2027-02-10T13:00:00.000Z",
        status: "scheduled",
      },
    });

    // An open poll with dates for sessions 3 and 4 (1 and 2 are held): one member answered.
    const db = handle.db;
    await db.insert(SchedulingPoll).values({ seriesId, deadline: new Date("2099-01-01T00:00:00Z") });
    const slots = [];
    for (const sessionId of sessionIds.slice(2)) {
      const [slot] = await db
        .insert(CandidateSlot)
        .values({
          sessionId,
          startsAt: new Date("2027-06-01T13:00:00Z"),
          endsAt: new Date("2027-06-01T14:30:00Z"),
        })
        .returning();
      slots.push(slot?.id ?? "");
    }
    await db
      .insert(Availability)
      .values({ participantId: people.anne.participantId, slotId: slots[0] ?? "", answer: "yes" });
    todo = (await olga.home.mine()).series[0]?.organiser;
    // Bart and Mo have not answered (Olga, the organiser, is not asked); sessions 1 and 2 lack dates.
    expect(todo?.notAnswered).toBe(2);
    expect(todo?.planToConfirm).toBe(false);

    for (const sessionId of sessionIds.slice(0, 2)) {
      await db.insert(CandidateSlot).values({
        sessionId,
        startsAt: new Date("2027-07-01T13:00:00Z"),
        endsAt: new Date("2027-07-01T14:30:00Z"),
      });
    }
    todo = (await olga.home.mine()).series[0]?.organiser;
    expect(todo?.planToConfirm).toBe(true);

    // A live session comes before any scheduled one.
    await db
      .update(Session)
      .set({ status: "live" })
      .where(eq(Session.id, sessionIds[3] ?? ""));
    todo = (await olga.home.mine()).series[0]?.organiser;
    expect(todo?.nextToStart?.id).toBe(sessionIds[3]);
    await db
      .update(Session)
      .set({ status: "draft" })
      .where(eq(Session.id, sessionIds[3] ?? ""));

    // Once confirmed there is nothing left to plan or to answer.
    await db.update(SchedulingPoll).set({ status: "confirmed" }).where(eq(SchedulingPoll.seriesId, seriesId));
    todo = (await olga.home.mine()).series[0]?.organiser;
    expect(todo?.planToConfirm).toBe(false);
    expect(todo?.notAnswered).toBeNull();
  });

  it("an organiser of another series sees only that series, with its own counts", async () => {
    const home = await callerFor(handle, people.otto).home.mine();
    expect(home.series.map((s) => s.id)).toEqual([otherSeriesId]);
    expect(home.series[0]?.organiser).toMatchObject({ toReview: 0, notAnswered: null });
    expect(home.series[0]?.sessions?.map((s) => s.id)).toEqual([otherSessionId]);
    expect(JSON.stringify(home)).not.toContain(seriesId);
  });

  it("a moderator gets the member's agenda, not the organiser's to-do list", async () => {
    const home = await callerFor(handle, people.mo).home.mine();
    expect(home.series[0]).toMatchObject({ role: "moderator", organiser: null });
    expect(home.series[0]?.sessions).toHaveLength(4);
  });

  it("a draft series stays hidden from its members; an administrator is told so, with no series", async () => {
    expect((await callerFor(handle, people.dora).home.mine()).series).toEqual([]);
    const admin = await callerFor(handle, administrator).home.mine();
    expect(admin.administrator).toBe(true);
    expect(admin.series).toEqual([]);
  });
});
