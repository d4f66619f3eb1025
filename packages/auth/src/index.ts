export { type Auth, type AuthOptions, createAuth } from "./auth";
export { magicLinkMail } from "./mails";
export * from "./policy";
export { resolveSession, type SignedInSession } from "./session";
