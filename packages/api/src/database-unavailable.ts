import type { Locale } from "@reeks/models";
import { TRPCError } from "@trpc/server";
import { DomainError } from "./domain-error";

/**
 * The answer while the database is away: 503 (the client may retry; nothing was written) with a
 * translated message, instead of a 500 carrying the failed query. For failures before a context
 * exists (the session lookup), so the message is said here in the request's language.
 */
export function databaseUnavailableError(locale: Locale): TRPCError {
  const cause = new DomainError("SERVICE_UNAVAILABLE", "databaseUnavailable");
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: cause.localized(locale), cause });
}
