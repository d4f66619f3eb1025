import type { Readable } from "node:stream";
import { type Locale, pickLocale } from "@reeks/models";
import { csvStream } from "./csv";
import type { EssayAppendix, ExportOptions } from "./essay";
import type { ExportEvaluation, SeriesExportData } from "./model";
import { EXPORT_TEXTS } from "./texts";
import { type XlsxColumn, xlsxBuffer } from "./xlsx";

const TEXTS = {
  nl: {
    heading: "Bijlage: evaluaties",
    intro:
      "Wat de aanwezigen na elke sessie antwoordden. Anonieme antwoorden staan er zonder naam; de volgorde zegt niets over wie wat antwoordde.",
    line: (session: string, responded: number, invited: number, average: string) =>
      `${session}: ${responded} van ${invited} aanwezigen antwoordden; gemiddelde nuttigheid ${average} van 5`,
    noAnswers: "—",
    columns: {
      session: "Sessie",
      usefulness: "Nuttigheid (1–5)",
      essayMust: "Wat moet het essay zeker zeggen?",
      changeNext: "Wat zou je veranderen in de volgende sessie?",
      respondent: "Naam (alleen bij evaluatie met naam)",
    },
    sheet: "Evaluaties",
  },
  en: {
    heading: "Appendix: evaluations",
    intro:
      "What the attendees answered after each session. Anonymous answers have no name; the order says nothing about who answered what.",
    line: (session: string, responded: number, invited: number, average: string) =>
      `${session}: ${responded} of ${invited} attendees answered; average usefulness ${average} out of 5`,
    noAnswers: "—",
    columns: {
      session: "Session",
      usefulness: "Usefulness (1–5)",
      essayMust: "What should the essay certainly say?",
      changeNext: "What would you change in the next session?",
      respondent: "Name (only when evaluated by name)",
    },
    sheet: "Evaluations",
  },
} as const;

interface EvaluationTable {
  columns: string[];
  rows: Array<{ session: string; usefulness: number; answers: string[]; respondent: string }>;
}

function sessionLabel(data: SeriesExportData, sessionId: string, locale: Locale): string {
  const session = data.sessions.find((s) => s.id === sessionId);
  if (!session) return "";
  const theme = data.themes.find((t) => t.id === session.themeId);
  const base = EXPORT_TEXTS[locale].session(session.position);
  return theme ? `${base}: ${pickLocale(theme.title, locale)}` : base;
}

/** Only the sessions of the chosen theme, when one is chosen; in session order. */
function evaluationsOf(data: SeriesExportData, options: ExportOptions): ExportEvaluation[] {
  const position = new Map(data.sessions.map((s) => [s.id, s.position]));
  const themeOf = new Map(
    data.sessions.map((s) => [s.id, data.themes.find((t) => t.id === s.themeId)?.position]),
  );
  return (data.evaluations ?? [])
    .filter((e) => options.themePosition === undefined || themeOf.get(e.sessionId) === options.themePosition)
    .sort((a, b) => (position.get(a.sessionId) ?? 0) - (position.get(b.sessionId) ?? 0));
}

/** One row per response; the extra questions of all sessions as further columns. */
function evaluationTable(data: SeriesExportData, options: ExportOptions): EvaluationTable {
  const t = TEXTS[options.locale];
  const evaluations = evaluationsOf(data, options);
  const extra = new Map<string, string>();
  for (const e of evaluations) for (const q of e.questions) extra.set(q.id, q.text);
  const extraIds = [...extra.keys()];
  return {
    columns: [
      t.columns.session,
      t.columns.usefulness,
      t.columns.essayMust,
      t.columns.changeNext,
      ...extra.values(),
      t.columns.respondent,
    ],
    rows: evaluations.flatMap((e) =>
      e.responses.map((r) => ({
        session: sessionLabel(data, e.sessionId, options.locale),
        usefulness: r.usefulness,
        answers: [r.essayMust, r.changeNext, ...extraIds.map((id) => r.extra[id] ?? "")],
        respondent: r.respondent ?? "",
      })),
    ),
  };
}

/** The essay draft's appendix of evaluations; null when no session has been evaluated. */
export function buildEvaluationAppendix(
  data: SeriesExportData,
  options: ExportOptions,
): EssayAppendix | null {
  const evaluations = evaluationsOf(data, options);
  if (evaluations.length === 0) return null;
  const t = TEXTS[options.locale];
  const number = new Intl.NumberFormat(options.locale === "nl" ? "nl-NL" : "en-GB", {
    maximumFractionDigits: 1,
  });
  const table = evaluationTable(data, options);
  return {
    heading: t.heading,
    intro: t.intro,
    summary: evaluations.map((e) => {
      const total = e.responses.reduce((sum, r) => sum + r.usefulness, 0);
      const average = e.responses.length ? number.format(total / e.responses.length) : t.noAnswers;
      return t.line(sessionLabel(data, e.sessionId, options.locale), e.responded, e.invited, average);
    }),
    columns: table.columns,
    rows: table.rows.map((r) => [r.session, String(r.usefulness), ...r.answers, r.respondent]),
  };
}

export function renderEvaluationCsv(data: SeriesExportData, options: ExportOptions): Readable {
  const table = evaluationTable(data, options);
  return csvStream(
    table.columns,
    table.rows.map((r) => [r.session, String(r.usefulness), ...r.answers, r.respondent]),
    options.locale,
  );
}

export async function renderEvaluationXlsx(data: SeriesExportData, options: ExportOptions): Promise<Buffer> {
  const table = evaluationTable(data, options);
  const columns: XlsxColumn[] = table.columns.map((header, i) => ({
    header,
    width: i === 0 ? 40 : i === 1 ? 14 : 50,
    type: i === 1 ? "number" : "text",
  }));
  return xlsxBuffer(
    TEXTS[options.locale].sheet,
    columns,
    table.rows.map((r) => [r.session, r.usefulness, ...r.answers, r.respondent]),
    options.locale,
  );
}
