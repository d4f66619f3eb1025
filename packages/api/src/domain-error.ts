import { randomUUID } from "node:crypto";
import { isDatabaseUnavailable } from "@reeks/db";
import { DEFAULT_LOCALE, type Locale } from "@reeks/models";
import { TRPCError } from "@trpc/server";
import { ZodRealError } from "zod";
import { type MessageKey, type MessageParams, serverMessage } from "./messages";

/** The tRPC codes a service may mean; the router layer maps them (packages/api/src/trpc.ts). */
export type DomainErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "TOO_MANY_REQUESTS"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR";

export interface DomainErrorOptions {
  params?: MessageParams;
  /** The input field at fault (dotted into `fieldErrors`), e.g. `["slots", 0, "start"]`. */
  field?: Array<string | number>;
}

/**
 * What a service throws when a request cannot be done. It names a message, not a text: the language
 * is the caller's (the person's locale over tRPC, the CLI's own), chosen where the error is shown,
 * so services need not know tRPC and the CLI prints the same words.
 */
export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: DomainErrorCode;
  readonly key: MessageKey;
  readonly params: MessageParams;
  readonly field: Array<string | number> | null;

  constructor(code: DomainErrorCode, key: MessageKey, options: DomainErrorOptions = {}) {
    // The product's own language for logs and for callers that show `message` as it is.
    super(serverMessage(key, DEFAULT_LOCALE, options.params));
    this.code = code;
    this.key = key;
    this.params = options.params ?? {};
    this.field = options.field ?? null;
  }

  localized(locale: Locale): string {
    return serverMessage(this.key, locale, this.params);
  }
}

/** A BAD_REQUEST for one input field, for rules zod cannot check (e.g. a time skipped by DST). */
export function fieldError(
  field: Array<string | number>,
  key: MessageKey,
  params?: MessageParams,
): DomainError {
  return new DomainError("BAD_REQUEST", key, { field, params });
}

/** The text to show for an error: a domain error in the given language, anything else as it is. */
export function messageOf(error: unknown, locale: Locale): string {
  if (error instanceof DomainError) return error.localized(locale);
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The tRPC error for a domain error, with its message in the person's language. A field error becomes
 * a zod error as its cause, so the errorFormatter reports it in `fieldErrors` like any input error.
 */
export function toTRPCError(error: DomainError, locale: Locale): TRPCError {
  const message = error.localized(locale);
  const cause = error.field
    ? new ZodRealError([
        {
          code: "custom",
          path: error.field,
          message,
          input: undefined,
          params: { i18n: error.key, values: error.params },
        },
      ])
    : error;
  return new TRPCError({ code: error.code, message, cause });
}

/**
 * The tRPC error of a failed call: a domain error anywhere in it (thrown by a service or a middleware)
 * gets its own code; a lost database connection is one too (503, "try again"), not an internal error
 * carrying the failed query. Anything else is left as it is.
 */
export function trpcErrorOf(error: TRPCError, locale: Locale): TRPCError {
  const domain = isDatabaseUnavailable(error)
    ? new DomainError("SERVICE_UNAVAILABLE", "databaseUnavailable")
    : error.cause instanceof DomainError
      ? error.cause
      : null;
  return domain ? toTRPCError(domain, locale) : error;
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
