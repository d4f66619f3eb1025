import {
  AuditEntry,
  type DatabaseHandle,
  DEMO_SERIES_SLUG,
  eq,
  Participant,
  Person,
  Series,
  seedDemoSeries,
} from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { renderExport } from "@reeks/exports";
import { collect, readDocx, readXlsx } from "@reeks/exports/test-readers";
import type { ParticipantRole, RegistrationStatus } from "@reeks/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import { assembleSeriesExport } from "../exports/assemble";
import { capturedDataReaders } from "../exports/captured-data";
import { appRouter } from "../root";
import { fakeLivekit as livekit } from "../testing";
import { createCallerFactory } from "../trpc";

describe("organiser exports and dashboard", () => {
  let handle: DatabaseHandle;
  let seriesId: string;
  let otherSeriesId: string;
  const createCaller = createCallerFactory(appRouter);
  const people: Record<string, string> = {};

  async function addPerson(key: string, seriesOf: string, role: ParticipantRole, status: RegistrationStatus) {
    const id = `person-${key}`;
    await handle.db.insert(Person).values({ id, name: `Naam ${key}`, email: `${key}@example.org` });
    await handle.db
      .insert(Participant)
      .values({ seriesId: seriesOf, personId: id, organisation: `Gemeente ${key}`, role, status });
    people[key] = id;
  }

  const callerFor = (key: string | null) =>
    createCaller(
      createContextInner({ database: handle, livekit, actor: key ? { personId: people[key] ?? key } : null }),
    );

  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedDemoSeries(handle.db);
    const series = await handle.db.query.Series.findFirst({ where: eq(Series.slug, DEMO_SERIES_SLUG) });
    if (!series) throw new Error("demo series missing");
    seriesId = series.id;
    const [other] = await handle.db
      .insert(Series)
      .values({ slug: "andere-reeks", title: { nl: "Andere reeks" }, organiser: "X" })
      .returning({ id: Series.id });
    if (!other) throw new Error("insert failed");
    otherSeriesId = other.id;
    await addPerson("organiser", seriesId, "organiser", "approved");
    await addPerson("moderator", seriesId, "moderator", "approved");
    await addPerson("speaker", seriesId, "speaker", "approved");
    await addPerson("member", seriesId, "member", "approved");
    await addPerson("waitlisted-organiser", seriesId, "organiser", "waitlisted");
    await addPerson("other-organiser", otherSeriesId, "organiser", "approved");
  });
  afterAll(() => handle.close());

  it("declares both procedures organiser-only for the role matrix", () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { meta?: { access?: string } } }
    >;
    expect(procedures["exports.dashboard"]?._def.meta?.access).toBe("organiser");
    expect(procedures["exports.download"]?._def.meta?.access).toBe("organiser");
    expect(procedures["exports.setExcused"]?._def.meta?.access).toBe("organiser");
  });

  it.each([
    ["member", "FORBIDDEN"],
    ["speaker", "FORBIDDEN"],
    ["moderator", "FORBIDDEN"],
    ["waitlisted-organiser", "FORBIDDEN"],
    ["other-organiser", "FORBIDDEN"],
    [null, "UNAUTHORIZED"],
  ])("refuses %s with %s", async (key, code) => {
    const caller = callerFor(key);
    await expect(caller.exports.dashboard({ seriesId })).rejects.toMatchObject({ code });
    await expect(
      caller.exports.download({ seriesId, kind: "essay", format: "docx", locale: "nl" }),
    ).rejects.toMatchObject({ code });
  });

  it("shows the organiser the matrix of approved participants over the four sessions", async () => {
    const dashboard = await callerFor("organiser").exports.dashboard({ seriesId });
    expect(dashboard.sessions.map((s) => s.position)).toEqual([1, 2, 3, 4]);
    expect(dashboard.rows.map((r) => r.name).sort()).toEqual([
      "Naam member",
      "Naam moderator",
      "Naam organiser",
      "Naam speaker",
    ]);
    // Demo sessions are drafts: nobody can be absent from a session that was not held.
    expect(dashboard.rows.every((r) => r.cells.every((c) => c.state === "not_held"))).toBe(true);
    expect(dashboard.outcomesByTheme).toHaveLength(4);
  });

  it("lets the organiser download the essay draft, and audits it", async () => {
    const file = await callerFor("organiser").exports.download({
      seriesId,
      kind: "essay",
      format: "docx",
      locale: "nl",
    });
    expect(file.fileName).toBe(`${DEMO_SERIES_SLUG}-essay-concept.docx`);
    const blocks = readDocx(Buffer.from(file.base64, "base64"));
    const headings = blocks.flatMap((b) =>
      b.type === "paragraph" && b.style === "Heading1" ? [b.text] : [],
    );
    expect(headings).toEqual([
      "Concept voor het essay",
      "Thema 1: Uitvoering: wat gaat er mis, welke acties nemen we?",
      "Thema 2: Werken als één overheid",
      "Thema 3: Maatwerk als regel",
      "Thema 4: Leiderschap in transitie",
      "Bijlage: deelname",
    ]);
    const audit = await handle.db.query.AuditEntry.findMany({
      where: eq(AuditEntry.action, "export.download"),
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: people.organiser,
      seriesId,
      details: { kind: "essay", format: "docx" },
    });
  });

  it("downloads the attendance sheet with every approved participant", async () => {
    const file = await callerFor("organiser").exports.download({
      seriesId,
      kind: "attendance",
      format: "xlsx",
      locale: "en",
    });
    const [sheet] = await readXlsx(Buffer.from(file.base64, "base64"));
    expect(sheet?.data).toHaveLength(1 + 4 * 4);
  });

  it("rejects a format the document does not come in, and an unknown theme", async () => {
    const caller = callerFor("organiser");
    await expect(
      caller.exports.download({ seriesId, kind: "attendance", format: "docx", locale: "nl" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.exports.download({ seriesId, kind: "essay", format: "md", locale: "nl", themePosition: 9 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets the organiser mark someone excused, shown in the matrix and audited; and take it back", async () => {
    const organiser = callerFor("organiser");
    const before = await organiser.exports.dashboard({ seriesId });
    const session = before.sessions[1];
    const member = before.rows.find((r) => r.name === "Naam member");
    if (!session || !member) throw new Error("fixture incomplete");
    await organiser.exports.setExcused({
      sessionId: session.id,
      participantId: member.participantId,
      excused: true,
    });
    // Twice is the same as once.
    await organiser.exports.setExcused({
      sessionId: session.id,
      participantId: member.participantId,
      excused: true,
    });
    const after = await organiser.exports.dashboard({ seriesId });
    const row = after.rows.find((r) => r.participantId === member.participantId);
    expect(row?.cells.map((c) => c.state)).toEqual(["not_held", "excused", "not_held", "not_held"]);
    expect(after.sessions[1]?.excused).toBe(1);
    const audit = await handle.db.query.AuditEntry.findMany({
      where: eq(AuditEntry.action, "attendance.excuse"),
    });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      target: `participant:${member.participantId}`,
      details: { sessionId: session.id },
    });

    await organiser.exports.setExcused({
      sessionId: session.id,
      participantId: member.participantId,
      excused: false,
    });
    const undone = await organiser.exports.dashboard({ seriesId });
    expect(undone.rows.find((r) => r.participantId === member.participantId)?.cells[1]?.state).toBe(
      "not_held",
    );
  });

  it("refuses to excuse across series or for non-organisers", async () => {
    const dashboard = await callerFor("organiser").exports.dashboard({ seriesId });
    const session = dashboard.sessions[0];
    const member = dashboard.rows.find((r) => r.name === "Naam member");
    if (!session || !member) throw new Error("fixture incomplete");
    const outsider = await handle.db.query.Participant.findFirst({
      where: eq(Participant.personId, people["other-organiser"] ?? ""),
    });
    if (!outsider) throw new Error("fixture incomplete");
    await expect(
      callerFor("organiser").exports.setExcused({
        sessionId: session.id,
        participantId: outsider.id,
        excused: true,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The other series' organiser cannot touch this series' sessions.
    await expect(
      callerFor("other-organiser").exports.setExcused({
        sessionId: session.id,
        participantId: member.participantId,
        excused: true,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const key of ["member", "speaker", "moderator"]) {
      await expect(
        callerFor(key).exports.setExcused({
          sessionId: session.id,
          participantId: member.participantId,
          excused: true,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("carries captured data from the readers seam into the documents, names only where allowed", async () => {
    const plain = await assembleSeriesExport(handle.db, { seriesId });
    const theme = plain?.themes[0];
    const session = plain?.sessions[0];
    if (!theme || !session) throw new Error("demo series incomplete");
    const data = await assembleSeriesExport(
      handle.db,
      { slug: DEMO_SERIES_SLUG },
      {
        now: new Date("2026-05-01T10:00:00Z"),
        readers: {
          ...capturedDataReaders,
          outcomes: async (_db, id) =>
            id !== seriesId
              ? []
              : [
                  {
                    id: "o1",
                    kind: "action",
                    text: "Doorbraakteam",
                    themeId: theme.id,
                    sessionId: session.id,
                    capturedAt: new Date("2026-03-12T14:00:00Z"),
                    authorName: "Naam member",
                    attribution: "chatham_house",
                    status: "confirmed",
                    key: true,
                    action: { owner: "VGS", dueDate: "2026-09-01", status: "open" },
                  },
                ],
        },
      },
    );
    if (!data) throw new Error("series missing");
    expect(data.participants).toHaveLength(5);
    expect(data.generatedAt.toISOString()).toBe("2026-05-01T10:00:00.000Z");
    const blocks = readDocx(
      await collect(renderExport(data, { kind: "agenda", format: "docx", locale: "nl" }).body),
    );
    const rows = blocks.flatMap((b) => (b.type === "table" ? b.rows.slice(1) : []));
    expect(rows).toEqual([
      ["Kern: Doorbraakteam", "VGS", "01-09-2026", "Open", "Sessie 1, 12-03-2026 15:00"],
    ]);
    expect(JSON.stringify(blocks)).not.toContain("Naam member");
  });
});
