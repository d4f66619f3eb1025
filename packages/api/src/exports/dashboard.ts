import {
  type AttendanceState,
  computeAttendance,
  isPublishable,
  OUTCOME_KINDS,
  type OutcomeKind,
  type SeriesExportData,
} from "@reeks/exports";
import type { LocalizedText } from "@reeks/models";

export interface DashboardCell {
  sessionId: string;
  state: AttendanceState;
  minutes: number;
  /** 0..1 of the planned session, or null without a duration. */
  share: number | null;
}

export interface SeriesDashboard {
  sessions: Array<{
    id: string;
    position: number;
    themeTitle: LocalizedText;
    startsAt: string | null;
    durationMinutes: number;
    present: number;
    absent: number;
    excused: number;
  }>;
  rows: Array<{
    participantId: string;
    /** Empty when `erased`: the web shows "Deleted account" (counted, never named). */
    name: string;
    erased: boolean;
    organisation: string;
    approved: boolean;
    attendedAll: boolean;
    cells: DashboardCell[];
  }>;
  attendedAll: Array<{ participantId: string; name: string; erased: boolean }>;
  absentees: Array<{
    participantId: string;
    name: string;
    erased: boolean;
    organisation: string;
    sessionPositions: number[];
  }>;
  outcomesByTheme: Array<{
    themePosition: number;
    themeTitle: LocalizedText;
    counts: Record<OutcomeKind, number>;
    /** Of those, how many came from breakout groups (shared by their rapporteur). */
    fromGroups: number;
  }>;
  polls: Array<{
    id: string;
    sessionPosition: number;
    question: string;
    options: Array<{ label: string; votes: number }>;
  }>;
}

/** What the organiser's dashboard shows, computed from the same plain data the exports use. */
export function seriesDashboard(data: SeriesExportData): SeriesDashboard {
  const report = computeAttendance(data);
  const themeById = new Map(data.themes.map((t) => [t.id, t]));
  const sessionById = new Map(report.sessions.map((s) => [s.id, s]));
  const emptyCounts = () =>
    Object.fromEntries(OUTCOME_KINDS.map((k) => [k, 0])) as Record<OutcomeKind, number>;
  const countsByTheme = new Map(data.themes.map((t) => [t.id, emptyCounts()]));
  const fromGroupsByTheme = new Map<string, number>();
  for (const outcome of data.outcomes) {
    if (!isPublishable(outcome)) continue;
    const counts = countsByTheme.get(outcome.themeId);
    if (counts) counts[outcome.kind] += 1;
    if (outcome.group)
      fromGroupsByTheme.set(outcome.themeId, (fromGroupsByTheme.get(outcome.themeId) ?? 0) + 1);
  }
  return {
    sessions: report.sessions.map((s, i) => ({
      id: s.id,
      position: s.position,
      themeTitle: themeById.get(s.themeId)?.title ?? { nl: "?" },
      startsAt: s.startsAt?.toISOString() ?? null,
      durationMinutes: s.durationMinutes,
      present: report.perSession[i]?.present ?? 0,
      absent: report.perSession[i]?.absent ?? 0,
      excused: report.perSession[i]?.excused ?? 0,
    })),
    rows: report.rows.map((row) => ({
      participantId: row.participant.id,
      name: row.participant.name,
      erased: row.participant.erased === true,
      organisation: row.participant.organisation,
      approved: row.participant.status === "approved",
      attendedAll: row.attendedAll,
      cells: row.cells.map((c) => ({
        sessionId: c.sessionId,
        state: c.state,
        minutes: c.minutes,
        share: c.share,
      })),
    })),
    attendedAll: report.attendedAll.map((p) => ({
      participantId: p.id,
      name: p.name,
      erased: p.erased === true,
    })),
    absentees: report.absentees.map((a) => ({
      participantId: a.participant.id,
      name: a.participant.name,
      erased: a.participant.erased === true,
      organisation: a.participant.organisation,
      sessionPositions: a.sessionIds.map((id) => sessionById.get(id)?.position ?? 0),
    })),
    outcomesByTheme: [...data.themes]
      .sort((a, b) => a.position - b.position)
      .map((t) => ({
        themePosition: t.position,
        themeTitle: t.title,
        counts: countsByTheme.get(t.id) ?? emptyCounts(),
        fromGroups: fromGroupsByTheme.get(t.id) ?? 0,
      })),
    polls: data.polls
      .map((p) => ({
        id: p.id,
        sessionPosition: sessionById.get(p.sessionId)?.position ?? 0,
        question: p.question,
        options: p.options,
      }))
      .sort((a, b) => a.sessionPosition - b.sessionPosition),
  };
}
