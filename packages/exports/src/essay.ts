import { type Locale, pickLocale } from "@reeks/models";
import { type AttendanceReport, computeAttendance } from "./attendance";
import { type AttributedOutcome, type AttributedQuestion, applyAttribution } from "./attribution";
import { buildEvaluationAppendix } from "./evaluation";
import { createFormatter, type Formatter } from "./format";
import {
  type ExportSession,
  type ExportTheme,
  isPublishable,
  type OutcomeKind,
  type PollResult,
  type SeriesExportData,
} from "./model";
import { EXPORT_TEXTS, type ExportTexts, participantName } from "./texts";

/**
 * The essay as a document outline, built once and rendered by both the DOCX and the Markdown writer,
 * so the two never disagree about what goes in, in which order, or whose name is shown.
 */

export interface EssayItem {
  text: string;
  key: boolean;
  /** "Sessie 2, 14-03-2026 15:42" — where the writers can find it back. */
  source: string;
  /** Only for named items (see applyAttribution). */
  attributedTo: string | null;
}

export interface EssayAction extends EssayItem {
  owner: string;
  dueDate: string;
  status: string;
}

export interface EssayPoll {
  question: string;
  source: string;
  options: Array<{ label: string; votes: string; share: string }>;
  total: string;
}

/** A breakout group's shared items, under the group's name and question. */
export interface EssayGroup {
  name: string;
  question: string;
  /** Each item with its kind in front ("Actie"), as the group mixed kinds. */
  items: Array<EssayItem & { kindLabel: string }>;
}

export type EssaySection =
  | { type: "items"; heading: string; items: EssayItem[] }
  | { type: "groups"; heading: string; groups: EssayGroup[] }
  | { type: "actions"; heading: string; actions: EssayAction[] }
  | { type: "questions"; heading: string; items: Array<EssayItem & { votes: string }> }
  | { type: "polls"; heading: string; polls: EssayPoll[] };

export interface EssayTheme {
  heading: string;
  guidingQuestion: string;
  sections: EssaySection[];
}

export interface EssayAppendix {
  heading: string;
  intro: string;
  summary: string[];
  columns: string[];
  rows: string[][];
}

export interface EssayOutline {
  title: string;
  subtitle: string;
  organisedBy: string;
  /** The series' organising body: the documents' author, not the library's "Un-named". */
  organiser: string;
  draftNotice: string;
  themes: EssayTheme[];
  appendix: EssayAppendix;
  /** What attendees answered in the evaluations; null when none went out. */
  evaluationAppendix: EssayAppendix | null;
  texts: ExportTexts;
}

export interface ExportOptions {
  locale: Locale;
  /** Only this theme (by position); all themes when absent. */
  themePosition?: number;
}

/** Essay order within a theme; actions get a table of their own. */
const ITEM_SECTIONS: OutcomeKind[] = ["problem", "action", "insight", "dilemma", "recommendation", "quote"];

export function selectThemes(data: SeriesExportData, themePosition?: number): ExportTheme[] {
  const themes = [...data.themes].sort((a, b) => a.position - b.position);
  return themePosition === undefined ? themes : themes.filter((t) => t.position === themePosition);
}

/** Key items first, then in the order they were captured. */
function byKeyThenTime(a: AttributedOutcome, b: AttributedOutcome): number {
  if (a.key !== b.key) return a.key ? -1 : 1;
  return a.capturedAt.getTime() - b.capturedAt.getTime();
}

export function sourceLabel(
  texts: ExportTexts,
  format: Formatter,
  session: ExportSession | undefined,
  at: Date,
): string {
  const where = session ? texts.session(session.position) : texts.addedAfterwards;
  return `${where}, ${format.dateTime(at)}`;
}

function pollOf(texts: ExportTexts, format: Formatter, poll: PollResult, session?: ExportSession): EssayPoll {
  const total = poll.options.reduce((sum, o) => sum + o.votes, 0);
  return {
    question: poll.question,
    source: sourceLabel(texts, format, session, poll.closedAt ?? session?.startsAt ?? new Date(0)),
    options: poll.options.map((o) => ({
      label: o.label,
      votes: format.integer(o.votes),
      share: total > 0 ? format.percent(o.votes / total) : format.percent(0),
    })),
    total: texts.respondents(total, format.integer(total)),
  };
}

export function buildEssayOutline(data: SeriesExportData, options: ExportOptions): EssayOutline {
  const { locale } = options;
  const texts = EXPORT_TEXTS[locale];
  const format = createFormatter(locale, data.series.timeZone);
  const sessionById = new Map(data.sessions.map((s) => [s.id, s]));
  const themes = selectThemes(data, options.themePosition);

  // Group once: with 10,000 items a filter per theme and kind would be quadratic in practice.
  const outcomesByTheme = new Map<string, AttributedOutcome[]>();
  for (const raw of data.outcomes) {
    if (!isPublishable(raw)) continue;
    const item = applyAttribution(raw);
    const list = outcomesByTheme.get(item.themeId) ?? [];
    list.push(item);
    outcomesByTheme.set(item.themeId, list);
  }
  const questionsByTheme = new Map<string, AttributedQuestion[]>();
  for (const raw of data.questions) {
    const themeId = sessionById.get(raw.sessionId)?.themeId;
    if (!themeId) continue;
    const list = questionsByTheme.get(themeId) ?? [];
    list.push(applyAttribution(raw));
    questionsByTheme.set(themeId, list);
  }

  const toItem = (item: AttributedOutcome): EssayItem => ({
    text: item.text,
    key: item.key,
    source: sourceLabel(
      texts,
      format,
      item.sessionId ? sessionById.get(item.sessionId) : undefined,
      item.capturedAt,
    ),
    attributedTo: item.attributedTo,
  });

  const essayThemes = themes.map((theme): EssayTheme => {
    const all = (outcomesByTheme.get(theme.id) ?? []).sort(byKeyThenTime);
    // A group's items are told as the group's: under "from the groups", not mixed into the room's.
    const outcomes = all.filter((o) => !o.group);
    const sections: EssaySection[] = ITEM_SECTIONS.map((kind): EssaySection => {
      const ofKind = outcomes.filter((o) => o.kind === kind);
      if (kind !== "action")
        return { type: "items", heading: texts.sections[kind], items: ofKind.map(toItem) };
      return {
        type: "actions",
        heading: texts.sections.action,
        actions: ofKind.map((o) => ({
          ...toItem(o),
          owner: o.action?.owner ?? "",
          dueDate: o.action?.dueDate ? format.calendarDate(o.action.dueDate) : "",
          status: texts.actionStatus[o.action?.status ?? "open"],
        })),
      };
    });
    const groups = groupsOf(
      all.filter((o) => o.group),
      (item) => ({ ...toItem(item), kindLabel: texts.kind[item.kind] }),
      (item) => sessionById.get(item.sessionId ?? "")?.position ?? 0,
      locale,
    );
    // Only themes that had breakout groups get the part; the others read as before.
    if (groups.length > 0) sections.push({ type: "groups", heading: texts.fromTheGroups, groups });
    const questions = (questionsByTheme.get(theme.id) ?? []).sort(
      (a, b) => b.votes - a.votes || a.askedAt.getTime() - b.askedAt.getTime(),
    );
    sections.push({
      type: "questions",
      heading: texts.highlightedQuestions,
      items: questions.map((q) => ({
        text: q.text,
        key: false,
        source: sourceLabel(texts, format, sessionById.get(q.sessionId), q.askedAt),
        attributedTo: q.attributedTo,
        votes: texts.votes(q.votes, format.integer(q.votes)),
      })),
    });
    const themeSessions = new Set(data.sessions.filter((s) => s.themeId === theme.id).map((s) => s.id));
    sections.push({
      type: "polls",
      heading: texts.pollResults,
      polls: data.polls
        .filter((p) => themeSessions.has(p.sessionId))
        .map((p) => pollOf(texts, format, p, sessionById.get(p.sessionId))),
    });
    return {
      heading: texts.theme(theme.position, pickLocale(theme.title, locale)),
      guidingQuestion: pickLocale(theme.guidingQuestion, locale),
      sections,
    };
  });

  return {
    title: pickLocale(data.series.title, locale),
    subtitle: texts.essayTitleSuffix,
    organisedBy: texts.organisedBy(data.series.organiser),
    organiser: data.series.organiser,
    draftNotice: texts.draftNotice(format.longDate(data.generatedAt)),
    themes: essayThemes,
    appendix: buildAppendix(computeAttendance(data), texts, format),
    evaluationAppendix: buildEvaluationAppendix(data, options),
    texts,
  };
}

/** The shared group items of one theme, group by group in the order of the sessions and the plan. */
function groupsOf(
  items: AttributedOutcome[],
  toItem: (item: AttributedOutcome) => EssayGroup["items"][number],
  sessionPosition: (item: AttributedOutcome) => number,
  locale: Locale,
): EssayGroup[] {
  const byGroup = new Map<string, { order: [number, number]; group: EssayGroup }>();
  for (const item of items) {
    const group = item.group;
    if (!group) continue;
    let entry = byGroup.get(group.id);
    if (!entry) {
      entry = {
        order: [sessionPosition(item), group.position],
        group: { name: group.name, question: pickLocale(group.question, locale), items: [] },
      };
      byGroup.set(group.id, entry);
    }
    entry.group.items.push(toItem(item));
  }
  return [...byGroup.values()]
    .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1])
    .map((entry) => entry.group);
}

function buildAppendix(report: AttendanceReport, texts: ExportTexts, format: Formatter): EssayAppendix {
  const sessionLabels = report.sessions.map((s) => texts.session(s.position));
  return {
    heading: texts.appendix,
    intro: texts.appendixIntro,
    summary: [
      ...report.perSession.map((s, i) =>
        texts.perSessionLine(
          sessionLabels[i] ?? "",
          format.integer(s.present),
          format.integer(s.absent),
          format.integer(s.excused),
        ),
      ),
      texts.attendedAllCount(
        report.attendedAll.length,
        format.integer(report.attendedAll.length),
        report.sessions.length,
        format.integer(report.sessions.length),
      ),
    ],
    columns: [texts.columns.name, texts.columns.organisation, ...sessionLabels],
    rows: report.rows.map((row) => [
      participantName(row.participant, texts),
      row.participant.organisation,
      ...row.cells.map((c) =>
        c.state === "present"
          ? `${format.integer(c.minutes)} min (${format.percent(c.share ?? 0)})`
          : texts.attendanceState[c.state],
      ),
    ]),
  };
}
