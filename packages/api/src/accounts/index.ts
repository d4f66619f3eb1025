export { localizedError } from "./errors";
export { decisionMail, invitationMail } from "./mails";
export { anonymisePerson, eraseMyAccount, exportMyData } from "./my-data";
export { myParticipation, registerInterest, registrationInfo } from "./registration";
export { purgeDueAt, purgeExpiredSeries } from "./retention";
export {
  decideRegistration,
  invitePerson,
  listMembers,
  listRegistrations,
  setParticipantRole,
  updateSeriesSettings,
} from "./review";
export { listMySessions, revokeAllMySessions, revokeMySession } from "./sessions";
