import {
  ATTRIBUTIONS,
  type AttendanceInterval,
  type OutcomeItem,
  type OutcomeKind,
  type SeriesExportData,
} from "./model";

const WORDS = (
  "uitvoering gemeente inwoner regels loket beleid vertrouwen samenwerking rijk uitvoeringsorganisatie " +
  "maatwerk budget wachtlijst jeugdzorg wmo participatiewet toeslagen schuldhulp leiderschap bestuur raad " +
  "wethouder ambtenaar team sturing signaal casus knelpunt doorbraak data privacy menselijke maat"
).split(" ");
const KINDS: OutcomeKind[] = ["problem", "action", "insight", "dilemma", "recommendation", "quote"];
const MINUTE = 60_000;

/** Deterministic pseudo-random numbers, so generated series are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function uuidFor(prefix: number, index: number): string {
  const hex = (prefix * 1_000_000 + index).toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}

/**
 * A series shaped like the real one (four themes, one session each, 90 minutes, in Amsterdam winter
 * time), with as many outcomes and participants as asked. For tests and the benchmark.
 */
export function generateSeries(options: {
  outcomes: number;
  participants: number;
  seed?: number;
}): SeriesExportData {
  const next = random(options.seed ?? 7);
  const themes = [1, 2, 3, 4].map((position) => ({
    id: uuidFor(1, position),
    position,
    title: { nl: `Thema ${position} titel`, en: `Theme ${position} title` },
    guidingQuestion: { nl: `Leidende vraag ${position}?`, en: `Guiding question ${position}?` },
  }));
  const sessions = themes.map((theme) => ({
    id: uuidFor(2, theme.position),
    position: theme.position,
    themeId: theme.id,
    status: "ended" as const,
    // 15:00 in Amsterdam (CET, UTC+1) on four Thursdays in 2026.
    startsAt: new Date(Date.UTC(2026, 0, 8 + 7 * (theme.position - 1), 14, 0)),
    durationMinutes: 90,
  }));
  const participants = Array.from({ length: options.participants }, (_, i) => ({
    id: uuidFor(3, i + 1),
    name: `Deelnemer ${i + 1}`,
    organisation: `Gemeente ${(i % 40) + 1}`,
    role: i === 0 ? ("organiser" as const) : ("member" as const),
    status: "approved" as const,
  }));
  const outcomes: OutcomeItem[] = Array.from({ length: options.outcomes }, (_, i) => {
    const session = sessions[i % sessions.length] ?? sessions[0];
    if (!session) throw new Error("no sessions");
    const kind = KINDS[Math.floor(next() * KINDS.length)] ?? "insight";
    const author = participants[Math.floor(next() * participants.length)];
    return {
      id: uuidFor(4, i + 1),
      kind,
      // Varied words, so compressed output sizes are realistic rather than flattered by repetition.
      text: `Uitkomst ${i + 1}: ${Array.from({ length: 14 + Math.floor(next() * 16) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(" ")}.`,
      themeId: session.themeId,
      sessionId: session.id,
      capturedAt: new Date((session.startsAt?.getTime() ?? 0) + Math.floor(next() * 90) * MINUTE),
      authorName: author?.name ?? null,
      attribution: ATTRIBUTIONS[i % ATTRIBUTIONS.length] ?? "named",
      status: "confirmed",
      key: next() < 0.1,
      action:
        kind === "action"
          ? {
              owner: `Eigenaar ${(i % 25) + 1}`,
              dueDate: `2026-0${(i % 9) + 1}-15`,
              status: next() < 0.5 ? "open" : "in_progress",
            }
          : null,
    };
  });
  const attendance: AttendanceInterval[] = [];
  for (const participant of participants) {
    for (const session of sessions) {
      if (next() < 0.15 || !session.startsAt) continue;
      const start = session.startsAt.getTime() + Math.floor(next() * 10) * MINUTE;
      attendance.push({
        participantId: participant.id,
        sessionId: session.id,
        joinedAt: new Date(start),
        leftAt: new Date(start + (60 + Math.floor(next() * 30)) * MINUTE),
      });
    }
  }
  return {
    series: {
      slug: "uitvoering-op-zn-kop",
      title: { nl: "Uitvoering op z'n Kop", en: "Uitvoering op z'n Kop" },
      organiser: "VGS",
      timeZone: "Europe/Amsterdam",
    },
    themes,
    sessions,
    participants,
    outcomes,
    questions: sessions.map((session, i) => ({
      id: uuidFor(5, i + 1),
      sessionId: session.id,
      text: `Vraag over sessie ${session.position}?`,
      votes: 10 - i,
      askedAt: session.startsAt ?? new Date(0),
      authorName: participants[i]?.name ?? null,
      attribution: "anonymous",
    })),
    polls: sessions.map((session, i) => ({
      id: uuidFor(6, i + 1),
      sessionId: session.id,
      question: `Peiling ${session.position}`,
      closedAt: session.startsAt,
      options: [
        { label: "Eens", votes: 12 + i },
        { label: "Oneens", votes: 5 },
      ],
    })),
    attendance,
    excused: [],
    generatedAt: new Date(Date.UTC(2026, 1, 10, 12, 0)),
  };
}
