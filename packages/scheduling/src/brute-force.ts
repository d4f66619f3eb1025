import { type Answer, compareScores, type PlanScore, type ScheduleProblem, slotsFollow } from "./solver";

/**
 * The obvious algorithm: try every combination, keep the feasible ones, sort. The reference the solver
 * is tested and benchmarked against; exponential in the number of sessions, so for small instances only.
 */
export function bruteForceSchedule(problem: ScheduleProblem): Array<{ slotIds: string[]; score: PlanScore }> {
  const minGap = problem.minGapDays ?? 0;
  const maxGap = problem.maxGapDays ?? null;
  const can = (a: Answer | undefined) => a === "yes" || a === "if_need_be";
  const required = problem.requiredPeople ?? [];
  const all: Array<{ slotIds: string[]; indices: number[]; score: PlanScore }> = [];
  const combos = (s: number): number[][] =>
    s === problem.sessions.length
      ? [[]]
      : (problem.sessions[s] ?? []).flatMap((_, i) => combos(s + 1).map((rest) => [i, ...rest]));
  for (const indices of combos(0)) {
    const slots = indices.map((i, s) => problem.sessions[s]?.[i]).filter((x) => x !== undefined);
    if (slots.length !== problem.sessions.length || slots.length === 0) continue;
    let feasible = true;
    for (let s = 1; s < slots.length; s++) {
      const prev = slots[s - 1];
      const next = slots[s];
      if (prev && next && !slotsFollow(prev, next, minGap, maxGap)) feasible = false;
    }
    for (const id of required) {
      const person = problem.people.find((p) => p.id === id);
      if (!person || slots.some((slot) => !can(person.answers[slot.id]))) feasible = false;
    }
    if (!feasible) continue;
    const score: PlanScore = { fullAttendance: 0, ifNeedBe: 0, attendance: 0 };
    for (const person of problem.people) {
      if (slots.every((slot) => can(person.answers[slot.id]))) score.fullAttendance++;
      for (const slot of slots) {
        const answer = person.answers[slot.id];
        if (can(answer)) score.attendance++;
        if (answer === "if_need_be") score.ifNeedBe++;
      }
    }
    all.push({ slotIds: slots.map((s) => s.id), indices, score });
  }
  all.sort((a, b) => {
    const byScore = compareScores(b.score, a.score);
    if (byScore !== 0) return byScore;
    for (let i = 0; i < a.indices.length; i++) {
      const d = (a.indices[i] ?? 0) - (b.indices[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  return all.slice(0, Math.max(1, problem.maxPlans ?? 4)).map(({ slotIds, score }) => ({ slotIds, score }));
}
