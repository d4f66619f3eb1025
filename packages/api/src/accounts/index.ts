export { bootstrapOrganiser } from "./bootstrap";
export { hasAdministrator, makeFirstAdministrator } from "./first-administrator";
export { listMembers, listRegistrations } from "./lists";
export { decisionMail, invitationMail } from "./mails";
export { anonymisePerson, eraseMyAccount, exportMyData } from "./my-data";
export { myParticipation, registerInterest, registrationInfo } from "./registration";
export {
  purgeDueAt,
  purgeExpiredSeries,
  purgeUnconfirmedRegistrations,
  UNCONFIRMED_REGISTRATION_DAYS,
} from "./retention";
export {
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
