// @reeks/auth: better-auth with magic links over the Person table, the security policy, and resolving a
// request's signed-in person. Sits beside @reeks/api (on db, mail, models); the server wires both.
// Layering: models ← db ← api ← server; the web app imports only @reeks/models and `import type` from @reeks/api.
export { type Auth, type AuthOptions, accountServices, createAuth } from "./auth";
export { magicLinkMail } from "./mails";
export * from "./policy";
export { resolveSession, type SignedInSession } from "./session";
