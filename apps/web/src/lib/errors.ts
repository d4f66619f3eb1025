import { TRPCClientError } from "@trpc/client";

/** Field messages from the server (already in the person's language), keyed by field name. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  if (!(error instanceof TRPCClientError)) return {};
  const data = error.data as { fieldErrors?: Record<string, string[]> | null } | undefined;
  return data?.fieldErrors ?? {};
}

export function httpStatusOf(error: unknown): number | null {
  if (!(error instanceof TRPCClientError)) return null;
  return (error.data as { httpStatus?: number } | undefined)?.httpStatus ?? null;
}

/**
 * The server's message when it wrote one for people (rate limits, conflicts: 409, 429, 400 without
 * field errors; 5xx, which the server always words itself, with an error code to report), else null
 * so the caller shows its own generic text.
 */
export function serverMessageOf(error: unknown): string | null {
  const status = httpStatusOf(error);
  if (!(error instanceof TRPCClientError) || status === null) return null;
  if (
    status === 409 ||
    status === 429 ||
    status === 404 ||
    status >= 500 ||
    (status === 400 && !Object.keys(fieldErrorsOf(error)).length)
  ) {
    return error.message;
  }
  return null;
}
