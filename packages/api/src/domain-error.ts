import { randomUUID } from "node:crypto";
import type { Locale } from "@reeks/models";
import { isDatabaseUnavailable } from "@reeks/db";
import { TRPCError } from "@trpc/server";
import { type MessageKey, serverMessage } from "./messages";

/** The answers a service may give besides success; the router layer turns them into tRPC codes. */
export type DomainErrorCode = "BAD_REQUEST" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "SERVICE_UNAVAILABLE";

/**
 * An expected failure of a use case, said in the server's message catalogue (nl/en), so that
 * services need not know tRPC and the CLI can print the same words.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(serverMessage(key, "en", params));
    this.name = "DomainError";
  }

  localized(locale: Locale): string {
    return serverMessage(this.key, locale, this.params);
  }
}

/**
 * The tRPC error for a domain error anywhere in a call (thrown by a service or a middleware); a lost
 * database connection is one too (503, "try again"), not an internal error carrying the failed query.
 */
export function trpcErrorOf(error: TRPCError): TRPCError {
  const cause = isDatabaseUnavailable(error)
    ? new DomainError("SERVICE_UNAVAILABLE", "databaseUnavailable")
    : error.cause;
  if (!(cause instanceof DomainError) || error.code === cause.code) return error;
  return new TRPCError({ code: cause.code, message: cause.message, cause });
}

/**
 * Logs an unexpected failure in full under a fresh id and returns the id: the answer carries only
 * the id, so whoever reports it can be matched with the log without the answer showing SQL,
 * parameters or stack frames.
 */
export function reportInternalError(error: unknown, path: string | undefined): string {
  const id = randomUUID().slice(0, 8);
  console.error(`[error ${id}] ${path ?? "?"} failed:`, error);
  return id;
}
