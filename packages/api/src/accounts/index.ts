export { type AuditLine, type AuditPerson, seriesAuditLog } from "./audit-log";
export { bootstrapOrganiser } from "./bootstrap";
export { hasAdministrator, makeFirstAdministrator } from "./first-administrator";
export { listMembers, listRegistrations } from "./lists";
export { compose, decisionMail, invitationMail } from "./mails";
export {
  anonymisePerson,
  columnsReferencingPeople,
  EXPORT_COVERAGE,
  eraseMyAccount,
  exportMyData,
  type MyDataExport,
} from "./my-data";
export {
  PARTICIPANT_MESSAGE_KINDS,
  type ParticipantMessageKind,
  participantMessageInput,
  previewParticipantMessage,
  sendParticipantMessage,
} from "./participant-messages";
export { myParticipation, registerInterest, registrationInfo } from "./registration";
export {
  purgeDueAt,
  purgeExpiredSeries,
  purgeUnconfirmedRegistrations,
  UNCONFIRMED_REGISTRATION_DAYS,
} from "./retention";
export {
  approveRegistrations,
  decideRegistration,
  invitePerson,
  type ReviewDeps,
  setParticipantRole,
  updateSeriesSettings,
} from "./review";
export { seatJobHandlers } from "./seat-jobs";
export { fillFreedPlaces, SEAT_FREED_JOB, type SeatFreedPayload } from "./seats";
export { listMySessions, revokeAllMySessions, revokeMySession } from "./sessions";
export {
  beginSetup,
  claimSetupLink,
  hashSetupToken,
  issueSetupLink,
  SETUP_LINK_TTL_MS,
  SETUP_PATH,
  type SetupLinkState,
  setupLinkState,
} from "./setup-link";
