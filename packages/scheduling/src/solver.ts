/**
 * The series scheduler: choose one candidate slot per session, for all sessions together.
 *
 * Objective, compared lexicographically (see `compareScores`):
 *   1. most people who can attend every session (answered yes or if-need-be on every chosen slot);
 *   2. fewest if-need-be answers used (summed over the chosen slots, over everyone who answered);
 *   3. most attendance in total (yes + if-need-be, summed over the chosen slots).
 * Remaining ties go to the plan whose slots come earliest in the input order, so the result is
 * deterministic and can be compared with brute force plan for plan.
 *
 * Exact: a depth-first branch and bound over the slot combinations. Each person is a bit; each slot
 * keeps a bitset of who can come, so "everyone who can attend all chosen so far" is a running AND and
 * its popcount is an upper bound for objective 1 of every completion. The additive objectives 2 and 3
 * are bounded by the best single slot left per remaining session. A branch is cut when its bound
 * cannot beat the k-th best plan found so far (k = best plan + alternatives).
 */

export type Answer = "yes" | "if_need_be" | "no";

export interface SlotInput {
  id: string;
  /** Instant the slot starts / ends, in ms since the epoch. */
  startsAt: number;
  endsAt: number;
  /**
   * The slot's calendar day in the series' time zone, as a day number (e.g. days since 1970-01-01 of
   * the local date). Gaps are counted in local calendar days, so a change to or from daylight-saving
   * time between two sessions does not make "three weeks" one hour short.
   */
  localDay: number;
}

export interface PersonInput {
  id: string;
  /** Answer per slot id; a slot without an answer counts as "no". */
  answers: Readonly<Record<string, Answer>>;
}

export interface ScheduleProblem {
  /** Candidate slots per session, sessions in their order in the series. */
  sessions: ReadonlyArray<ReadonlyArray<SlotInput>>;
  people: ReadonlyArray<PersonInput>;
  /** Ids of people who must be able to attend every session (e.g. the speakers). */
  requiredPeople?: ReadonlyArray<string>;
  /** Minimum and maximum number of local calendar days between the starts of consecutive sessions. */
  minGapDays?: number;
  maxGapDays?: number | null;
  /** How many plans to return: the best one plus alternatives. Default 4. */
  maxPlans?: number;
}

export interface PlanScore {
  /** People who can attend every session of the plan. */
  fullAttendance: number;
  /** If-need-be answers the plan relies on. */
  ifNeedBe: number;
  /** Yes + if-need-be answers on the plan's slots. */
  attendance: number;
}

export interface PlannedSession {
  slotId: string;
  /** People who answered yes / if need be for this slot. */
  yes: string[];
  ifNeedBe: string[];
  /** People who would miss this session (answered no, or did not answer this slot). */
  missing: string[];
}

export interface Plan {
  slotIds: string[];
  score: PlanScore;
  sessions: PlannedSession[];
}

export interface ScheduleResult {
  /** Best first; empty when no combination satisfies the constraints. */
  plans: Plan[];
  /** Slots left out before the search because a required person cannot attend them. */
  excludedSlotIds: string[];
}

/** Negative when a is worse than b, positive when better. */
export function compareScores(a: PlanScore, b: PlanScore): number {
  if (a.fullAttendance !== b.fullAttendance) return a.fullAttendance - b.fullAttendance;
  if (a.ifNeedBe !== b.ifNeedBe) return b.ifNeedBe - a.ifNeedBe;
  return a.attendance - b.attendance;
}

/** The hard constraints between two consecutive sessions' slots. */
export function slotsFollow(
  previous: SlotInput,
  next: SlotInput,
  minGapDays: number,
  maxGapDays: number | null,
): boolean {
  if (next.startsAt < previous.endsAt) return false;
  const gap = next.localDay - previous.localDay;
  if (gap < minGapDays) return false;
  if (maxGapDays !== null && gap > maxGapDays) return false;
  return true;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface PreparedSlot {
  slot: SlotInput;
  /** Index in the session's input list, for the deterministic tie-break. */
  index: number;
  canAttend: Uint32Array;
  ifNeedBe: number;
  attendance: number;
}

interface Candidate {
  score: PlanScore;
  indices: number[];
  slots: PreparedSlot[];
}

/** Best first: better score, then earlier slot indices. */
function rankCandidates(a: Candidate, b: Candidate): number {
  const byScore = compareScores(b.score, a.score);
  if (byScore !== 0) return byScore;
  for (let i = 0; i < a.indices.length; i++) {
    const d = (a.indices[i] ?? 0) - (b.indices[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function canAttend(answer: Answer | undefined): boolean {
  return answer === "yes" || answer === "if_need_be";
}

export function solveSchedule(problem: ScheduleProblem): ScheduleResult {
  const people = problem.people;
  const minGap = problem.minGapDays ?? 0;
  const maxGap = problem.maxGapDays ?? null;
  const maxPlans = Math.max(1, problem.maxPlans ?? 4);
  const words = Math.max(1, Math.ceil(people.length / 32));
  const required = people.filter((p) => problem.requiredPeople?.includes(p.id));
  const unknownRequired = (problem.requiredPeople ?? []).filter((id) => !people.some((p) => p.id === id));
  const excludedSlotIds: string[] = [];

  const prepared: PreparedSlot[][] = problem.sessions.map((slots) =>
    slots.flatMap((slot, index) => {
      // A required person who is unknown, or cannot come, rules the slot out.
      if (unknownRequired.length > 0 || required.some((p) => !canAttend(p.answers[slot.id]))) {
        excludedSlotIds.push(slot.id);
        return [];
      }
      const bits = new Uint32Array(words);
      let ifNeedBe = 0;
      let attendance = 0;
      people.forEach((person, i) => {
        const answer = person.answers[slot.id];
        if (!canAttend(answer)) return;
        bits[i >>> 5] = (bits[i >>> 5] ?? 0) | (1 << (i & 31));
        attendance++;
        if (answer === "if_need_be") ifNeedBe++;
      });
      return [{ slot, index, canAttend: bits, ifNeedBe, attendance }];
    }),
  );

  const sessionCount = prepared.length;
  if (sessionCount === 0) return { plans: [], excludedSlotIds };

  // Bounds for the additive objectives over the sessions still to choose (suffix sums).
  const minIfNeedBeFrom = new Array<number>(sessionCount + 1).fill(0);
  const maxAttendanceFrom = new Array<number>(sessionCount + 1).fill(0);
  // Who could attend all remaining sessions at best: AND over sessions of the OR of their slots.
  const reachableFrom: Uint32Array[] = new Array(sessionCount + 1);
  reachableFrom[sessionCount] = new Uint32Array(words).fill(0xffffffff);
  for (let s = sessionCount - 1; s >= 0; s--) {
    const slots = prepared[s] ?? [];
    minIfNeedBeFrom[s] =
      (minIfNeedBeFrom[s + 1] ?? 0) + (slots.length ? Math.min(...slots.map((p) => p.ifNeedBe)) : 0);
    maxAttendanceFrom[s] =
      (maxAttendanceFrom[s + 1] ?? 0) + (slots.length ? Math.max(...slots.map((p) => p.attendance)) : 0);
    const union = new Uint32Array(words);
    for (const p of slots) for (let w = 0; w < words; w++) union[w] = (union[w] ?? 0) | (p.canAttend[w] ?? 0);
    const next = reachableFrom[s + 1] as Uint32Array;
    for (let w = 0; w < words; w++) union[w] = (union[w] ?? 0) & (next[w] ?? 0);
    reachableFrom[s] = union;
  }

  const best: Candidate[] = [];
  const chosen: PreparedSlot[] = [];
  // One running-AND buffer per depth, so the search allocates nothing per node.
  const running: Uint32Array[] = Array.from({ length: sessionCount + 1 }, () => new Uint32Array(words));
  (running[0] as Uint32Array).fill(0xffffffff);

  const worstKept = (): Candidate | undefined =>
    best.length >= maxPlans ? best[best.length - 1] : undefined;

  function keep(candidate: Candidate) {
    best.push(candidate);
    best.sort(rankCandidates);
    if (best.length > maxPlans) best.pop();
  }

  function search(depth: number, ifNeedBe: number, attendance: number) {
    const mask = running[depth] as Uint32Array;
    if (depth === sessionCount) {
      let full = 0;
      for (let w = 0; w < words; w++) full += popcount(mask[w] ?? 0);
      const candidate: Candidate = {
        score: { fullAttendance: full, ifNeedBe, attendance },
        indices: chosen.map((c) => c.index),
        slots: [...chosen],
      };
      const worst = worstKept();
      if (!worst || rankCandidates(candidate, worst) < 0) keep(candidate);
      return;
    }
    const previous = depth > 0 ? chosen[depth - 1] : undefined;
    const nextMask = running[depth + 1] as Uint32Array;
    const reachable = reachableFrom[depth + 1] as Uint32Array;
    for (const option of prepared[depth] ?? []) {
      if (previous && !slotsFollow(previous.slot, option.slot, minGap, maxGap)) continue;
      let bound = 0;
      for (let w = 0; w < words; w++) {
        const m = (mask[w] ?? 0) & (option.canAttend[w] ?? 0);
        nextMask[w] = m;
        bound += popcount(m & (reachable[w] ?? 0));
      }
      const worst = worstKept();
      if (worst) {
        const upper: PlanScore = {
          fullAttendance: bound,
          ifNeedBe: ifNeedBe + option.ifNeedBe + (minIfNeedBeFrom[depth + 1] ?? 0),
          attendance: attendance + option.attendance + (maxAttendanceFrom[depth + 1] ?? 0),
        };
        // Plans found later lose ties (their slot indices are larger), so an equal bound is not enough.
        if (compareScores(upper, worst.score) <= 0) continue;
      }
      chosen.push(option);
      search(depth + 1, ifNeedBe + option.ifNeedBe, attendance + option.attendance);
      chosen.pop();
    }
  }

  search(0, 0, 0);
  return { plans: best.map((c) => describePlan(c, people)), excludedSlotIds };
}

function describePlan(candidate: Candidate, people: ReadonlyArray<PersonInput>): Plan {
  return {
    slotIds: candidate.slots.map((s) => s.slot.id),
    score: candidate.score,
    sessions: candidate.slots.map(({ slot }) => {
      const yes: string[] = [];
      const ifNeedBe: string[] = [];
      const missing: string[] = [];
      for (const person of people) {
        const answer = person.answers[slot.id];
        if (answer === "yes") yes.push(person.id);
        else if (answer === "if_need_be") ifNeedBe.push(person.id);
        else missing.push(person.id);
      }
      return { slotId: slot.id, yes, ifNeedBe, missing };
    }),
  };
}
