import type { Database } from "@reeks/db";
import type { AvailabilityAnswer } from "@reeks/models";
import { localDayNumber, type Plan, solveSchedule } from "@reeks/scheduling";
import { loadSchedulingAggregate, type SlotView, slotView } from "./aggregate";

type Named = Array<{ participantId: string; name: string }>;

export interface SuggestedPlan {
  slots: SlotView[];
  score: Plan["score"];
  /** Per session (in order): who would miss it, by name. */
  missing: Array<{ sessionId: string; people: Named }>;
  ifNeedBe: Array<{ sessionId: string; people: Named }>;
}

export interface Suggestion {
  plans: SuggestedPlan[];
  /** People counted: approved participants who answered at least once, plus required people. */
  respondents: number;
  sessionsWithoutSlots: number[];
}

/** Runs the exact solver over the poll's answers. */
export async function suggestSchedule(
  db: Database,
  input: { seriesId: string; maxPlans?: number },
): Promise<Suggestion> {
  const { series, poll, sessions, slots, requiredIds, people, answers } = await loadSchedulingAggregate(
    db,
    input.seriesId,
  );
  const sessionsWithoutSlots = sessions
    .filter((s) => !slots.some((slot) => slot.sessionId === s.id))
    .map((s) => s.position);
  const answersByPerson = new Map<string, Record<string, AvailabilityAnswer>>();
  for (const a of answers) {
    const own = answersByPerson.get(a.participantId) ?? {};
    own[a.slotId] = a.answer;
    answersByPerson.set(a.participantId, own);
  }
  // Someone who never answered would count as missing everywhere and change nothing but the noise.
  const counted = people.filter(
    (p) => answersByPerson.has(p.participantId) || requiredIds.includes(p.participantId),
  );
  if (sessionsWithoutSlots.length > 0) {
    return { plans: [], respondents: counted.length, sessionsWithoutSlots };
  }
  const tz = series.timeZone;
  const result = solveSchedule({
    sessions: sessions.map((s) =>
      slots
        .filter((slot) => slot.sessionId === s.id)
        .map((slot) => ({
          id: slot.id,
          startsAt: slot.startsAt.getTime(),
          endsAt: slot.endsAt.getTime(),
          localDay: localDayNumber(slot.startsAt, tz),
        })),
    ),
    people: counted.map((p) => ({
      id: p.participantId,
      answers: answersByPerson.get(p.participantId) ?? {},
    })),
    requiredPeople: requiredIds,
    minGapDays: poll?.minGapDays ?? 0,
    maxGapDays: poll?.maxGapDays ?? null,
    maxPlans: input.maxPlans ?? 4,
  });
  const names = new Map(people.map((p) => [p.participantId, p.name]));
  const named = (ids: string[]): Named =>
    ids.map((participantId) => ({ participantId, name: names.get(participantId) ?? "?" }));
  const slotById = new Map(slots.map((s) => [s.id, s]));
  const perSession = (pick: (s: Plan["sessions"][number]) => string[], plan: Plan) =>
    plan.sessions.map((s, i) => ({ sessionId: sessions[i]?.id ?? "", people: named(pick(s)) }));
  return {
    respondents: counted.length,
    sessionsWithoutSlots,
    plans: result.plans.map((plan) => ({
      slots: plan.slotIds.flatMap((id) => {
        const slot = slotById.get(id);
        return slot ? [slotView(slot, tz)] : [];
      }),
      score: plan.score,
      missing: perSession((s) => s.missing, plan),
      ifNeedBe: perSession((s) => s.ifNeedBe, plan),
    })),
  };
}
