import type { Readable } from "node:stream";
import { pickLocale } from "@reeks/models";
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { applyAttribution } from "./attribution";
import { csvStream } from "./csv";
import { paragraph, runs, type SectionChildren, table } from "./docx-helpers";
import { type ExportOptions, selectThemes, sourceLabel } from "./essay";
import { createFormatter } from "./format";
import { isPublishable, type SeriesExportData } from "./model";
import { EXPORT_TEXTS } from "./texts";
import { type XlsxColumn, xlsxBuffer } from "./xlsx";

/** The "Uitvoeringsagenda": every accepted or proposed action, grouped by theme. */
export interface AgendaRow {
  theme: string;
  action: string;
  owner: string;
  dueDate: string | null;
  status: string;
  source: string;
  capturedAt: Date;
  key: boolean;
}

export interface Agenda {
  title: string;
  intro: string;
  groups: Array<{ heading: string; rows: AgendaRow[] }>;
}

export function buildAgenda(data: SeriesExportData, options: ExportOptions): Agenda {
  const texts = EXPORT_TEXTS[options.locale];
  const format = createFormatter(options.locale, data.series.timeZone);
  const sessionById = new Map(data.sessions.map((s) => [s.id, s]));
  const actionsByTheme = new Map<string, typeof data.outcomes>();
  for (const outcome of data.outcomes) {
    if (outcome.kind !== "action" || !isPublishable(outcome)) continue;
    const list = actionsByTheme.get(outcome.themeId) ?? [];
    list.push(outcome);
    actionsByTheme.set(outcome.themeId, list);
  }
  return {
    title: `${texts.agendaTitle} — ${pickLocale(data.series.title, options.locale)}`,
    intro: texts.agendaIntro,
    groups: selectThemes(data, options.themePosition).map((theme) => {
      const themeTitle = texts.theme(theme.position, pickLocale(theme.title, options.locale));
      const actions = (actionsByTheme.get(theme.id) ?? [])
        .map(applyAttribution)
        // Soonest deadline first; undated actions last, then by capture time.
        .sort(
          (a, b) =>
            (a.action?.dueDate ?? "9999").localeCompare(b.action?.dueDate ?? "9999") ||
            a.capturedAt.getTime() - b.capturedAt.getTime(),
        );
      return {
        heading: themeTitle,
        rows: actions.map((a) => ({
          theme: themeTitle,
          action: a.text,
          owner: a.action?.owner ?? "",
          dueDate: a.action?.dueDate ?? null,
          status: texts.actionStatus[a.action?.status ?? "open"],
          source: sourceLabel(
            texts,
            format,
            a.sessionId ? sessionById.get(a.sessionId) : undefined,
            a.capturedAt,
          ),
          capturedAt: a.capturedAt,
          key: a.key,
        })),
      };
    }),
  };
}

function agendaColumns(options: ExportOptions) {
  const c = EXPORT_TEXTS[options.locale].columns;
  return {
    theme: c.theme,
    action: c.action,
    owner: c.owner,
    dueDate: c.dueDate,
    status: c.status,
    key: c.key,
    source: c.source,
  };
}

export async function renderAgendaDocx(data: SeriesExportData, options: ExportOptions): Promise<Buffer> {
  const texts = EXPORT_TEXTS[options.locale];
  const format = createFormatter(options.locale, data.series.timeZone);
  const agenda = buildAgenda(data, options);
  const c = texts.columns;
  const children: SectionChildren = [
    new Paragraph({ children: runs(agenda.title), heading: HeadingLevel.TITLE }),
    paragraph(runs(agenda.intro)),
  ];
  for (const group of agenda.groups) {
    children.push(new Paragraph({ children: runs(group.heading), heading: HeadingLevel.HEADING_1 }));
    if (group.rows.length === 0) {
      children.push(paragraph(runs(texts.none, { italics: true })));
      continue;
    }
    children.push(
      table(
        [c.action, c.owner, c.dueDate, c.status, c.source],
        group.rows.map((r) => [
          r.key ? `${texts.key}: ${r.action}` : r.action,
          r.owner,
          r.dueDate ? format.calendarDate(r.dueDate) : "",
          r.status,
          r.source,
        ]),
      ),
    );
  }
  return Packer.toBuffer(
    new Document({
      title: agenda.title,
      creator: data.series.organiser,
      lastModifiedBy: data.series.organiser,
      sections: [{ children }],
    }),
  );
}

export function renderAgendaCsv(data: SeriesExportData, options: ExportOptions): Readable {
  const texts = EXPORT_TEXTS[options.locale];
  const format = createFormatter(options.locale, data.series.timeZone);
  const agenda = buildAgenda(data, options);
  const columns = agendaColumns(options);
  return csvStream(
    Object.values(columns),
    (function* () {
      for (const group of agenda.groups)
        for (const r of group.rows)
          yield [
            r.theme,
            r.action,
            r.owner,
            r.dueDate ? format.calendarDate(r.dueDate) : "",
            r.status,
            r.key ? texts.yes : texts.no,
            r.source,
          ];
    })(),
    options.locale,
  );
}

export async function renderAgendaXlsx(data: SeriesExportData, options: ExportOptions): Promise<Buffer> {
  const texts = EXPORT_TEXTS[options.locale];
  const agenda = buildAgenda(data, options);
  const c = agendaColumns(options);
  const columns: XlsxColumn[] = [
    { header: c.theme, width: 30 },
    { header: c.action, width: 60 },
    { header: c.owner, width: 24 },
    { header: c.dueDate, width: 14, type: "day" },
    { header: c.status, width: 14 },
    { header: c.key, width: 8 },
    { header: c.source, width: 28 },
  ];
  const rows = agenda.groups.flatMap((g) =>
    g.rows.map((r) => [
      r.theme,
      r.action,
      r.owner,
      // A due date is a calendar day: midnight UTC shows that same day in any reader.
      r.dueDate ? new Date(`${r.dueDate}T00:00:00Z`) : null,
      r.status,
      r.key ? texts.yes : texts.no,
      r.source,
    ]),
  );
  return xlsxBuffer(texts.agendaSheet, columns, rows, options.locale);
}
