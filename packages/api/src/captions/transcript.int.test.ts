import {
  AuditEntry,
  and,
  CaptionLine,
  CaptionLineRevision,
  eq,
  inArray,
  Outcome,
  Series,
  Session,
} from "@reeks/db";
import { seriesArchive } from "@reeks/exports";
import { readVtt } from "@reeks/exports/test-readers";
import type { Attribution } from "@reeks/models";
import { describe, expect, it } from "vitest";
import { eraseMyAccount, exportMyData } from "../accounts/my-data";
import { purgeExpiredSeries } from "../accounts/retention";
import { assembleSeriesExport } from "../exports/assemble";
import { callerFor, errorOf, insertCaptionLines, setSessionStatus } from "../testing";
import { useCaptureWorld } from "../testing/use-capture-world";

const decode = (file: { base64: string }) => Buffer.from(file.base64, "base64").toString("utf8");

describe("the transcript", () => {
  const t = useCaptureWorld();

  async function setAttribution(attribution: Attribution) {
    await t.handle.db
      .update(Series)
      .set({ defaultAttribution: attribution })
      .where(eq(Series.id, t.world.seriesId));
  }

  /** A fresh session of its own per test: the demo series has four. */
  function session(index: number): string {
    const id = t.world.sessions[index]?.id;
    if (!id) throw new Error("no such session");
    return id;
  }

  it("members read it once the session has ended, moderators at any time; search and language filter", async () => {
    const { handle, world } = t;
    const sessionId = session(0);
    await setSessionStatus(handle, sessionId, "live");
    await insertCaptionLines(handle.db, sessionId, [
      { text: "Welkom allemaal bij de eerste sessie.", speakerParticipantId: world.moderator.participantId },
      { text: "We beginnen met 100% inzet_", authorParticipantId: world.member.participantId },
      { text: "Welcome to everyone following in English.", language: "en" },
    ]);
    const member = callerFor(handle, world.member, "en");
    const early = await errorOf(member.captions.transcript({ sessionId }));
    expect(early.code).toBe("PRECONDITION_FAILED");
    expect(early.message).toBe("The transcript can be read once the session has ended.");
    const nlMember = callerFor(handle, world.member, "nl");
    expect((await errorOf(nlMember.captions.transcript({ sessionId }))).message).toBe(
      "Het transcript is te lezen zodra de sessie is afgelopen.",
    );

    const moderator = callerFor(handle, world.moderator);
    const live = await moderator.captions.transcript({ sessionId });
    expect(live.lines.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(live.languages).toEqual(["en", "nl"]);
    expect(live.canLift).toBe(true);
    expect(live.canCorrect).toBe(false);

    await setSessionStatus(handle, sessionId, "ended");
    const after = await member.captions.transcript({ sessionId });
    expect(after.lines).toHaveLength(3);
    expect(after.canLift).toBe(false);
    // A search is literal text, case-insensitive: "%" and "_" are not wildcards.
    expect(
      (await member.captions.transcript({ sessionId, query: "WELKOM" })).lines.map((l) => l.seq),
    ).toEqual([1]);
    expect((await member.captions.transcript({ sessionId, query: "100%" })).lines.map((l) => l.seq)).toEqual([
      2,
    ]);
    expect((await member.captions.transcript({ sessionId, query: "e_e" })).lines).toEqual([]);
    expect((await member.captions.transcript({ sessionId, language: "en" })).lines.map((l) => l.seq)).toEqual(
      [3],
    );
  });

  it("Chatham House: only organisers see speakers; every export carries no name", async () => {
    const { handle, world } = t;
    const sessionId = session(1);
    await setAttribution("chatham_house");
    await setSessionStatus(handle, sessionId, "ended");
    const speaker = world.member2;
    await insertCaptionLines(handle.db, sessionId, [
      { text: "Ik vind dat we moeten versnellen.", speakerParticipantId: speaker.participantId },
      { text: "[applaus]" },
    ]);
    const organiser = callerFor(handle, world.organiser);
    const seen = await organiser.captions.transcript({ sessionId });
    expect(seen.speakerNames).toBe(true);
    expect(seen.lines[0]?.speaker?.name).toBe(speaker.person.name);
    for (const viewer of [world.member, world.moderator]) {
      const view = await callerFor(handle, viewer).captions.transcript({ sessionId });
      expect(view.speakerNames).toBe(false);
      expect(view.lines.map((l) => l.speaker)).toEqual([null, null]);
      expect(JSON.stringify(view)).not.toContain(speaker.participantId);
    }
    // Not even the organiser's own download names anyone: a file leaves the room.
    for (const format of ["vtt", "txt", "md"] as const) {
      const text = decode(await organiser.captions.exportTranscript({ sessionId, format, locale: "nl" }));
      expect(text).toContain("Ik vind dat we moeten versnellen.");
      expect(text).not.toContain(speaker.person.name);
    }
    const vtt = readVtt(
      decode(await organiser.captions.exportTranscript({ sessionId, format: "vtt", locale: "en" })),
    );
    expect(vtt.cues.map((c) => c.voice)).toEqual([null, null]);

    const archive = seriesArchive(
      (await assembleSeriesExport(handle.db, { seriesId: world.seriesId })) ?? fail(),
    );
    const lines = archive.transcript.filter((l) => l.sessionId === sessionId);
    expect(lines.map((l) => [l.text, l.speaker])).toEqual([
      ["Ik vind dat we moeten versnellen.", null],
      ["[applaus]", null],
    ]);
    expect(JSON.stringify(lines)).not.toContain(speaker.person.name);

    await setAttribution("named");
    const named = await callerFor(handle, world.member).captions.transcript({ sessionId });
    expect(named.lines[0]?.speaker?.name).toBe(speaker.person.name);
    const namedArchive = seriesArchive(
      (await assembleSeriesExport(handle.db, { seriesId: world.seriesId })) ?? fail(),
    );
    expect(namedArchive.transcript.find((l) => l.sessionId === sessionId)?.speaker).toBe(speaker.person.name);
  });

  it("exports WebVTT that a strict parser reads back, cue per line, timed from the session start", async () => {
    const { handle, world } = t;
    const sessionId = session(2);
    await setAttribution("named");
    const startsAt = new Date("2026-03-14T14:00:00Z");
    await handle.db.update(Session).set({ startsAt, status: "ended" }).where(eq(Session.id, sessionId));
    const at = (s: number) => new Date(startsAt.getTime() + s * 1000);
    await insertCaptionLines(handle.db, sessionId, [
      {
        text: "Goedemiddag <iedereen> & welkom",
        spokenAt: at(62),
        speakerParticipantId: world.moderator.participantId,
      },
      // Posted late by an external service but said earlier: it goes where it was said.
      { text: "Dit werd eerder gezegd --> echt", spokenAt: at(61.5), source: "api" },
      { text: "Derde regel", spokenAt: at(3700) },
    ]);
    const member = callerFor(handle, world.member);
    const file = await member.captions.exportTranscript({ sessionId, format: "vtt", locale: "nl" });
    expect(file.mimeType).toBe("text/vtt; charset=utf-8");
    expect(file.fileName).toMatch(/^transcript-.+\.vtt$/);
    const { header, cues } = readVtt(decode(file));
    expect(header).toMatch(/^WEBVTT - Transcript: /);
    expect(cues.map((c) => [c.id, c.startMs, c.endMs, c.text, c.voice])).toEqual([
      ["2", 61_500, 63_000, "Dit werd eerder gezegd --> echt", null],
      ["1", 62_000, 70_000, "Goedemiddag <iedereen> & welkom", world.moderator.person.name],
      ["3", 3_700_000, 3_708_000, "Derde regel", null],
    ]);
    const text = decode(await member.captions.exportTranscript({ sessionId, format: "txt", locale: "en" }));
    // Amsterdam wall clock (CET in March): 15:01:02.
    expect(text).toContain(`[15:01:02] ${world.moderator.person.name}: Goedemiddag <iedereen> & welkom`);
  });

  it("an organiser corrects a line; every earlier version stays in its history", async () => {
    const { handle, world } = t;
    const sessionId = session(3);
    await setAttribution("chatham_house");
    await setSessionStatus(handle, sessionId, "ended");
    const [line, other] = await insertCaptionLines(handle.db, sessionId, [
      { text: "De gemeente moet sneler beslisen.", speakerParticipantId: world.member.participantId },
      { text: "Tweede regel" },
    ]);
    if (!line || !other) throw new Error("no lines");
    const organiser = callerFor(handle, world.organiser);

    const first = await organiser.captions.correct({
      sessionId,
      lineId: line.id,
      text: "De gemeente moet sneller beslissen.",
    });
    expect(first.text).toBe("De gemeente moet sneller beslissen.");
    expect(first.editedAt).not.toBeNull();
    expect(first.speaker?.participantId).toBe(world.member.participantId);
    // The same text and speaker again is no correction: no revision.
    await organiser.captions.correct({
      sessionId,
      lineId: line.id,
      text: "De gemeente moet sneller beslissen.",
    });
    const second = await organiser.captions.correct({
      sessionId,
      lineId: line.id,
      text: "  De gemeente moet\nsneller beslissen!  ",
      speakerParticipantId: world.member2.participantId,
    });
    expect(second.text).toBe("De gemeente moet sneller beslissen!");
    expect(second.speaker?.participantId).toBe(world.member2.participantId);

    const history = await organiser.captions.history({ sessionId, lineId: line.id });
    expect(
      history.map((h) => [h.previousText, h.previousSpeaker?.participantId ?? null, h.editedBy]),
    ).toEqual([
      ["De gemeente moet sneller beslissen.", world.member.participantId, world.organiser.person.name],
      ["De gemeente moet sneler beslisen.", world.member.participantId, world.organiser.person.name],
    ]);
    const read = await callerFor(handle, world.member).captions.transcript({ sessionId });
    expect(read.lines[0]?.text).toBe("De gemeente moet sneller beslissen!");
    expect(read.lines[0]?.editedAt).not.toBeNull();
    expect(read.lines[1]?.editedAt).toBeNull();
    const audits = await handle.db
      .select()
      .from(AuditEntry)
      .where(
        and(eq(AuditEntry.action, "captions.correct"), eq(AuditEntry.target, `caption_line:${line.id}`)),
      );
    expect(audits).toHaveLength(2);

    // Moderators do not correct; a line of another session is not found; a speaker from elsewhere is refused.
    const moderator = callerFor(handle, world.moderator);
    expect((await errorOf(moderator.captions.correct({ sessionId, lineId: line.id, text: "x" }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await errorOf(moderator.captions.history({ sessionId, lineId: line.id }))).code).toBe(
      "FORBIDDEN",
    );
    const elsewhere = await errorOf(
      callerFor(handle, world.organiser, "en").captions.correct({
        sessionId: session(0),
        lineId: line.id,
        text: "x",
      }),
    );
    expect(elsewhere.code).toBe("NOT_FOUND");
    expect(elsewhere.message).toBe("This caption line does not exist (any more) in this session.");
    const stranger = await errorOf(
      organiser.captions.correct({
        sessionId,
        lineId: line.id,
        text: "x",
        speakerParticipantId: crypto.randomUUID(),
      }),
    );
    expect(stranger.code).toBe("NOT_FOUND");
    const empty = await errorOf(organiser.captions.correct({ sessionId, lineId: line.id, text: "   " }));
    expect(empty.code).toBe("BAD_REQUEST");
    const revisions = await handle.db
      .select()
      .from(CaptionLineRevision)
      .where(eq(CaptionLineRevision.lineId, line.id));
    expect(revisions).toHaveLength(2);
  });

  it("a passage becomes one outcome item linked to its lines and its time", async () => {
    const { handle, world } = t;
    const sessionId = session(0);
    const lines = await insertCaptionLines(
      handle.db,
      sessionId,
      [
        { text: "Eerste zin van de passage." },
        { text: "Tweede zin." },
        { text: "Derde zin, einde." },
        { text: "Erna." },
      ],
      new Date("2026-03-14T15:00:00Z"),
    );
    const [a, b, c] = lines;
    if (!a || !b || !c) throw new Error("no lines");
    const moderator = callerFor(handle, world.moderator);
    // Chosen from the last line to the first: the passage is still in the order it was said.
    const item = await moderator.captions.toOutcome({
      sessionId,
      fromLineId: c.id,
      toLineId: a.id,
      kind: "insight",
    });
    expect(item.text).toBe("Eerste zin van de passage. Tweede zin. Derde zin, einde.");
    expect(item.kind).toBe("insight");
    expect(item.status).toBe("confirmed");
    expect(item.provenance.map((p) => [p.source, p.ref])).toEqual([["transcript", a.id]]);
    expect(item.transcriptAnchor).toMatchObject({
      fromLineId: a.id,
      toLineId: c.id,
      fromSeq: a.seq,
      toSeq: c.seq,
      startAt: "2026-03-14T15:00:01.000Z",
      endAt: "2026-03-14T15:00:03.000Z",
    });
    const [stored] = await handle.db.select().from(Outcome).where(eq(Outcome.id, item.id));
    expect(stored?.transcriptAnchor?.toSeq).toBe(c.seq);

    expect(
      (
        await errorOf(
          callerFor(handle, world.member).captions.toOutcome({
            sessionId,
            fromLineId: a.id,
            toLineId: b.id,
            kind: "insight",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const otherSession = await errorOf(
      moderator.captions.toOutcome({
        sessionId: session(1),
        fromLineId: a.id,
        toLineId: b.id,
        kind: "insight",
      }),
    );
    expect(otherSession.code).toBe("NOT_FOUND");
    const long = await insertCaptionLines(
      handle.db,
      sessionId,
      Array.from({ length: 5 }, () => ({ text: "x".repeat(480) })),
    );
    const tooLong = await errorOf(
      callerFor(handle, world.moderator, "en").captions.toOutcome({
        sessionId,
        fromLineId: long[0]?.id ?? "",
        toLineId: long[4]?.id ?? "",
        kind: "quote",
      }),
    );
    expect(tooLong.code).toBe("BAD_REQUEST");
    expect(tooLong.message).toBe(
      "This passage is too long for one item (at most 2000 characters). Choose fewer lines.",
    );
  });

  it("the person's own export lists the lines they typed and those marked as theirs", async () => {
    const { handle, world } = t;
    await insertCaptionLines(handle.db, session(1), [
      { text: "Door Marit getypt.", authorParticipantId: world.member2.participantId },
      { text: "Door Marit gezegd.", speakerParticipantId: world.member2.participantId },
    ]);
    const data = await exportMyData(handle.db, world.member2.personId);
    expect(data?.contributions.captions.linesYouTyped.map((l) => l.text)).toEqual(["Door Marit getypt."]);
    expect(data?.contributions.captions.linesMarkedAsYours.map((l) => l.text)).toContain(
      "Door Marit gezegd.",
    );
  });

  it("erasure removes a person's speaker marks and author links; what was said stays", async () => {
    const { handle, world } = t;
    const sessionId = session(2);
    await setAttribution("named");
    const erased = world.member2;
    const [spoken, typed] = await insertCaptionLines(handle.db, sessionId, [
      { text: "Gezegd door wie gaat wissen.", speakerParticipantId: erased.participantId },
      {
        text: "Getypt door wie gaat wissen.",
        authorParticipantId: erased.participantId,
        speakerParticipantId: world.member.participantId,
      },
    ]);
    if (!spoken || !typed) throw new Error("no lines");
    await callerFor(handle, world.organiser).captions.correct({
      sessionId,
      lineId: spoken.id,
      text: "Gezegd door wie gaat wissen (gecorrigeerd).",
      speakerParticipantId: world.member.participantId,
    });
    await eraseMyAccount(handle.db, erased.personId);
    const rows = await handle.db
      .select()
      .from(CaptionLine)
      .where(inArray(CaptionLine.id, [spoken.id, typed.id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(typed.id)?.authorParticipantId).toBeNull();
    expect(byId.get(typed.id)?.speakerParticipantId).toBe(world.member.participantId);
    expect(byId.get(typed.id)?.text).toBe("Getypt door wie gaat wissen.");
    const [revision] = await handle.db
      .select()
      .from(CaptionLineRevision)
      .where(eq(CaptionLineRevision.lineId, spoken.id));
    expect(revision?.previousSpeakerParticipantId).toBeNull();
    expect(revision?.previousText).toBe("Gezegd door wie gaat wissen.");
    const view = await callerFor(handle, world.organiser).captions.transcript({ sessionId, query: "wissen" });
    expect(JSON.stringify(view)).not.toContain(erased.participantId);
  });

  it("the retention purge takes every name off the series' transcript", async () => {
    const { handle, world } = t;
    const sessionId = session(3);
    const [line] = await insertCaptionLines(handle.db, sessionId, [
      {
        text: "Voor de bewaartermijn.",
        speakerParticipantId: world.member.participantId,
        authorParticipantId: world.moderator.participantId,
      },
    ]);
    if (!line) throw new Error("no line");
    const purged = await purgeExpiredSeries(handle.db, new Date("2200-01-01T00:00:00Z"));
    expect(purged).toContain(world.seriesId);
    const lines = await handle.db
      .select()
      .from(CaptionLine)
      .innerJoin(Session, eq(Session.id, CaptionLine.sessionId))
      .where(eq(Session.seriesId, world.seriesId));
    expect(lines.length).toBeGreaterThan(5);
    expect(
      lines.filter((l) => l.caption_line.speakerParticipantId || l.caption_line.authorParticipantId),
    ).toEqual([]);
    const revisions = await handle.db.select().from(CaptionLineRevision);
    expect(revisions.filter((r) => r.editedBy || r.previousSpeakerParticipantId)).toEqual([]);
    expect(lines.find((l) => l.caption_line.id === line.id)?.caption_line.text).toBe(
      "Voor de bewaartermijn.",
    );
  });
});

function fail(): never {
  throw new Error("series not found");
}
