import { AgendaSegment, type DatabaseHandle, eq, LiveEvent, Poll, Session } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { seriesArchive } from "@reeks/exports";
import type { AgendaSegmentInput } from "@reeks/models";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionActor } from "../actor";
import { assembleSeriesExport } from "../exports/assemble";
import { type CaptureWorld, callerFor, captureWorld, errorOf, setSessionStatus } from "../testing";
import { loadAgenda } from "./records";
import { saveAgenda } from "./save";
import { advanceAgenda, pauseAgenda, resumeAgenda, startAgenda } from "./timer";

const segment = (nl: string, plannedMinutes: number, extra: Partial<AgendaSegmentInput> = {}) => ({
  title: { nl },
  kind: "plenary" as const,
  plannedMinutes,
  speakerId: null,
  questionIds: [],
  pollIds: [],
  ...extra,
});

function raise(): never {
  throw new Error("no export data");
}

describe("agenda per session and its timer", () => {
  let handle: DatabaseHandle;
  let world: CaptureWorld;
  let sessionId: string;
  const as = (p: { personId: string }, locale: "nl" | "en" = "en") => callerFor(handle, p, locale);

  beforeAll(async () => {
    handle = await createTestDatabase();
    world = await captureWorld(handle);
    sessionId = world.sessions[0]?.id ?? "";
  });
  beforeEach(async () => {
    await setSessionStatus(handle, sessionId, "draft");
    const agenda = await as(world.organiser).agenda.get({ sessionId });
    if (agenda.timer.status === "running" || agenda.timer.status === "paused") {
      await setSessionStatus(handle, sessionId, "live");
      let current = agenda.timer.currentSegmentId;
      while (current) {
        const next = await as(world.moderator).agenda.advance({ sessionId, fromSegmentId: current });
        current = next.timer.currentSegmentId;
      }
      await setSessionStatus(handle, sessionId, "draft");
    }
  });
  afterAll(() => handle?.close());

  async function actorOf(p: CaptureWorld["moderator"]): Promise<SessionActor> {
    const session = await handle.db.query.Session.findFirst({ where: eq(Session.id, sessionId) });
    if (!session) throw new Error("no session");
    return {
      personId: p.personId,
      participantId: p.participantId,
      role: p.role,
      seriesId: world.seriesId,
      session,
    };
  }

  it("saves in order, keeps ids on reorder, and refuses a stale version with the agenda as it is", async () => {
    const organiser = as(world.organiser);
    const before = await organiser.agenda.get({ sessionId });
    const saved = await organiser.agenda.save({
      sessionId,
      version: before.version,
      segments: [
        segment("Welkom", 5, { kind: "welcome", title: { nl: "Welkom", en: "Welcome" } }),
        segment("Inleiding", 15, { kind: "introduction", speakerId: world.moderator.participantId }),
        segment("Afsluiting", 5, { kind: "closing" }),
      ],
    });
    expect(saved.segments.map((s) => s.title.nl)).toEqual(["Welkom", "Inleiding", "Afsluiting"]);
    expect(saved.segments[1]?.speaker?.name).toBe(world.moderator.name);
    expect(saved.version).toBe(before.version + 1);

    // A moderator reorders (swapping two positions must not trip the unique position).
    const [a, b, c] = saved.segments;
    if (!a || !b || !c) throw new Error("three segments expected");
    const reordered = await as(world.moderator).agenda.save({
      sessionId,
      version: saved.version,
      segments: [c, a, b].map((s) => ({
        id: s.id,
        title: s.title,
        kind: s.kind,
        plannedMinutes: s.plannedMinutes,
        speakerId: s.speaker?.participantId ?? null,
        questionIds: s.questionIds,
        pollIds: s.pollIds,
      })),
    });
    expect(reordered.segments.map((s) => s.id)).toEqual([c.id, a.id, b.id]);

    // The organiser's editor still holds the old version: a conflict carrying what won.
    const stale = await errorOf(organiser.agenda.save({ sessionId, version: saved.version, segments: [] }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toBe("Someone else changed this in the meantime. You now see their version.");
    const conflict = (stale.cause as { current?: { segments: Array<{ id: string }> } } | undefined)?.current;
    expect(conflict?.segments.map((s) => s.id)).toEqual([c.id, a.id, b.id]);
    // Nothing of the stale save was written.
    expect((await organiser.agenda.get({ sessionId })).segments).toHaveLength(3);

    // Members see it but may not edit it.
    expect((await as(world.member).agenda.get({ sessionId })).segments).toHaveLength(3);
    const refused = await errorOf(
      as(world.member).agenda.save({ sessionId, version: reordered.version, segments: [] }),
    );
    expect(refused.code).toBe("FORBIDDEN");
  });

  it("says what is wrong in the caller's language, never a 500", async () => {
    const moderator = as(world.moderator, "nl");
    const { version } = await moderator.agenda.get({ sessionId });
    const foreignPoll = await errorOf(
      moderator.agenda.save({
        sessionId,
        version,
        segments: [segment("Peiling", 5, { pollIds: ["00000000-0000-4000-8000-000000000000"] })],
      }),
    );
    expect(foreignPoll.code).toBe("NOT_FOUND");
    expect(foreignPoll.message).toBe("Deze peiling bestaat niet in deze sessie.");
    expect(foreignPoll.message).not.toMatch(/select|agenda_segment|at .*\.ts/i);
    const unknownSpeaker = await errorOf(
      moderator.agenda.save({
        sessionId,
        version,
        segments: [segment("Spreker", 5, { speakerId: "00000000-0000-4000-8000-000000000000" })],
      }),
    );
    expect(unknownSpeaker.message).toBe("Deze spreker is geen deelnemer van deze reeks.");
    const started = await errorOf(as(world.moderator, "en").agenda.start({ sessionId }));
    expect(started.code).toBe("PRECONDITION_FAILED");
    expect(started.message).toBe("The timer can only run while the session is live.");

    const nasty = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.string({ unit: "grapheme", maxLength: 300 }),
      fc.constantFrom("", " ", "\u0000", "<script>", "a".repeat(201)),
    );
    await fc.assert(
      fc.asyncProperty(
        nasty,
        fc.oneof(fc.integer({ min: -5, max: 700 }), fc.double()),
        fc.oneof(fc.constantFrom("welcome", "closing"), fc.string({ maxLength: 12 })),
        async (title, plannedMinutes, kind) => {
          const current = await moderator.agenda.get({ sessionId });
          const result = await moderator.agenda
            .save({
              sessionId,
              version: current.version,
              segments: [{ ...segment(title, 1), plannedMinutes, kind } as AgendaSegmentInput],
            })
            .then(
              () => null,
              (e: { code?: string }) => e.code,
            );
          expect(result).not.toBe("INTERNAL_SERVER_ERROR");
        },
      ),
      { numRuns: 60 },
    );

    await setSessionStatus(handle, sessionId, "ended");
    const over = await errorOf(moderator.agenda.save({ sessionId, version, segments: [] }));
    expect(over.code).toBe("PRECONDITION_FAILED");
  });

  it("keeps the clock on the server: start, pause, resume and advance by the server's time", async () => {
    const db = handle.db;
    await setSessionStatus(handle, sessionId, "live");
    const actor = await actorOf(world.moderator);
    const current = await loadAgenda(db, sessionId, async () => new Date());
    const saved = await saveAgenda(
      db,
      { version: current.version, segments: [segment("Een", 2), segment("Twee", 3)] },
      { ...actor, session: { ...actor.session, status: "live" } },
    );
    const [one, two] = saved.segments;
    if (!one || !two) throw new Error("two segments expected");
    const t0 = Date.parse("2026-03-02T10:00:00Z");
    let now = t0;
    const clock = async () => new Date(now);
    const liveActor = { ...actor, session: { ...actor.session, status: "live" as const } };

    const started = await startAgenda(db, liveActor, clock);
    expect(started.timer).toMatchObject({ status: "running", currentSegmentId: one.id, elapsedMs: 0 });
    expect(started.timer.startedAt).toBe(new Date(t0).toISOString());

    now = t0 + 30_000;
    const running = await loadAgenda(db, sessionId, clock);
    expect(running.timer.elapsedMs).toBe(30_000);
    expect(running.timer.serverNow).toBe(new Date(now).toISOString());

    now = t0 + 40_000;
    const paused = await pauseAgenda(db, liveActor, clock);
    expect(paused.timer).toMatchObject({ status: "paused", elapsedMs: 40_000, runningSince: null });
    now = t0 + 100_000;
    expect((await loadAgenda(db, sessionId, clock)).timer.elapsedMs).toBe(40_000);
    expect((await errorOf(as(world.moderator).agenda.pause({ sessionId }))).code).toBe("PRECONDITION_FAILED");

    const resumed = await resumeAgenda(db, liveActor, clock);
    expect(resumed.timer).toMatchObject({ status: "running", elapsedMs: 40_000 });
    now = t0 + 110_000;
    expect((await loadAgenda(db, sessionId, clock)).timer.elapsedMs).toBe(50_000);

    now = t0 + 130_000;
    const advanced = await advanceAgenda(db, { fromSegmentId: one.id }, liveActor, clock);
    expect(advanced.timer).toMatchObject({ status: "running", currentSegmentId: two.id, elapsedMs: 0 });
    const first = advanced.segments[0];
    expect(first?.actualMs).toBe(70_000);
    expect(first?.actualStartedAt).toBe(new Date(t0).toISOString());
    expect(first?.actualEndedAt).toBe(new Date(t0 + 130_000).toISOString());
    expect(advanced.segments[1]?.actualStartedAt).toBe(new Date(t0 + 130_000).toISOString());

    // A second moderator clicking "next" on the segment that already ended does not skip one.
    const twice = await errorOf(as(world.moderator2).agenda.advance({ sessionId, fromSegmentId: one.id }));
    expect(twice.code).toBe("CONFLICT");

    // The segment that runs cannot be removed from under the timer.
    const removing = await errorOf(
      as(world.organiser).agenda.save({
        sessionId,
        version: advanced.version,
        segments: [segment("Nieuw", 1)],
      }),
    );
    expect(removing.code).toBe("CONFLICT");

    now = t0 + 400_000;
    const finished = await advanceAgenda(db, { fromSegmentId: two.id }, liveActor, clock);
    expect(finished.timer).toMatchObject({ status: "finished", currentSegmentId: null });
    expect(finished.segments[1]?.actualMs).toBe(270_000);

    // After the session: planned against actual in the JSON archive.
    const data = await assembleSeriesExport(db, { seriesId: world.seriesId });
    const archive = JSON.parse(JSON.stringify(seriesArchive(data ?? raise())));
    expect(archive.sessions.find((s: { id: string }) => s.id === sessionId)?.agenda).toEqual([
      expect.objectContaining({
        title: { nl: "Een" },
        plannedMinutes: 2,
        actualMinutes: 1.2,
        actualStartedAt: new Date(t0).toISOString(),
      }),
      expect.objectContaining({ title: { nl: "Twee" }, plannedMinutes: 3, actualMinutes: 4.5 }),
    ]);

    const events = await db.select().from(LiveEvent).where(eq(LiveEvent.type, "agenda"));
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.every((e) => (e.data as { sessionId?: string }).sessionId === sessionId)).toBe(true);
  });

  it("runs on the database clock through the API: two reads agree with the time between them", async () => {
    await setSessionStatus(handle, sessionId, "live");
    const moderator = as(world.moderator);
    const { version } = await moderator.agenda.get({ sessionId });
    await moderator.agenda.save({ sessionId, version, segments: [segment("Kort", 1)] });
    const started = await moderator.agenda.start({ sessionId });
    expect(started.timer.status).toBe("running");
    await new Promise((r) => setTimeout(r, 600));
    const later = await as(world.member).agenda.get({ sessionId });
    const between = Date.parse(later.timer.serverNow) - Date.parse(started.timer.serverNow);
    expect(between).toBeGreaterThanOrEqual(550);
    expect(Math.abs(later.timer.elapsedMs - started.timer.elapsedMs - between)).toBeLessThan(5);
  });

  it("opens a segment's linked poll and puts its linked question forward in one action", async () => {
    await setSessionStatus(handle, sessionId, "live");
    const moderator = as(world.moderator);
    const poll = await moderator.capture.poll.create({
      sessionId,
      question: "Eens?",
      kind: "single",
      options: ["Ja", "Nee"],
    });
    const question = await as(world.member).capture.question.ask({ sessionId, text: "Wie beslist?" });
    const { version } = await moderator.agenda.get({ sessionId });
    const saved = await moderator.agenda.save({
      sessionId,
      version,
      segments: [segment("Plenair", 20, { pollIds: [poll.id], questionIds: [question.id] })],
    });
    const segmentId = saved.segments[0]?.id ?? "";
    expect((await errorOf(as(world.member).agenda.openLinked({ sessionId, segmentId }))).code).toBe(
      "FORBIDDEN",
    );
    const opened = await moderator.agenda.openLinked({ sessionId, segmentId });
    expect(opened).toEqual({ pollsOpened: 1, questionsHighlighted: 1 });
    const [stored] = await handle.db.select().from(Poll).where(eq(Poll.id, poll.id));
    expect(stored?.status).toBe("open");
    const questions = await moderator.capture.session({ sessionId });
    expect(questions.questions.find((q) => q.id === question.id)?.highlighted).toBe(true);
    const stored2 = await handle.db.select().from(AgendaSegment).where(eq(AgendaSegment.id, segmentId));
    expect(stored2).toHaveLength(1);
  });
});
