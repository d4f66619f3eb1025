import { randomUUID } from "node:crypto";
import { eq, Job, SchedulingPoll } from "@reeks/db";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { localizedFieldErrors } from "../errors";
import { calendarFeedForToken, ensureCalendarFeedToken, sessionUid } from "../scheduling";
import { mailConfig, parseIcs, useSchedulingWorld } from "./scheduling-world";

describe("scheduling procedures", () => {
  const { w, as, people, runJobsUntilIdle } = useSchedulingWorld();

  it("stores slots typed in Amsterdam time correctly on both sides of the end of DST", async () => {
    // Session 1 before 31 October 2027 (CEST, UTC+2), the others after (CET, UTC+1).
    const days = [
      ["2027-10-26", "2027-10-28"],
      ["2027-11-16", "2027-11-18"],
      ["2027-12-07", "2027-12-09"],
      ["2028-01-11", "2028-01-13"],
    ];
    for (const [i, sessionId] of w.sessionIds.entries()) {
      const slots = (days[i] ?? []).map((date) => ({ date, start: "15:00", end: "16:30" }));
      await as("organiser").scheduling.addSlots({ seriesId: w.seriesId, sessionId, slots });
    }
    const view = await as("organiser").scheduling.overview({ seriesId: w.seriesId });
    const first = view.sessions[0]?.slots[0];
    const second = view.sessions[1]?.slots[0];
    expect(first).toMatchObject({ date: "2027-10-26", start: "15:00", end: "16:30" });
    expect(first?.startsAt).toBe("2027-10-26T13:00:00.000Z");
    expect(second).toMatchObject({ date: "2027-11-16", start: "15:00", end: "16:30" });
    expect(second?.startsAt).toBe("2027-11-16T14:00:00.000Z");
  });

  it("refuses a time skipped by DST with a translated field error, and a session of another series", async () => {
    const error = await as("organiser")
      .scheduling.addSlots({
        seriesId: w.seriesId,
        sessionId: w.sessionIds[0] ?? "",
        slots: [{ date: "2028-03-26", start: "02:30", end: "03:30" }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    const fieldErrors = localizedFieldErrors((error as TRPCError).cause as never, "nl");
    expect(fieldErrors["slots.0.start"]?.[0]).toMatch(/zomer- of wintertijd/);
    const badSession = await as("organiser")
      .scheduling.addSlots({ seriesId: randomUUID(), sessionId: w.sessionIds[0] ?? "", slots: [] })
      .catch((e: unknown) => e);
    expect((badSession as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("lets only organisers set up the poll, and only approved participants answer", async () => {
    await expect(
      as("anne").scheduling.saveSettings({
        seriesId: w.seriesId,
        deadline: "2026-10-01",
        minGapDays: 14,
        maxGapDays: 42,
        showAnswersToMembers: false,
        requiredParticipantIds: [],
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await as("organiser").scheduling.saveSettings({
      seriesId: w.seriesId,
      deadline: "2099-10-01",
      minGapDays: 14,
      maxGapDays: 42,
      showAnswersToMembers: false,
      requiredParticipantIds: [people.speaker?.participantId ?? ""],
    });
    await expect(as("wachtend").scheduling.myPoll({ seriesId: w.seriesId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(as("anne").scheduling.suggest({ seriesId: w.seriesId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const badGap = await as("organiser")
      .scheduling.saveSettings({
        seriesId: w.seriesId,
        deadline: "2099-10-01",
        minGapDays: 30,
        maxGapDays: 10,
        showAnswersToMembers: false,
        requiredParticipantIds: [],
      })
      .catch((e: unknown) => e);
    expect((badGap as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("keeps members' answers private unless the organiser shares them; answers can change", async () => {
    const view = await as("anne").scheduling.myPoll({ seriesId: w.seriesId });
    const slotIds = view.sessions.map((s) => s.slots.map((slot) => slot.id));
    // Everyone can do the second slot of each session; anne only "if need be" on session 2's second slot.
    const answerAll = async (
      key: string,
      pick: (session: number, slot: number) => "yes" | "if_need_be" | "no",
    ) => {
      await as(key).scheduling.answer({
        seriesId: w.seriesId,
        answers: slotIds.flatMap((ids, s) => ids.map((slotId, i) => ({ slotId, answer: pick(s, i) }))),
      });
    };
    await answerAll("speaker", () => "yes");
    await answerAll("anne", (s, i) => (i === 0 ? "yes" : s === 1 ? "if_need_be" : "yes"));
    await answerAll("bart", (_s, i) => (i === 1 ? "yes" : "no"));
    await answerAll("carla", () => "no");
    await answerAll("carla", (_s, i) => (i === 1 ? "yes" : "no"));
    const own = await as("anne").scheduling.myPoll({ seriesId: w.seriesId });
    expect(own.people.map((p) => p.name)).toEqual(["anne"]);
    expect(new Set(own.answers.map((a) => a.participantId))).toEqual(new Set([people.anne?.participantId]));
    const carla = await as("organiser").scheduling.overview({ seriesId: w.seriesId });
    expect(
      carla.answers.filter((a) => a.participantId === people.carla?.participantId && a.answer === "yes"),
    ).toHaveLength(4);
    const foreignSlot = await as("anne")
      .scheduling.answer({ seriesId: w.seriesId, answers: [{ slotId: randomUUID(), answer: "yes" }] })
      .catch((e: unknown) => e);
    expect((foreignSlot as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("suggests the plan everyone can attend, with fewest if-need-be, and who misses what", async () => {
    const suggestion = await as("organiser").scheduling.suggest({ seriesId: w.seriesId });
    const best = suggestion.plans[0];
    expect(suggestion.respondents).toBe(4);
    expect(best?.slots.map((s) => s.date)).toEqual(["2027-10-28", "2027-11-18", "2027-12-09", "2028-01-13"]);
    expect(best?.score).toEqual({ fullAttendance: 4, ifNeedBe: 1, attendance: 16 });
    expect(best?.missing.map((m) => m.people)).toEqual([[], [], [], []]);
    expect(best?.ifNeedBe.map((m) => m.people.map((p) => p.name))).toEqual([[], ["anne"], [], []]);
    expect(suggestion.plans[1]?.score.fullAttendance).toBeLessThan(4);
  });

  it("confirms the plan: sessions scheduled, invitations with REQUEST and a stable UID reach everyone", async () => {
    const suggestion = await as("organiser").scheduling.suggest({ seriesId: w.seriesId });
    const slotIds = suggestion.plans[0]?.slots.map((s) => s.id) ?? [];
    await expect(as("anne").scheduling.confirm({ seriesId: w.seriesId, slotIds })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // The first session has an agenda: it goes into the mail and the calendar's description.
    const sessionId = w.sessionIds[0] ?? "";
    const { version } = await as("organiser").agenda.get({ sessionId });
    await as("organiser").agenda.save({
      sessionId,
      version,
      segments: [
        { title: { nl: "Welkom", en: "Welcome" }, kind: "welcome", plannedMinutes: 5 },
        { title: { nl: "Gesprek" }, kind: "plenary", plannedMinutes: 30 },
      ].map((s) => ({
        ...s,
        kind: s.kind as "welcome" | "plenary",
        speakerId: null,
        questionIds: [],
        pollIds: [],
      })),
    });
    const confirmed = await as("organiser").scheduling.confirm({ seriesId: w.seriesId, slotIds });
    expect(confirmed.sessions.map((s) => s.sequence)).toEqual([0, 0, 0, 0]);
    await runJobsUntilIdle();
    const invite = await w.sink.waitFor(
      (m) => m.to.includes("anne@gemeente.test") && m.subject.includes("Sessie 1"),
    );
    expect(invite.subject).toMatch(/^Uitnodiging:/);
    const ics = invite.attachments.find((a) => a.filename.endsWith(".ics"));
    const parsed = parseIcs(ics?.content ?? "");
    expect(parsed.method).toBe("REQUEST");
    // Planned clock times in Amsterdam (summer time until 31 October 2027).
    const programme = "Agenda:\n15:00  Welkom (5 min)\n15:05  Gesprek (30 min)";
    expect(invite.text).toContain(programme);
    expect(parsed.events).toEqual([
      {
        uid: sessionUid(w.sessionIds[0] ?? ""),
        sequence: 0,
        start: "2027-10-28T13:00:00.000Z",
        status: "CONFIRMED",
        description: expect.stringContaining(programme),
      },
    ]);
    // Every approved participant (5), four sessions; not the one still waiting for approval.
    const invitations = w.sink.messages().filter((m) => /^Uitnodiging:/.test(m.subject));
    expect(invitations).toHaveLength(20);
    expect(invitations.some((m) => m.to.includes("wachtend@gemeente.test"))).toBe(false);
    const poll = await w.handle.db.query.SchedulingPoll.findFirst({
      where: eq(SchedulingPoll.seriesId, w.seriesId),
    });
    expect(poll?.status).toBe("confirmed");
  });

  it("moving a session sends an update with a higher SEQUENCE, cancelling sends CANCEL; the feed follows", async () => {
    const view = await as("organiser").scheduling.overview({ seriesId: w.seriesId });
    const slotIds = view.sessions.map((s, i) => (i === 3 ? s.slots[0]?.id : s.slots[1]?.id) ?? "");
    await as("organiser").scheduling.confirm({ seriesId: w.seriesId, slotIds });
    await runJobsUntilIdle();
    const update = await w.sink.waitFor(
      (m) => m.to.includes("bart@gemeente.test") && m.subject.startsWith("Gewijzigd"),
    );
    const parsedUpdate = parseIcs(update.attachments[0]?.content ?? "");
    expect(parsedUpdate.method).toBe("REQUEST");
    expect(parsedUpdate.events[0]).toMatchObject({ uid: sessionUid(w.sessionIds[3] ?? ""), sequence: 1 });
    expect(parsedUpdate.events[0]?.start).toBe("2028-01-11T14:00:00.000Z");
    // Unchanged sessions are not sent again.
    expect(w.sink.messages().filter((m) => m.subject.startsWith("Gewijzigd"))).toHaveLength(5);

    await as("organiser").scheduling.cancelSession({
      seriesId: w.seriesId,
      sessionId: w.sessionIds[3] ?? "",
    });
    await runJobsUntilIdle();
    const cancel = await w.sink.waitFor(
      (m) => m.to.includes("bart@gemeente.test") && m.subject.startsWith("Geannuleerd"),
    );
    const parsedCancel = parseIcs(cancel.attachments[0]?.content ?? "");
    expect(parsedCancel.method).toBe("CANCEL");
    expect(parsedCancel.events[0]).toMatchObject({
      uid: sessionUid(w.sessionIds[3] ?? ""),
      sequence: 2,
      status: "CANCELLED",
    });

    const token = await ensureCalendarFeedToken(w.handle.db, people.bart?.personId ?? "");
    const feed = parseIcs((await calendarFeedForToken(w.handle.db, token, mailConfig)) ?? "");
    expect(feed.method).toBe("PUBLISH");
    expect(feed.events.map((e) => [e.uid, e.sequence, e.status])).toEqual([
      [sessionUid(w.sessionIds[0] ?? ""), 0, "CONFIRMED"],
      [sessionUid(w.sessionIds[1] ?? ""), 0, "CONFIRMED"],
      [sessionUid(w.sessionIds[2] ?? ""), 0, "CONFIRMED"],
      [sessionUid(w.sessionIds[3] ?? ""), 2, "CANCELLED"],
    ]);
    expect(await calendarFeedForToken(w.handle.db, "not-a-token", mailConfig)).toBeNull();
    const feedPath = await as("bart").scheduling.calendarFeed();
    expect(feedPath.path).toBe(`/calendar/${token}.ics`);
  });

  it("queues day and hour reminders for each session, and a reminder to non-responders", async () => {
    const jobs = await w.handle.db.select().from(Job);
    const reminders = jobs.filter((j) => j.kind === "scheduling.session-reminders");
    const first = reminders.find((j) =>
      j.idempotencyKey.includes(`${w.sessionIds[0]}:2027-10-28T13:00:00.000Z:hour`),
    );
    expect(first?.runAt.toISOString()).toBe("2027-10-28T12:00:00.000Z");
    const poll = jobs.find((j) => j.kind === "scheduling.poll-reminders");
    // Deadline 1 October 2099 ends at local midnight (UTC+2 in summer); reminder three days before.
    expect(poll?.runAt.toISOString()).toBe("2099-09-28T22:00:00.000Z");
  });

  it("refuses answers after the deadline", async () => {
    await w.handle.db
      .update(SchedulingPoll)
      .set({ status: "open", deadline: new Date(Date.now() - 1000) })
      .where(eq(SchedulingPoll.seriesId, w.seriesId));
    const view = await as("anne").scheduling.myPoll({ seriesId: w.seriesId });
    expect(view.poll?.open).toBe(false);
    await expect(
      as("anne").scheduling.answer({
        seriesId: w.seriesId,
        answers: [{ slotId: view.sessions[0]?.slots[0]?.id ?? "", answer: "no" }],
      }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("confirming a plan twice at once (a double click) mails each person once", async () => {
    // Session 4 was cancelled above; both clicks put it back on the same date.
    const view = await as("organiser").scheduling.overview({ seriesId: w.seriesId });
    const slotIds = view.sessions.map(
      (s, i) => (i === 3 ? s.slots[1]?.id : s.slots.find((slot) => slot.startsAt === s.startsAt)?.id) ?? "",
    );
    const before = w.sink.messages().length;
    const [first, second] = await Promise.all([
      as("organiser").scheduling.confirm({ seriesId: w.seriesId, slotIds }),
      as("organiser").scheduling.confirm({ seriesId: w.seriesId, slotIds }),
    ]);
    expect(second?.sessions.map((s) => s.sequence)).toEqual(first?.sessions.map((s) => s.sequence));
    await runJobsUntilIdle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const fresh = w.sink.messages().slice(before);
    // Five approved people, one mail each about session 4; nothing about the unchanged sessions.
    expect(fresh.filter((m) => m.subject.includes("Sessie 4"))).toHaveLength(5);
    expect(fresh).toHaveLength(5);
  });
});
