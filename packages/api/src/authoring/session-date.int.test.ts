import { describe, expect, it } from "vitest";
import { parseIcs, useSchedulingWorld } from "../router/scheduling-world";
import { sessionUid } from "../scheduling";

describe("an organiser sets a session's date directly", () => {
  const { w, as, runJobsUntilIdle } = useSchedulingWorld();

  it("changing a confirmed date sends an update: same UID, SEQUENCE 1, and a mail that says it changed", async () => {
    const sessionId = w.sessionIds[0] ?? "";
    const first = new Date("2031-03-04T14:00:00.000Z");
    const moved = new Date("2031-03-11T14:00:00.000Z");
    let series = await as("organiser").authoring.get({ seriesId: w.seriesId });
    series = await as("organiser").authoring.setSessionDate({
      seriesId: w.seriesId,
      expectedVersion: series.version,
      sessionId,
      startsAt: first.toISOString(),
    });
    await runJobsUntilIdle();
    const invitation = await w.sink.waitFor(
      (m) => m.to.includes("anne@gemeente.test") && m.subject.startsWith("Uitnodiging"),
    );
    expect(parseIcs(invitation.attachments[0]?.content ?? "").events[0]).toMatchObject({
      uid: sessionUid(sessionId),
      sequence: 0,
    });

    await as("organiser").authoring.setSessionDate({
      seriesId: w.seriesId,
      expectedVersion: series.version,
      sessionId,
      startsAt: moved.toISOString(),
    });
    await runJobsUntilIdle();
    const update = await w.sink.waitFor(
      (m) => m.to.includes("anne@gemeente.test") && m.subject.startsWith("Gewijzigd"),
    );
    const ics = update.attachments[0]?.content ?? "";
    expect(ics).toContain("SEQUENCE:1");
    expect(parseIcs(ics).events[0]).toMatchObject({
      uid: sessionUid(sessionId),
      sequence: 1,
      start: moved.toISOString(),
    });
    expect(update.text).toMatch(/is gewijzigd/);
  });

  it("refuses a date in the past with a translated field error", async () => {
    const series = await as("organiser").authoring.get({ seriesId: w.seriesId });
    await expect(
      as("organiser").authoring.setSessionDate({
        seriesId: w.seriesId,
        expectedVersion: series.version,
        sessionId: w.sessionIds[1] ?? "",
        startsAt: "2001-01-01T10:00:00.000Z",
      }),
    ).rejects.toThrow(/toekomst/);
  });
});
