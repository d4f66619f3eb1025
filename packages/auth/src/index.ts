export { type Auth, type AuthOptions, accountServices, createAuth } from "./auth";
export { magicLinkMail } from "./mails";
export * from "./policy";
export { resolveSession, type SignedInSession } from "./session";
