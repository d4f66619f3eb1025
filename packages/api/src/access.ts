import type { ParticipantRole } from "@reeks/models";

/**
 * Who may call a procedure. Every procedure declares one (through the procedure it is built on), and
 * the role × procedure test reads it from the router, so nothing can slip through unprotected.
 */
export type Access = "public" | "authed" | "administrator" | ParticipantRole;

/** Higher includes lower: an organiser may do whatever a moderator may. */
export const ROLE_RANK: Record<ParticipantRole, number> = {
  member: 0,
  speaker: 1,
  moderator: 2,
  organiser: 3,
};

export function roleAtLeast(role: ParticipantRole, minimum: ParticipantRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

/**
 * Who the request says it comes from (the session cookie), before any procedure has checked it. Scoped
 * procedures replace it on ctx with the `Actor` they establish (./actor.ts).
 */
export interface SignedIn {
  /** Person.id of the signed-in person. */
  personId: string;
  /** The auth session the request came with (absent in tests that call procedures directly). */
  sessionId?: string;
}
