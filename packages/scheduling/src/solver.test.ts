import { mulberry32 } from "@reeks/testing/random";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bruteForceSchedule } from "./brute-force";
import { type Answer, type ScheduleProblem, type SlotInput, solveSchedule } from "./solver";

const DAY = 86_400_000;
const HOUR = 3_600_000;

function slot(id: string, day: number, hour = 14, hours = 2): SlotInput {
  return { id, startsAt: day * DAY + hour * HOUR, endsAt: day * DAY + (hour + hours) * HOUR, localDay: day };
}

const answerArb = fc.constantFrom<Answer | undefined>("yes", "if_need_be", "no", undefined);

/** Small random instances: up to 4 sessions × 4 slots, 7 people, with gaps and required people. */
const problemArb = fc
  .record({
    slotDays: fc.array(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 9, max: 20 })), {
        minLength: 1,
        maxLength: 4,
      }),
      { minLength: 1, maxLength: 4 },
    ),
    peopleCount: fc.integer({ min: 0, max: 7 }),
    answerSeed: fc.array(answerArb, { minLength: 7 * 16, maxLength: 7 * 16 }),
    minGapDays: fc.integer({ min: 0, max: 14 }),
    maxGapDays: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    requiredMask: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    maxPlans: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ slotDays, peopleCount, answerSeed, minGapDays, maxGapDays, requiredMask, maxPlans }) => {
    const sessions = slotDays.map((days, s) => days.map(([day, hour], i) => slot(`s${s}-${i}`, day, hour)));
    const slotIds = sessions.flat().map((x) => x.id);
    const people = Array.from({ length: peopleCount }, (_, p) => {
      const answers: Record<string, Answer> = {};
      slotIds.forEach((id, i) => {
        const a = answerSeed[(p * 16 + i) % answerSeed.length];
        if (a) answers[id] = a;
      });
      return { id: `p${p}`, answers };
    });
    const requiredPeople = people.filter((_, i) => requiredMask[i] && i % 3 === 0).map((p) => p.id);
    return { sessions, people, requiredPeople, minGapDays, maxGapDays, maxPlans } satisfies ScheduleProblem;
  });

describe("solveSchedule", () => {
  it("agrees with brute force on random small instances, plan for plan", () => {
    fc.assert(
      fc.property(problemArb, (problem) => {
        const solved = solveSchedule(problem).plans.map(({ slotIds, score }) => ({ slotIds, score }));
        expect(solved).toEqual(bruteForceSchedule(problem));
      }),
      { numRuns: 1500 },
    );
  });

  it("agrees with brute force on instances with many people (bitsets over several words)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 33, max: 130 }),
        fc.array(fc.constantFrom<Answer>("yes", "if_need_be", "no"), {
          minLength: 130 * 9,
          maxLength: 130 * 9,
        }),
        (peopleCount, seed) => {
          const sessions = [0, 1, 2].map((s) => [0, 1, 2].map((i) => slot(`s${s}-${i}`, s * 10 + i * 3)));
          const ids = sessions.flat().map((x) => x.id);
          const people = Array.from({ length: peopleCount }, (_, p) => ({
            id: `p${p}`,
            answers: Object.fromEntries(ids.map((id, i) => [id, seed[p * 9 + i] ?? "no"])),
          }));
          const problem = { sessions, people, minGapDays: 2 };
          expect(solveSchedule(problem).plans.map(({ slotIds, score }) => ({ slotIds, score }))).toEqual(
            bruteForceSchedule(problem),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("prefers everyone at all sessions over more yes answers, then fewer if-need-be", () => {
    const sessions = [
      [slot("a1", 0), slot("a2", 1)],
      [slot("b1", 30), slot("b2", 31)],
    ];
    const people = [
      { id: "ann", answers: { a1: "yes", a2: "if_need_be", b1: "yes", b2: "yes" } },
      { id: "bob", answers: { a1: "no", a2: "yes", b1: "yes", b2: "if_need_be" } },
      { id: "cor", answers: { a1: "yes", a2: "yes", b1: "no", b2: "yes" } },
    ] as const;
    const [best] = solveSchedule({ sessions, people, maxPlans: 1 }).plans;
    // a2+b2 is the only plan all three can attend; it uses two if-need-be answers.
    expect(best?.slotIds).toEqual(["a2", "b2"]);
    expect(best?.score).toEqual({ fullAttendance: 3, ifNeedBe: 2, attendance: 6 });
    expect(best?.sessions.map((s) => s.missing)).toEqual([[], []]);
  });

  it("says who would miss which session, and respects order, gaps and required people", () => {
    const sessions = [
      [slot("a1", 0), slot("a2", 10)],
      [slot("b1", 5), slot("b2", 12), slot("b3", 40)],
    ];
    const people = [
      { id: "speaker", answers: { a1: "yes", a2: "yes", b1: "yes", b2: "no", b3: "yes" } },
      { id: "m1", answers: { a1: "yes", a2: "yes", b1: "yes", b2: "yes", b3: "no" } },
      { id: "m2", answers: { a1: "no", a2: "yes", b1: "yes", b2: "yes", b3: "yes" } },
    ] as const;
    const result = solveSchedule({
      sessions,
      people,
      requiredPeople: ["speaker"],
      minGapDays: 14,
      maxGapDays: 35,
    });
    // b2 is excluded (speaker), b1 is too close to a1/a2 or before a2, only a2→b3 (30 days) fits.
    expect(result.excludedSlotIds).toEqual(["b2"]);
    expect(result.plans.map((p) => p.slotIds)).toEqual([["a2", "b3"]]);
    expect(result.plans[0]?.sessions[1]?.missing).toEqual(["m1"]);
  });

  it("returns no plan when the constraints cannot be met", () => {
    const sessions = [[slot("a", 10)], [slot("b", 5)]];
    expect(solveSchedule({ sessions, people: [] }).plans).toEqual([]);
  });

  it("solves 4 sessions × 30 slots × 500 people within a second", () => {
    const random = mulberry32(42);
    const sessions = [0, 1, 2, 3].map((s) =>
      Array.from({ length: 30 }, (_, i) => slot(`s${s}-${i}`, s * 28 + i, 14)),
    );
    const ids = sessions.flat().map((x) => x.id);
    const people = Array.from({ length: 500 }, (_, p) => ({
      id: `p${p}`,
      answers: Object.fromEntries(
        ids.map((id) => {
          const r = random();
          return [id, r < 0.7 ? "yes" : r < 0.85 ? "if_need_be" : "no"] as const;
        }),
      ),
    }));
    const started = performance.now();
    const result = solveSchedule({ sessions, people, minGapDays: 14, maxGapDays: 42 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.plans).toHaveLength(4);
  });
});
