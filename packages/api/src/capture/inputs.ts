import {
  actionOwnerSchema,
  attributionSchema,
  isoDateSchema,
  LIMITS,
  outcomeKindSchema,
  pollKindSchema,
  reviewVerdictSchema,
} from "@reeks/models";
import { z } from "zod";

/** Input schemas of the capture procedures: every id is a uuid, every text bounded. */
const text = (max: number) => z.string().trim().min(1).max(max);
const sessionId = z.uuid();
const version = z.number().int().min(1).max(2_147_483_647);

export const captureOutcomeInput = z.object({
  sessionId,
  kind: outcomeKindSchema,
  text: text(LIMITS.outcomeText),
  attribution: attributionSchema.optional(),
  themeId: z.uuid().optional(),
  owner: actionOwnerSchema.nullish(),
  dueDate: isoDateSchema.nullish(),
  /** Captured in this breakout group: for the group (and moderators) until it is shared. */
  breakoutGroupId: z.uuid().optional(),
});

export const updateOutcomeInput = z.object({
  sessionId,
  outcomeId: z.uuid(),
  expectedVersion: version,
  text: text(LIMITS.outcomeText).optional(),
  kind: outcomeKindSchema.optional(),
  themeId: z.uuid().optional(),
  attribution: attributionSchema.optional(),
  owner: actionOwnerSchema.nullish(),
  dueDate: isoDateSchema.nullish(),
  key: z.boolean().optional(),
});

export const setOutcomeStatusInput = z.object({
  sessionId,
  outcomeId: z.uuid(),
  status: z.enum(["confirmed", "rejected", "proposed"]),
});

export const mergeOutcomesInput = z.object({
  sessionId,
  /** The item that stays. */
  outcomeId: z.uuid(),
  /** The duplicate folded into it. */
  duplicateId: z.uuid(),
});

export const linkOutcomesInput = z.object({ sessionId, outcomeId: z.uuid(), otherId: z.uuid() });

export const sessionInput = z.object({ sessionId });
export const themeInput = z.object({ seriesId: z.uuid(), themeId: z.uuid() });

export const askQuestionInput = z.object({
  sessionId,
  text: text(LIMITS.questionText),
  anonymous: z.boolean().default(false),
});
export const voteQuestionInput = z.object({ sessionId, questionId: z.uuid(), up: z.boolean() });
export const markQuestionInput = z.object({
  sessionId,
  questionId: z.uuid(),
  answered: z.boolean().optional(),
  highlighted: z.boolean().optional(),
});
export const questionToOutcomeInput = z.object({
  sessionId,
  questionId: z.uuid(),
  kind: outcomeKindSchema.default("problem"),
});

export const createPollInput = z
  .object({
    sessionId,
    question: text(LIMITS.pollQuestion),
    kind: pollKindSchema,
    options: z.array(text(LIMITS.pollOption)).max(LIMITS.pollOptions).default([]),
  })
  .refine((poll) => (poll.kind === "scale" ? poll.options.length === 0 : poll.options.length >= 2), {
    path: ["options"],
    message: "a choice poll needs at least two options; a scale has none",
  });
export const setPollStatusInput = z.object({
  sessionId,
  pollId: z.uuid(),
  status: z.enum(["open", "closed"]),
});
export const votePollInput = z.object({
  sessionId,
  pollId: z.uuid(),
  choices: z.array(z.number().int().min(0).max(LIMITS.pollOptions)).min(1).max(LIMITS.pollOptions),
});
export const pollToOutcomeInput = z.object({
  sessionId,
  pollId: z.uuid(),
  kind: outcomeKindSchema.default("insight"),
});

export const submitSeedInput = z.object({
  sessionId,
  text: text(LIMITS.seedText),
  attribution: attributionSchema.optional(),
});
export const setReviewDeadlineInput = z.object({
  sessionId,
  deadline: z.iso.datetime({ offset: true }).nullable(),
});
export const reviewActionInput = z
  .object({
    sessionId,
    outcomeId: z.uuid(),
    verdict: reviewVerdictSchema,
    comment: text(LIMITS.comment).optional(),
  })
  .refine((review) => review.verdict !== "comment" || review.comment !== undefined, {
    path: ["comment"],
    message: "a comment needs text",
  });

export const liveInput = z.object({ sessionId, lastEventId: z.string().max(40).nullish() });
export const themeLiveInput = themeInput.extend({ lastEventId: z.string().max(40).nullish() });
