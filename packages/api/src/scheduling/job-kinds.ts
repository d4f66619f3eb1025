/** Job kinds of the scheduling domain; `mail.send` (packages/jobs) delivers what they render. */
export const JOB_KINDS = {
  invitations: "scheduling.invitations",
  pollReminders: "scheduling.poll-reminders",
  sessionReminders: "scheduling.session-reminders",
} as const;
