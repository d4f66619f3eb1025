import { TRPCError } from "@trpc/server";

/**
 * Carried as the cause of a CONFLICT so the error formatter can hand the loser of a concurrent edit
 * the newer version (`error.data.conflict`): nothing is lost silently, and they see what won.
 */
export class VersionConflict extends Error {
  constructor(readonly current: unknown) {
    super("changed by someone else in the meantime");
  }
}

export function conflictError(current: unknown): TRPCError {
  return new TRPCError({
    code: "CONFLICT",
    message: "changed by someone else",
    cause: new VersionConflict(current),
  });
}

export function conflictOf(cause: unknown): unknown {
  return cause instanceof VersionConflict ? cause.current : null;
}
