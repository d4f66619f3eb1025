/**
 * Solver time against the number of slots and people, with brute force on the same small instances as
 * the baseline. Run: pnpm exec tsx bench/scheduling/solver.ts
 */

import { type Answer, bruteForceSchedule, type ScheduleProblem, solveSchedule } from "@reeks/scheduling";
import { mulberry32 } from "@reeks/testing/random";

const DAY = 86_400_000;
const SESSIONS = 4;
const SLOT_COUNTS = [10, 20, 30, 40];
const PEOPLE_COUNTS = [50, 200, 500, 1000, 2000];
// Brute force tries every combination (slots^4 × people): only where it ends in reasonable time.
const BRUTE_FORCE_LIMIT = 10 ** 4 * 2000 * 4;

type Profile = { name: string; yes: number; ifNeedBe: number };
const PROFILES: Profile[] = [
  { name: "busy (40% yes, 20% if need be)", yes: 0.4, ifNeedBe: 0.2 },
  { name: "available (70% yes, 15% if need be)", yes: 0.7, ifNeedBe: 0.15 },
];

/** Four sessions, each with candidate slots spread over its own four-week window; gap 14–42 days. */
function instance(slots: number, people: number, profile: Profile, seed: number): ScheduleProblem {
  const random = mulberry32(seed);
  const sessions = Array.from({ length: SESSIONS }, (_, s) =>
    Array.from({ length: slots }, (_, i) => {
      const day = s * 28 + Math.floor((i * 28) / slots);
      const hour = 9 + (i % 3) * 4;
      const startsAt = day * DAY + hour * 3_600_000;
      return { id: `s${s}-${i}`, startsAt, endsAt: startsAt + 5_400_000, localDay: day };
    }),
  );
  const ids = sessions.flat().map((x) => x.id);
  // Some people are busier than others, some slots more popular: answers are not independent coins.
  const slotBias = new Map(ids.map((id) => [id, 0.8 + random() * 0.4]));
  const everyone = Array.from({ length: people }, (_, p) => {
    const personBias = 0.85 + random() * 0.3;
    const answers: Record<string, Answer> = {};
    for (const id of ids) {
      const r = random() / (personBias * (slotBias.get(id) ?? 1));
      answers[id] = r < profile.yes ? "yes" : r < profile.yes + profile.ifNeedBe ? "if_need_be" : "no";
    }
    return { id: `p${p}`, answers };
  });
  return {
    sessions,
    people: everyone,
    requiredPeople: ["p0"],
    minGapDays: 14,
    maxGapDays: 42,
    maxPlans: 4,
  };
}

function time(fn: () => void, repeats: number): number {
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    fn();
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)] ?? 0;
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
console.log(`Node ${process.version}, ${SESSIONS} sessions, gap 14–42 days, one required person, 4 plans.`);
console.log("Median of 5 solver runs, 1 brute-force run; times in ms.\n");
for (const profile of PROFILES) {
  console.log(`### Answers: ${profile.name}\n`);
  console.log("| slots/session | people | solver ms | brute force ms | same plans |");
  console.log("|---:|---:|---:|---:|:---:|");
  for (const slots of SLOT_COUNTS) {
    for (const people of PEOPLE_COUNTS) {
      const problem = instance(slots, people, profile, slots * 10_000 + people);
      const solverMs = time(() => solveSchedule(problem), 5);
      let bruteMs = "—";
      let same = "—";
      if (slots ** SESSIONS * people * SESSIONS <= BRUTE_FORCE_LIMIT) {
        let brute: ReturnType<typeof bruteForceSchedule> = [];
        bruteMs = ms(time(() => (brute = bruteForceSchedule(problem)), 1));
        const solved = solveSchedule(problem).plans.map(({ slotIds, score }) => ({ slotIds, score }));
        same = JSON.stringify(solved) === JSON.stringify(brute) ? "yes" : "NO";
      }
      console.log(`| 4 × ${slots} | ${people} | ${ms(solverMs)} | ${bruteMs} | ${same} |`);
    }
  }
  console.log("");
}
