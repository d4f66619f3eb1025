import { TRPCClientError } from "@trpc/client";

/** The most useful message in a failed call: a localized field error when there is one. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof TRPCClientError) {
    const fieldErrors = (error.data as { fieldErrors?: Record<string, string[]> | null } | undefined)
      ?.fieldErrors;
    const first = fieldErrors ? Object.values(fieldErrors).flat()[0] : undefined;
    if (first) return first;
  }
  return fallback;
}

export function errorCode(error: unknown): string | null {
  if (error instanceof TRPCClientError) return (error.data as { code?: string } | undefined)?.code ?? null;
  return null;
}

/** The newer version the server sent along with a CONFLICT. */
export function conflictOf<T>(error: unknown): T | null {
  if (error instanceof TRPCClientError)
    return ((error.data as { conflict?: T } | undefined)?.conflict ?? null) as T | null;
  return null;
}
