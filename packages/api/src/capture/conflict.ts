import { DomainError } from "../domain-error";

/**
 * A CONFLICT that carries the newer version, so the error formatter can hand the loser of a concurrent
 * edit what won (`error.data.conflict`): nothing is lost silently, and they see what won.
 */
export class VersionConflict<T = unknown> extends DomainError {
  constructor(readonly current: T) {
    super("CONFLICT", "changedMeanwhile");
  }
}

export function conflictOf(cause: unknown): unknown {
  return cause instanceof VersionConflict ? cause.current : null;
}
