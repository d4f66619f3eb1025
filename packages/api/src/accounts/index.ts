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
  bootstrapOrganiser,
  decideRegistration,
  invitePerson,
  listMembers,
  listRegistrations,
  setParticipantRole,
  updateSeriesSettings,
} from "./review";
export { listMySessions, revokeAllMySessions, revokeMySession } from "./sessions";
