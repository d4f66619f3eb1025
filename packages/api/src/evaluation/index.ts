export {
  EVALUATION_JOBS,
  evaluationJobHandlers,
  evaluationOpenJobs,
  hashEvaluationToken,
  inviteAttendees,
  REMINDER_AFTER_MS,
} from "./invite";
export { type PendingEvaluation, pendingEvaluations } from "./pending";
export { type EvaluationForm, formForActor, formForToken, submitAsActor, submitWithToken } from "./respond";
export {
  type AnswerField,
  answerToOutcome,
  evaluationResults,
  type OpenAnswer,
  type SeriesEvaluationResults,
  type SessionEvaluationResult,
} from "./results";
export { DEFAULT_EVALUATION_SETTINGS, evaluationSettings, updateEvaluationSettings } from "./settings";
