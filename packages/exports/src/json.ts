import { Readable } from "node:stream";
import { computeAttendance } from "./attendance";
import { applyAttribution } from "./attribution";
import type { SeriesExportData } from "./model";
import { speakerShown } from "./transcript";

/** Bumped when the archive's shape changes, so a later import knows what it reads. */
export const SERIES_ARCHIVE_VERSION = 1;

/**
 * The whole series for archiving and moving elsewhere. Names are dropped from Chatham House and
 * anonymous items here too: an archive leaves the system and must keep the promise made in the room.
 * Attendance goes in both raw (intervals) and summarised (per person per session).
 */
export function seriesArchive(data: SeriesExportData) {
  const report = computeAttendance(data);
  return {
    format: "reeks.series",
    version: SERIES_ARCHIVE_VERSION,
    generatedAt: data.generatedAt,
    series: data.series,
    themes: data.themes,
    sessions: data.sessions,
    participants: data.participants,
    outcomes: data.outcomes.map(applyAttribution),
    questions: data.questions.map(applyAttribution),
    polls: data.polls,
    // What was said, with the speaker's name only where the session's rule names people.
    transcript: (data.transcript ?? []).map((line) => {
      const { speakerName: _stored, ...rest } = line;
      return { ...rest, speaker: speakerShown(line) };
    }),
    attendance: {
      intervals: data.attendance,
      excused: data.excused,
      summary: report.rows.flatMap((row) =>
        row.cells.map((cell) => ({
          participantId: cell.participantId,
          sessionId: cell.sessionId,
          state: cell.state,
          firstJoin: cell.firstJoin,
          lastLeave: cell.lastLeave,
          minutes: cell.minutes,
        })),
      ),
    },
  };
}

export type SeriesArchive = ReturnType<typeof seriesArchive>;

/**
 * Streams the archive: the large arrays go out one element at a time, so the full JSON text never sits
 * in memory next to the data it came from.
 */
export function renderSeriesJson(data: SeriesExportData): Readable {
  const archive = seriesArchive(data);
  return Readable.from(
    (function* () {
      const entries = Object.entries(archive);
      yield "{";
      for (const [index, [key, value]] of entries.entries()) {
        yield `${index > 0 ? "," : ""}\n  ${JSON.stringify(key)}: `;
        if (Array.isArray(value)) {
          yield "[";
          for (const [i, element] of value.entries())
            yield `${i > 0 ? "," : ""}\n    ${JSON.stringify(element)}`;
          yield value.length ? "\n  ]" : "]";
        } else {
          yield JSON.stringify(value, null, 2).replace(/\n/g, "\n  ");
        }
      }
      yield "\n}\n";
    })(),
    { objectMode: false },
  );
}
