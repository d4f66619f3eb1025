// Scheduling, one module per use case over a shared loader of the aggregate (aggregate.ts).
export type { SlotView } from "./aggregate";
export { saveAvailability } from "./availability";
export {
  calendarFeedForToken,
  calendarFeedPath,
  ensureCalendarFeedToken,
  rotateCalendarFeedToken,
  sessionCalendarPath,
} from "./calendar-feed";
export { cancelSession } from "./cancel";
export { type ConfirmedSession, confirmSchedule, SESSION_REMINDERS } from "./confirm";
export { invitationIcs, sessionUid } from "./ics";
export { JOB_KINDS } from "./job-kinds";
export { joinUrl, type SchedulingMailConfig, schedulingJobHandlers, sessionTitle } from "./jobs";
export { POLL_REMINDER_BEFORE_MS, savePollSettings } from "./settings";
export { addCandidateSlots, removeCandidateSlot } from "./slots";
export { type SuggestedPlan, type Suggestion, suggestSchedule } from "./suggest";
export { getPollView, type PollView } from "./view";
