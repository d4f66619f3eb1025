import type { Database } from "@reeks/db";
import type { LocalizedText } from "@reeks/models";
import { instantToLocal } from "@reeks/scheduling";
import type { Actor } from "../actor";
import {
  type AnswerRow,
  type At,
  loadSchedulingAggregate,
  pollIsOpen,
  type SlotView,
  slotView,
} from "./aggregate";

export interface PollView {
  seriesId: string;
  timeZone: string;
  poll: {
    status: "open" | "confirmed";
    deadline: string;
    /** The local date of the deadline's day. */
    deadlineDate: string;
    minGapDays: number;
    maxGapDays: number | null;
    showAnswersToMembers: boolean;
    requiredParticipantIds: string[];
    open: boolean;
  } | null;
  sessions: Array<{
    id: string;
    position: number;
    title: LocalizedText;
    status: string;
    startsAt: string | null;
    slots: SlotView[];
  }>;
  /** Everyone whose answers the viewer may see (only the viewer, unless answers are shared). */
  people: Array<{ participantId: string; name: string; role: string; required: boolean }>;
  answers: AnswerRow[];
  /** The viewer's own participant id. */
  me: string;
}

/** The poll as the viewer may see it: organisers see everyone's answers, members per the setting. */
export async function getPollView(
  db: Database,
  input: { seriesId: string; asOrganiser: boolean } & At,
  viewer: Pick<Actor, "participantId">,
): Promise<PollView> {
  const { series, poll, sessions, slots, requiredIds, people, answers } = await loadSchedulingAggregate(
    db,
    input.seriesId,
  );
  const seeEveryone = input.asOrganiser || poll?.showAnswersToMembers === true;
  const visible = people.filter((p) => seeEveryone || p.participantId === viewer.participantId);
  const visibleIds = new Set(visible.map((p) => p.participantId));
  const tz = series.timeZone;
  const now = input.now ?? new Date();
  return {
    seriesId: input.seriesId,
    timeZone: tz,
    poll: poll
      ? {
          status: poll.status,
          deadline: poll.deadline.toISOString(),
          // The deadline is the end of its day: the day itself is the one before local midnight.
          deadlineDate: instantToLocal(new Date(poll.deadline.getTime() - 1), tz).date,
          minGapDays: poll.minGapDays,
          maxGapDays: poll.maxGapDays,
          showAnswersToMembers: poll.showAnswersToMembers,
          requiredParticipantIds: requiredIds,
          open: pollIsOpen(poll, now),
        }
      : null,
    sessions: sessions.map((s) => ({
      id: s.id,
      position: s.position,
      title: s.title,
      status: s.status,
      startsAt: s.startsAt?.toISOString() ?? null,
      slots: slots.filter((slot) => slot.sessionId === s.id).map((slot) => slotView(slot, tz)),
    })),
    people: visible.map((p) => ({ ...p, required: requiredIds.includes(p.participantId) })),
    answers: answers.filter((a) => visibleIds.has(a.participantId)),
    me: viewer.participantId,
  };
}
