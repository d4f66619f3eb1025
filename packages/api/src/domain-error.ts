import { DEFAULT_LOCALE, type Locale } from "@reeks/models";
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
  | "INTERNAL_SERVER_ERROR";

export interface DomainErrorOptions {
  params?: MessageParams;
  /** The input field at fault (dotted into `fieldErrors`), e.g. `["slots", 0, "start"]`. */
  field?: Array<string | number>;
}

/**
 * What a service throws when a request cannot be done. It names a message, not a text: the language
 * is the caller's (the person's locale over tRPC, the CLI's own), chosen where the error is shown.
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
  if (error instanceof DomainError) return serverMessage(error.key, locale, error.params);
  if (error instanceof Error) return error.message;
  return String(error);
}
