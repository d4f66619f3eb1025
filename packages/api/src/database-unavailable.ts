import { isDatabaseUnavailable } from "@reeks/db";
import type { Locale } from "@reeks/models";
import { TRPCError } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { serverMessage } from "./messages";

/**
 * The answer while the database is away: 503 (the client may retry; nothing was written) with a
 * translated message, instead of a 500 carrying the failed query.
 */
export function databaseUnavailableError(locale: Locale): TRPCError {
  return new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: serverMessage("databaseUnavailable", locale),
  });
}

interface ErrorShape {
  message: string;
  code: number;
  data: Record<string, unknown> & { code: string; httpStatus: number };
}

/**
 * For the errorFormatter: a procedure that failed because the database is unreachable is reported as
 * SERVICE_UNAVAILABLE (HTTP 503 follows from `httpStatus`); null for any other error.
 */
export function databaseUnavailableShape<S extends ErrorShape>(
  shape: S,
  error: unknown,
  locale: Locale,
): S | null {
  if (!isDatabaseUnavailable(error)) return null;
  return {
    ...shape,
    message: serverMessage("databaseUnavailable", locale),
    code: TRPC_ERROR_CODES_BY_KEY.SERVICE_UNAVAILABLE,
    data: { ...shape.data, code: "SERVICE_UNAVAILABLE", httpStatus: 503, stack: undefined },
  };
}
