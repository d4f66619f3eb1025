export {
  calendarFeedForToken,
  calendarFeedPath,
  ensureCalendarFeedToken,
  rotateCalendarFeedToken,
} from "./calendar-feed";
export { invitationIcs, sessionUid } from "./ics";
export { JOB_KINDS } from "./job-kinds";
export { joinUrl, type SchedulingMailConfig, schedulingJobHandlers } from "./jobs";
export * from "./service";
