import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { computeAttendance, mergeSpans } from "./attendance";
import { csvDelimiter, neutraliseFormula } from "./csv";
import type { OutcomeItem, SeriesExportData } from "./model";
import { renderExport, UnsupportedExportError } from "./render";
import { collect, type DocxTable, readCsv, readDocx, readXlsx } from "./test-readers";

const at = (iso: string) => new Date(iso);
const NAMED = "Jan de Vries";
const CHATHAM = "Chatham Charlotte";
const ANONYMOUS = "Anoniem Arend";
const QUESTION_AUTHOR = "Vragensteller Vera";
const TRICKY_NAME = 'Ëlla "Ella" O\'Brien, Gemeente\nTweede regel 🎉';
const THEME_TITLES = ["Uitvoering", "Eén overheid", "Maatwerk", "Leiderschap"];

function outcome(partial: Partial<OutcomeItem> & Pick<OutcomeItem, "id" | "kind" | "text">): OutcomeItem {
  return {
    themeId: "t1",
    sessionId: "s1",
    capturedAt: at("2026-03-12T14:42:00Z"),
    authorName: NAMED,
    attribution: "named",
    status: "confirmed",
    key: false,
    action: null,
    ...partial,
  };
}

/** A small series with one of everything, and the names that must never appear on protected items. */
function fixture(): SeriesExportData {
  const themes = THEME_TITLES.map((title, i) => ({
    id: `t${i + 1}`,
    position: i + 1,
    title: { nl: title, en: `${title} (EN)` },
    guidingQuestion: { nl: `Leidende vraag ${i + 1}?`, en: `Guiding question ${i + 1}?` },
  }));
  const sessions = themes.map((t, i) => ({
    id: `s${i + 1}`,
    position: i + 1,
    themeId: t.id,
    status: i < 3 ? ("ended" as const) : ("scheduled" as const),
    // 15:00 in Amsterdam (CET = UTC+1 in March before the 29th).
    startsAt: at(`2026-03-${String(12 + i).padStart(2, "0")}T14:00:00Z`),
    durationMinutes: 90,
  }));
  return {
    series: {
      slug: "uitvoering-op-zn-kop",
      title: { nl: "Uitvoering op z'n Kop", en: "Execution upside down" },
      organiser: "VGS",
      timeZone: "Europe/Amsterdam",
    },
    themes,
    sessions,
    participants: [
      { id: "p1", name: NAMED, organisation: "Gemeente Utrecht", role: "organiser", status: "approved" },
      { id: "p2", name: CHATHAM, organisation: "Gemeente Zwolle", role: "member", status: "approved" },
      {
        id: "p3",
        name: TRICKY_NAME,
        organisation: '=HYPERLINK("http://x")',
        role: "member",
        status: "approved",
      },
      { id: "p4", name: "Wachtende Wim", organisation: "VNG", role: "member", status: "waitlisted" },
    ],
    outcomes: [
      outcome({ id: "o1", kind: "problem", text: "Regels stapelen zich op", key: true }),
      outcome({
        id: "o2",
        kind: "problem",
        text: "Niemand voelt zich eigenaar",
        authorName: CHATHAM,
        attribution: "chatham_house",
      }),
      outcome({
        id: "o3",
        kind: "action",
        text: "Doorbraakteam inrichten",
        action: { owner: "Gemeentesecretaris Utrecht", dueDate: "2026-06-01", status: "open" },
      }),
      outcome({
        id: "o4",
        kind: "action",
        text: "Casusoverleg met UWV",
        themeId: "t2",
        sessionId: "s2",
        authorName: ANONYMOUS,
        attribution: "anonymous",
        action: { owner: "VNG", dueDate: null, status: "in_progress" },
      }),
      outcome({ id: "o5", kind: "insight", text: "Inzicht over vertrouwen", themeId: "t3", sessionId: "s3" }),
      outcome({
        id: "o6",
        kind: "quote",
        text: '"De balie is het gezicht van de overheid"',
        themeId: "t4",
        sessionId: null,
        authorName: CHATHAM,
        attribution: "chatham_house",
      }),
      outcome({ id: "o7", kind: "dilemma", text: "Gelijkheid of maatwerk?", themeId: "t3", sessionId: "s3" }),
      outcome({
        id: "o8",
        kind: "recommendation",
        text: "Begin bij de inwoner",
        themeId: "t2",
        sessionId: "s2",
      }),
      outcome({ id: "o9", kind: "insight", text: "Afgewezen idee", status: "rejected" }),
      outcome({ id: "o10", kind: "action", text: "Samengevoegde actie", status: "merged" }),
    ],
    questions: [
      {
        id: "q1",
        sessionId: "s1",
        text: "Hoe houden we dit vol?",
        votes: 7,
        askedAt: at("2026-03-12T14:30:00Z"),
        authorName: QUESTION_AUTHOR,
        attribution: "anonymous",
      },
    ],
    polls: [
      {
        id: "poll1",
        sessionId: "s2",
        question: "Werken we als één overheid?",
        closedAt: at("2026-03-13T15:00:00Z"),
        options: [
          { label: "Ja", votes: 3 },
          { label: "Nee", votes: 5 },
        ],
      },
    ],
    attendance: [
      // Two overlapping devices: 14:00–15:00 and 14:30–15:10 count as 70 minutes, not 100.
      {
        participantId: "p1",
        sessionId: "s1",
        joinedAt: at("2026-03-12T14:00:00Z"),
        leftAt: at("2026-03-12T15:00:00Z"),
      },
      {
        participantId: "p1",
        sessionId: "s1",
        joinedAt: at("2026-03-12T14:30:00Z"),
        leftAt: at("2026-03-12T15:10:00Z"),
      },
      {
        participantId: "p1",
        sessionId: "s2",
        joinedAt: at("2026-03-13T14:00:00Z"),
        leftAt: at("2026-03-13T15:30:00Z"),
      },
      {
        participantId: "p1",
        sessionId: "s3",
        joinedAt: at("2026-03-14T14:05:00Z"),
        leftAt: at("2026-03-14T15:20:00Z"),
      },
      {
        participantId: "p3",
        sessionId: "s1",
        joinedAt: at("2026-03-12T14:10:00Z"),
        leftAt: at("2026-03-12T14:55:00Z"),
      },
      // The leave event was lost: closed at the planned end (15:30 UTC), not at generatedAt.
      { participantId: "p3", sessionId: "s2", joinedAt: at("2026-03-13T15:00:00Z"), leftAt: null },
    ],
    excused: [{ participantId: "p2", sessionId: "s2" }],
    generatedAt: at("2026-04-01T10:00:00Z"),
  };
}

const PROTECTED_NAMES = [CHATHAM, ANONYMOUS, QUESTION_AUTHOR];

async function render(data: SeriesExportData, request: Parameters<typeof renderExport>[1]) {
  const file = renderExport(data, request);
  return { ...file, buffer: await collect(file.body) };
}

describe("attendance", () => {
  it("merges overlapping and touching spans", () => {
    expect(
      mergeSpans([
        { start: 30, end: 60 },
        { start: 0, end: 40 },
        { start: 60, end: 70 },
        { start: 100, end: 90 },
        { start: 80, end: 85 },
      ]),
    ).toEqual([
      { start: 0, end: 70 },
      { start: 80, end: 85 },
    ]);
  });

  it("builds the person × session matrix with present, absent, excused and not held", () => {
    const report = computeAttendance(fixture());
    // Waitlisted Wim never came: not in the matrix.
    expect(report.rows.map((r) => r.participant.id).sort()).toEqual(["p1", "p2", "p3"]);
    const jan = report.rows.find((r) => r.participant.id === "p1");
    expect(jan?.cells.map((c) => [c.state, c.minutes])).toEqual([
      ["present", 70],
      ["present", 90],
      ["present", 75],
      ["not_held", 0],
    ]);
    expect(jan?.cells[0]?.share).toBeCloseTo(70 / 90);
    expect(jan?.cells[0]?.firstJoin?.toISOString()).toBe("2026-03-12T14:00:00.000Z");
    expect(jan?.cells[0]?.lastLeave?.toISOString()).toBe("2026-03-12T15:10:00.000Z");
    const charlotte = report.rows.find((r) => r.participant.id === "p2");
    expect(charlotte?.cells.map((c) => c.state)).toEqual(["absent", "excused", "absent", "not_held"]);
    const ella = report.rows.find((r) => r.participant.id === "p3");
    expect(ella?.cells[1]).toMatchObject({ state: "present", minutes: 30 });
    expect(report.perSession.map((s) => [s.present, s.absent, s.excused])).toEqual([
      [2, 1, 0],
      [2, 0, 1],
      [1, 2, 0],
      [0, 0, 0],
    ]);
    // Session 4 has not been held, so nobody attended all four.
    expect(report.attendedAll).toEqual([]);
    expect(report.absentees.map((a) => [a.participant.id, a.sessionIds])).toEqual([
      ["p2", ["s1", "s3"]],
      ["p3", ["s3"]],
    ]);
  });

  it("counts who attended every session once all are held", () => {
    const data = fixture();
    data.sessions = data.sessions.slice(0, 3);
    expect(computeAttendance(data).attendedAll.map((p) => p.id)).toEqual(["p1"]);
  });
});

describe("essay draft as DOCX", () => {
  it("has a title page, every theme with its question and sections, the actions table and the appendix", async () => {
    const { buffer, fileName, mimeType } = await render(fixture(), {
      kind: "essay",
      format: "docx",
      locale: "nl",
    });
    expect(fileName).toBe("uitvoering-op-zn-kop-essay-concept.docx");
    expect(mimeType).toContain("wordprocessingml");
    const blocks = readDocx(buffer);
    const paragraphs = blocks.filter((b) => b.type === "paragraph");
    expect(paragraphs[0]).toMatchObject({ style: "Title", text: "Uitvoering op z'n Kop" });

    const themeHeadings = paragraphs.filter((p) => p.style === "Heading1").map((p) => p.text);
    expect(themeHeadings).toEqual([
      "Concept voor het essay",
      ...THEME_TITLES.map((t, i) => `Thema ${i + 1}: ${t}`),
      "Bijlage: deelname",
    ]);
    const texts = paragraphs.map((p) => p.text);
    for (const i of [1, 2, 3, 4]) expect(texts).toContain(`Leidende vraag: Leidende vraag ${i}?`);
    const sectionHeadings = paragraphs.filter((p) => p.style === "Heading2").map((p) => p.text);
    expect(sectionHeadings.slice(0, 8)).toEqual([
      "Kernproblemen",
      "Acties",
      "Inzichten",
      "Dilemma's",
      "Aanbevelingen",
      "Citaten",
      "Uitgelichte vragen",
      "Peilingen",
    ]);
    expect(sectionHeadings).toHaveLength(32);

    // Key problem first, marked, with its source in Amsterdam time (14:42 UTC = 15:42 CET).
    const keyIndex = texts.indexOf("Kern: Regels stapelen zich op");
    expect(keyIndex).toBeGreaterThan(0);
    expect(texts[keyIndex + 1]).toBe(`Sessie 1, 12-03-2026 15:42 · ${NAMED}`);
    expect(texts).toContain("Achteraf toegevoegd, 12-03-2026 15:42");
    expect(texts).toContain("Hoe houden we dit vol? (7 stemmen)");
    expect(texts.join("\n")).not.toContain("Afgewezen idee");
    expect(JSON.stringify(blocks)).not.toContain("Samengevoegde actie");

    const tables = blocks.filter((b): b is DocxTable => b.type === "table");
    const actionTables = tables.filter((t) => t.rows[0]?.[0] === "Actie");
    expect(actionTables.map((t) => t.rows.slice(1))).toEqual([
      [
        [
          "Doorbraakteam inrichten",
          "Gemeentesecretaris Utrecht",
          "01-06-2026",
          "Open",
          `Sessie 1, 12-03-2026 15:42 · ${NAMED}`,
        ],
      ],
      [["Casusoverleg met UWV", "VNG", "", "In uitvoering", "Sessie 2, 12-03-2026 15:42"]],
    ]);
    const poll = tables.find((t) => t.rows[0]?.[0] === "Antwoord");
    expect(poll?.rows.slice(1)).toEqual([
      ["Ja", "3", "37,5%"],
      ["Nee", "5", "62,5%"],
    ]);
    const appendix = tables.at(-1);
    expect(appendix?.rows[0]).toEqual([
      "Naam",
      "Organisatie",
      "Sessie 1",
      "Sessie 2",
      "Sessie 3",
      "Sessie 4",
    ]);
    expect(appendix?.rows.find((r) => r[0] === NAMED)).toEqual([
      NAMED,
      "Gemeente Utrecht",
      "70 min (77,8%)",
      "90 min (100%)",
      "75 min (83,3%)",
      "nog niet gehouden",
    ]);
  });

  it("never shows a name on a Chatham House or anonymous item, only in the participation appendix", async () => {
    const { buffer } = await render(fixture(), { kind: "essay", format: "docx", locale: "nl" });
    const blocks = readDocx(buffer);
    const appendixStart = blocks.findIndex((b) => b.type === "paragraph" && b.text === "Bijlage: deelname");
    const body = JSON.stringify(blocks.slice(0, appendixStart));
    for (const name of PROTECTED_NAMES) expect(body).not.toContain(name);
    expect(body).toContain("Niemand voelt zich eigenaar");
    expect(body).toContain(NAMED);
  });

  it("speaks English when asked, with English dates", async () => {
    const { buffer, fileName } = await render(fixture(), { kind: "essay", format: "docx", locale: "en" });
    expect(fileName).toBe("uitvoering-op-zn-kop-essay-draft.docx");
    const texts = readDocx(buffer).flatMap((b) => (b.type === "paragraph" ? [b.text] : b.rows.flat()));
    expect(texts).toContain("Theme 2: Eén overheid (EN)");
    expect(texts).toContain("Guiding question: Guiding question 1?");
    expect(texts).toContain(`Session 1, 12/03/2026 15:42 · ${NAMED}`);
    expect(texts).toContain("Key problems");
    expect(texts).toContain("01/06/2026");
  });

  it("limits the essay to one theme", async () => {
    const { buffer, fileName } = await render(fixture(), {
      kind: "essay",
      format: "docx",
      locale: "nl",
      themePosition: 3,
    });
    expect(fileName).toBe("uitvoering-op-zn-kop-essay-concept-thema-3.docx");
    const headings = readDocx(buffer)
      .filter((b) => b.type === "paragraph" && b.style === "Heading1")
      .map((b) => (b.type === "paragraph" ? b.text : ""));
    expect(headings).toEqual(["Concept voor het essay", "Thema 3: Maatwerk", "Bijlage: deelname"]);
  });
});

describe("counts in words", () => {
  it("says one vote, not one votes, in both languages (questions and poll totals)", async () => {
    const data = fixture();
    data.questions = data.questions.map((q) => ({ ...q, votes: 1 }));
    data.polls = data.polls.map((p) => ({
      ...p,
      options: [
        { label: "Ja", votes: 1 },
        { label: "Nee", votes: 0 },
      ],
    }));
    const words = async (locale: "nl" | "en") => {
      const { buffer } = await render(data, { kind: "essay", format: "md", locale });
      return buffer.toString("utf8");
    };
    const nl = await words("nl");
    expect(nl).toContain("Hoe houden we dit vol? (1 stem)");
    expect(nl).toContain("1 stem in totaal");
    expect(nl).not.toMatch(/\b1 stemmen\b/);
    const en = await words("en");
    expect(en).toContain("(1 vote)");
    expect(en).toContain("1 vote in total");
    expect(en).not.toMatch(/\b1 votes\b/);
  });
});

describe("essay draft as Markdown", () => {
  it("has the same outline and keeps protected names out", async () => {
    const { buffer } = await render(fixture(), { kind: "essay", format: "md", locale: "nl" });
    const md = buffer.toString("utf8");
    expect(md.startsWith("# Uitvoering op z'n Kop\n")).toBe(true);
    for (const [i, t] of THEME_TITLES.entries()) expect(md).toContain(`\n## Thema ${i + 1}: ${t}\n`);
    expect(md).toContain("| Doorbraakteam inrichten | Gemeentesecretaris Utrecht | 01-06-2026 |");
    expect(md).toContain(`_Sessie 1, 12-03-2026 15:42 · ${NAMED}_`);
    const body = md.slice(0, md.indexOf("## Bijlage: deelname"));
    for (const name of PROTECTED_NAMES) expect(body).not.toContain(name);
  });

  it("escapes text that would otherwise become Markdown structure", async () => {
    const data = fixture();
    data.outcomes.push(
      outcome({ id: "x", kind: "insight", text: "# kop\n<script>alert(1)</script> [link](x)" }),
    );
    const { buffer } = await render(data, { kind: "essay", format: "md", locale: "nl" });
    const md = buffer.toString("utf8");
    expect(md).not.toContain("<script>");
    expect(md).toContain("\\# kop");
    expect(md).toContain("\\<script\\>");
    expect(md).toContain("\\[link\\](x)");
  });
});

describe("action agenda", () => {
  it("as DOCX: a table per theme with every action", async () => {
    const { buffer } = await render(fixture(), { kind: "agenda", format: "docx", locale: "nl" });
    const blocks = readDocx(buffer);
    expect(blocks[0]).toMatchObject({ type: "paragraph", style: "Title" });
    expect(blocks[0]?.type === "paragraph" && blocks[0].text).toContain("Uitvoeringsagenda");
    const headings = blocks.filter((b) => b.type === "paragraph" && b.style === "Heading1");
    expect(headings).toHaveLength(4);
    const rows = blocks.flatMap((b) => (b.type === "table" ? b.rows.slice(1) : []));
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ["Doorbraakteam inrichten", "Gemeentesecretaris Utrecht", "01-06-2026", "Open"],
      ["Casusoverleg met UWV", "VNG", "", "In uitvoering"],
    ]);
    expect(JSON.stringify(blocks)).not.toContain(ANONYMOUS);
  });

  it("as XLSX: real date cells and every action, read back with an independent reader", async () => {
    const { buffer } = await render(fixture(), { kind: "agenda", format: "xlsx", locale: "nl" });
    const [sheet] = await readXlsx(buffer);
    expect(sheet?.sheet).toBe("Uitvoeringsagenda");
    const [header, ...rows] = sheet?.data ?? [];
    expect(header).toEqual(["Thema", "Actie", "Eigenaar", "Deadline", "Status", "Kern", "Bron"]);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.slice(0, 3)).toEqual([
      "Thema 1: Uitvoering",
      "Doorbraakteam inrichten",
      "Gemeentesecretaris Utrecht",
    ]);
    const due = rows[0]?.[3];
    expect(due).toBeInstanceOf(Date);
    expect(due instanceof Date && due.toISOString().slice(0, 10)).toBe("2026-06-01");
    expect(rows[1]?.[3] ?? null).toBeNull();
  });

  it("as CSV in English: comma separated, English words", async () => {
    const { buffer, fileName } = await render(fixture(), { kind: "agenda", format: "csv", locale: "en" });
    expect(fileName).toBe("uitvoering-op-zn-kop-action-agenda.csv");
    const rows = readCsv(buffer, csvDelimiter("en"));
    expect(rows[0]).toEqual(["Theme", "Action", "Owner", "Due date", "Status", "Key", "Source"]);
    expect(rows[1]?.slice(1, 6)).toEqual([
      "Doorbraakteam inrichten",
      "Gemeentesecretaris Utrecht",
      "01/06/2026",
      "Open",
      "no",
    ]);
  });
});

describe("attendance exports", () => {
  it("as CSV: UTF-8 with BOM, semicolons for Dutch Excel, Dutch numbers and Amsterdam times", async () => {
    const { buffer } = await render(fixture(), { kind: "attendance", format: "csv", locale: "nl" });
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buffer.includes("\r\n")).toBe(true);
    const rows = readCsv(buffer, ";");
    expect(rows[0]).toEqual([
      "Naam",
      "Organisatie",
      "Rol",
      "Aanmelding",
      "Sessie",
      "Aanwezigheid",
      "Eerste binnenkomst",
      "Laatste vertrek",
      "Minuten",
      "Aandeel van de sessie",
    ]);
    const jan = rows.filter((r) => r[0] === NAMED);
    expect(jan).toHaveLength(4);
    expect(jan[0]).toEqual([
      NAMED,
      "Gemeente Utrecht",
      "organisator",
      "toegelaten",
      "Sessie 1: Uitvoering",
      "aanwezig",
      "12-03-2026 15:00",
      "12-03-2026 16:10",
      "70",
      "77,8%",
    ]);
  });

  it("round-trips a name with quotes, commas, newlines and emoji, and neutralises formulas", async () => {
    const { buffer } = await render(fixture(), { kind: "attendance", format: "csv", locale: "nl" });
    const rows = readCsv(buffer, ";");
    const ella = rows.filter((r) => r[0] === TRICKY_NAME);
    expect(ella).toHaveLength(4);
    expect(ella[0]?.[1]).toBe('\'=HYPERLINK("http://x")');
  });

  it("as XLSX: one row per person per session with numbers as numbers", async () => {
    const { buffer } = await render(fixture(), { kind: "attendance", format: "xlsx", locale: "en" });
    const [sheet] = await readXlsx(buffer);
    expect(sheet?.sheet).toBe("Attendance");
    const [header, ...rows] = sheet?.data ?? [];
    expect(header?.[0]).toBe("Name");
    expect(rows).toHaveLength(3 * 4);
    const jan = rows.find((r) => r[0] === NAMED);
    expect(jan?.[5]).toBe("present");
    expect(jan?.[8]).toBe(70);
    expect(jan?.[9]).toBeCloseTo(70 / 90);
    // Wall-clock Amsterdam time in the cell: 15:00, whatever the reader's zone.
    const firstJoin = jan?.[6];
    expect(firstJoin instanceof Date && firstJoin.toISOString()).toBe("2026-03-12T15:00:00.000Z");
    expect(rows.find((r) => r[0] === TRICKY_NAME)?.[0]).toBe(TRICKY_NAME);
  });
});

describe("erased accounts and organisers in the documents", () => {
  function withErased(): SeriesExportData {
    const data = fixture();
    const template = data.attendance[0];
    if (!template) throw new Error("the fixture has attendance");
    data.participants.push({
      id: "p9",
      name: "",
      organisation: "",
      role: "member",
      status: "declined",
      erased: true,
    });
    data.attendance.push({ ...template, participantId: "p9", sessionId: "s1" });
    return data;
  }

  it("CSV: an erased account is 'Verwijderd account', counted, never an empty name or 'afgewezen'", async () => {
    const { buffer } = await render(withErased(), { kind: "attendance", format: "csv", locale: "nl" });
    const rows = readCsv(buffer, ";").slice(1);
    const erased = rows.filter((r) => r[0] === "Verwijderd account");
    expect(erased.length).toBeGreaterThan(0);
    expect(erased.map((r) => r[3])).toEqual(erased.map(() => "account verwijderd"));
    expect(rows.filter((r) => r[0] === "")).toEqual([]);
    expect(rows.some((r) => r[3] === "afgewezen" && r[5] === "aanwezig")).toBe(false);
    const en = await render(withErased(), { kind: "attendance", format: "csv", locale: "en" });
    expect(readCsv(en.buffer, ",").some((r) => r[0] === "Deleted account")).toBe(true);
  });

  it("essay appendix: the erased account's row is named 'Verwijderd account'", async () => {
    const { buffer } = await render(withErased(), { kind: "essay", format: "docx", locale: "nl" });
    const tables = readDocx(buffer).filter((b): b is DocxTable => b.type === "table");
    const appendix = tables.find((t) => t.rows[0]?.[0] === "Naam");
    const names = appendix?.rows.slice(1).map((r) => r[0]) ?? [];
    expect(names).toContain("Verwijderd account");
    expect(names).not.toContain("");
  });

  it("does not count organisers as absent without apologies", () => {
    const data = fixture();
    data.attendance = data.attendance.filter((a) => a.participantId !== "p1");
    const report = computeAttendance(data);
    expect(report.absentees.map((a) => a.participant.role)).not.toContain("organiser");
    const organiserAbsent = report.rows
      .filter((r) => r.participant.role === "organiser")
      .flatMap((r) => r.cells.map((c, i) => (c.state === "absent" ? i : -1)))
      .filter((i) => i >= 0);
    for (const index of organiserAbsent) {
      const counted = report.rows.filter(
        (r) => r.participant.role !== "organiser" && r.cells[index]?.state === "absent",
      ).length;
      expect(report.perSession[index]?.absent).toBe(counted);
    }
    expect(organiserAbsent.length).toBeGreaterThan(0);
  });
});

describe("document properties", () => {
  it("names the organising body as author and last editor of the Word documents, not 'Un-named'", async () => {
    for (const kind of ["essay", "agenda"] as const) {
      const { buffer } = await render(fixture(), { kind, format: "docx", locale: "nl" });
      const core = strFromU8(unzipSync(new Uint8Array(buffer))["docProps/core.xml"] ?? new Uint8Array());
      expect(core).toContain("<cp:lastModifiedBy>VGS</cp:lastModifiedBy>");
      expect(core).toContain("<dc:creator>VGS</dc:creator>");
      expect(core).not.toContain("Un-named");
    }
  });
});

describe("CSV formula injection", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+31 6 1234", "'+31 6 1234"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTab", "'\tTab"],
    ["\rCR", "'\rCR"],
    ["Gewoon", "Gewoon"],
    ["a=b", "a=b"],
    ["", ""],
  ])("%j becomes %j", (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it("neutralises user text in every column of a real export", async () => {
    const data = fixture();
    data.outcomes.push(
      outcome({
        id: "evil",
        kind: "action",
        text: "=cmd|' /C calc'!A0",
        action: { owner: "@owner", dueDate: null, status: "open" },
      }),
    );
    const { buffer } = await render(data, { kind: "agenda", format: "csv", locale: "nl" });
    const rows = readCsv(buffer, ";");
    const evil = rows.find((r) => r[1]?.includes("calc"));
    expect(evil?.[1]).toBe("'=cmd|' /C calc'!A0");
    expect(evil?.[2]).toBe("'@owner");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe("series archive as JSON", () => {
  it("holds everything, with names only on named items", async () => {
    const { buffer, mimeType } = await render(fixture(), { kind: "series", format: "json", locale: "nl" });
    expect(mimeType).toContain("application/json");
    const archive = JSON.parse(buffer.toString("utf8"));
    expect(archive).toMatchObject({ format: "reeks.series", version: 1 });
    expect(archive.themes).toHaveLength(4);
    // The archive keeps everything, rejected and merged items included, with their status.
    expect(archive.outcomes).toHaveLength(10);
    const byId = Object.fromEntries(archive.outcomes.map((o: { id: string }) => [o.id, o]));
    expect(byId.o1.attributedTo).toBe(NAMED);
    expect(byId.o2.attributedTo).toBeNull();
    expect(byId.o4.attributedTo).toBeNull();
    expect(archive.outcomes.every((o: object) => !("authorName" in o))).toBe(true);
    expect(archive.questions[0].attributedTo).toBeNull();
    expect(archive.attendance.intervals).toHaveLength(6);
    expect(archive.attendance.summary).toHaveLength(12);
  });
});

it("refuses a format a document does not come in", () => {
  expect(() => renderExport(fixture(), { kind: "attendance", format: "docx", locale: "nl" })).toThrow(
    UnsupportedExportError,
  );
});
