import type { ExportParticipant, ExportSession, SeriesExportData } from "./model";

const MINUTE = 60_000;

export interface Span {
  start: number;
  end: number;
}

/**
 * Sorts and merges overlapping or touching spans. A person in the room on two devices, or a webhook
 * `joined` that arrives again after a reconnect, must not count twice.
 */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

export type AttendanceState = "present" | "absent" | "excused" | "not_held";

export interface AttendanceCell {
  participantId: string;
  sessionId: string;
  state: AttendanceState;
  firstJoin: Date | null;
  lastLeave: Date | null;
  /** Whole minutes in the room, overlapping intervals counted once. */
  minutes: number;
  /** Minutes present over the planned duration, 0..1; null when the session has no duration. */
  share: number | null;
}

export interface AttendanceRow {
  participant: ExportParticipant;
  cells: AttendanceCell[];
  /** Present in every session of the series. */
  attendedAll: boolean;
}

export interface SessionAttendance {
  sessionId: string;
  present: number;
  absent: number;
  excused: number;
  totalMinutes: number;
}

export interface AttendanceReport {
  sessions: ExportSession[];
  rows: AttendanceRow[];
  perSession: SessionAttendance[];
  attendedAll: ExportParticipant[];
  /** Approved participants absent (not excused) from at least one session that was held. */
  absentees: Array<{ participant: ExportParticipant; sessionIds: string[] }>;
}

function sessionEnd(session: ExportSession): number | null {
  return session.startsAt ? session.startsAt.getTime() + session.durationMinutes * MINUTE : null;
}

/**
 * The person × session matrix: approved participants plus anyone else who was in a room (a guest
 * let in by a moderator still counts as present). An interval still open is closed at the session's
 * planned end or at `generatedAt`, whichever is earlier, so a lost `left` event cannot inflate minutes
 * beyond the session.
 */
export function computeAttendance(
  data: Pick<SeriesExportData, "sessions" | "participants" | "attendance" | "excused" | "generatedAt">,
): AttendanceReport {
  const sessions = [...data.sessions].sort((a, b) => a.position - b.position);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const now = data.generatedAt.getTime();

  const spansByKey = new Map<string, Span[]>();
  for (const interval of data.attendance) {
    const session = sessionById.get(interval.sessionId);
    if (!session) continue;
    const start = interval.joinedAt.getTime();
    const plannedEnd = sessionEnd(session);
    const openUntil = plannedEnd === null ? now : Math.min(now, Math.max(plannedEnd, start));
    const end = interval.leftAt ? interval.leftAt.getTime() : openUntil;
    const key = `${interval.participantId}|${interval.sessionId}`;
    const list = spansByKey.get(key) ?? [];
    list.push({ start, end });
    spansByKey.set(key, list);
  }
  const excused = new Set(data.excused.map((e) => `${e.participantId}|${e.sessionId}`));
  const attendees = new Set(data.attendance.map((a) => a.participantId));
  const people = data.participants
    .filter((p) => p.status === "approved" || attendees.has(p.id))
    .sort((a, b) => a.name.localeCompare(b.name, "nl", { numeric: true }) || a.id.localeCompare(b.id));

  const rows: AttendanceRow[] = people.map((participant) => {
    const cells = sessions.map((session): AttendanceCell => {
      const key = `${participant.id}|${session.id}`;
      const merged = mergeSpans(spansByKey.get(key) ?? []);
      const ms = merged.reduce((sum, s) => sum + (s.end - s.start), 0);
      const first = merged[0];
      const last = merged[merged.length - 1];
      const held = session.status === "live" || session.status === "ended";
      const state: AttendanceState =
        ms > 0 ? "present" : excused.has(key) ? "excused" : held ? "absent" : "not_held";
      const planned = session.durationMinutes * MINUTE;
      return {
        participantId: participant.id,
        sessionId: session.id,
        state,
        firstJoin: first ? new Date(first.start) : null,
        lastLeave: last ? new Date(last.end) : null,
        minutes: Math.round(ms / MINUTE),
        share: planned > 0 ? Math.min(1, ms / planned) : null,
      };
    });
    return {
      participant,
      cells,
      attendedAll: sessions.length > 0 && cells.every((c) => c.state === "present"),
    };
  });

  const perSession = sessions.map((session, index): SessionAttendance => {
    const cells = rows.map((r) => r.cells[index]).filter((c): c is AttendanceCell => c !== undefined);
    // Organisers run the series; they are not "absent without apologies" when they do not join.
    const expected = rows
      .filter((r) => r.participant.role !== "organiser")
      .map((r) => r.cells[index])
      .filter((c): c is AttendanceCell => c !== undefined);
    return {
      sessionId: session.id,
      present: cells.filter((c) => c.state === "present").length,
      absent: expected.filter((c) => c.state === "absent").length,
      excused: cells.filter((c) => c.state === "excused").length,
      totalMinutes: cells.reduce((sum, c) => sum + c.minutes, 0),
    };
  });

  const absentees = rows
    .filter((r) => r.participant.status === "approved" && r.participant.role !== "organiser")
    .map((r) => ({
      participant: r.participant,
      sessionIds: r.cells.filter((c) => c.state === "absent").map((c) => c.sessionId),
    }))
    .filter((a) => a.sessionIds.length > 0);

  return {
    sessions,
    rows,
    perSession,
    attendedAll: rows.filter((r) => r.attendedAll).map((r) => r.participant),
    absentees,
  };
}
