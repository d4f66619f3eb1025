import { z } from "zod";

/**
 * anonymous: answers are stored without any link to a person (the default); named: the organisers
 * see who answered what. Respondents see which one applies before they answer.
 */
export const EVALUATION_MODES = ["anonymous", "named"] as const;
export const evaluationModeSchema = z.enum(EVALUATION_MODES);
export type EvaluationMode = z.infer<typeof evaluationModeSchema>;

/** Size limits, shared by the server's validation and the browser's form hints. */
export const EVALUATION_LIMITS = {
  // An answer may become an outcome item, whose text has the same limit (LIMITS.outcomeText).
  answer: 2000,
  question: 300,
  questions: 5,
  deadlineDaysMin: 4,
  deadlineDaysMax: 60,
} as const;

/** An extra question an organiser adds for every session of the series. */
export const evaluationQuestionSchema = z.object({
  id: z.uuid(),
  text: z.string().trim().min(1).max(EVALUATION_LIMITS.question),
});
export type EvaluationQuestion = z.infer<typeof evaluationQuestionSchema>;

export const evaluationSettingsSchema = z.object({
  mode: evaluationModeSchema,
  deadlineDays: z
    .number()
    .int()
    .min(EVALUATION_LIMITS.deadlineDaysMin)
    .max(EVALUATION_LIMITS.deadlineDaysMax),
  questions: z.array(evaluationQuestionSchema).max(EVALUATION_LIMITS.questions),
});
export type EvaluationSettings = z.infer<typeof evaluationSettingsSchema>;

/** Open answers may be left empty; only usefulness is required. */
const openAnswer = z.string().max(EVALUATION_LIMITS.answer);

export const evaluationAnswersSchema = z.object({
  usefulness: z.number().int().min(1).max(5),
  essayMust: openAnswer,
  changeNext: openAnswer,
  /** By extra question id. */
  extra: z.record(z.uuid(), openAnswer),
});
export type EvaluationAnswers = z.infer<typeof evaluationAnswersSchema>;

/** The open questions every evaluation asks, as fields of a response. */
export const EVALUATION_OPEN_FIELDS = ["essayMust", "changeNext"] as const;
export type EvaluationOpenField = (typeof EVALUATION_OPEN_FIELDS)[number];
